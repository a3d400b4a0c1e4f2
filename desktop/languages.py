"""The languages a room can use, read from desktop/languages.json (the web UI reads it too).

One list keeps the relay's validation, the transcript's labels and highlighting, and the
runtime files the relay serves at /runtimes/<id>/<file> in step with the picker and runners.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

#: The language of a room nobody chose one for (and of rooms stored before there was a choice).
DEFAULT_LANGUAGE = "python"


@dataclass(frozen=True, slots=True)
class Runtime:
    """The files of an npm package (in pyodide_bundle/node_modules) a language's runner loads."""

    package: str
    files: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Language:
    id: str
    label: str
    extension: str
    pygments: str
    runtime: Runtime | None


def parse(text: str) -> tuple[Language, ...]:
    """The languages of a languages.json text; a malformed list fails loudly at start-up."""
    entries = json.loads(text)["languages"]
    languages = tuple(_language(entry) for entry in entries)
    ids = [language.id for language in languages]
    if not ids or len(set(ids)) != len(ids):
        raise ValueError(f"languages.json: ids must be unique and present, got {ids}")
    if DEFAULT_LANGUAGE not in ids:
        raise ValueError(f"languages.json: the default {DEFAULT_LANGUAGE!r} is missing")
    return languages


@cache
def all_languages() -> tuple[Language, ...]:
    """The packaged list, read once per process."""
    text = resources.files("desktop").joinpath("languages.json").read_text(encoding="utf-8")
    return parse(text)


@cache
def ids() -> tuple[str, ...]:
    return tuple(language.id for language in all_languages())


def is_language(value: object) -> bool:
    return isinstance(value, str) and value in ids()


def by_id(language_id: str) -> Language:
    """The language `language_id`, or the default one for an unknown id (an old or odd row)."""
    for language in all_languages():
        if language.id == language_id:
            return language
    return by_id(DEFAULT_LANGUAGE)


def label(language_id: str) -> str:
    """What people read for a language id; an unknown id is shown as it is."""
    if not is_language(language_id):
        return language_id
    return by_id(language_id).label


def choices() -> str:
    """The ids as an error message lists them: "python", "javascript" or "ruby"."""
    quoted = [f'"{language_id}"' for language_id in ids()]
    return ", ".join(quoted[:-1]) + " or " + quoted[-1] if len(quoted) > 1 else quoted[0]


def _language(entry: dict[str, Any]) -> Language:
    runtime = entry.get("runtime")
    return Language(
        id=_text(entry, "id"),
        label=_text(entry, "label"),
        extension=_text(entry, "extension"),
        pygments=_text(entry, "pygments"),
        runtime=None if runtime is None else _runtime(runtime),
    )


def _runtime(entry: dict[str, Any]) -> Runtime:
    files = entry.get("files")
    if not isinstance(files, list) or not files or not all(isinstance(f, str) for f in files):
        raise ValueError(f"languages.json: runtime files must be a list of paths, got {files!r}")
    return Runtime(package=_text(entry, "package"), files=tuple(files))


def _text(entry: dict[str, Any], key: str) -> str:
    value = entry.get(key)
    if not isinstance(value, str) or not value:
        raise ValueError(f"languages.json: {key!r} must be a non-empty string in {entry!r}")
    return value
