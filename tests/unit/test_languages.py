"""The language list has one source, desktop/languages.json: the web UI's typed ids, its
registry and the runner test cases must all agree with it."""

from __future__ import annotations

import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LIST = json.loads((ROOT / "desktop" / "languages.json").read_text())
IDS = [entry["id"] for entry in LIST["languages"]]


def test_ids_are_lower_case_and_unique() -> None:
    assert IDS[:2] == ["python", "javascript"]
    assert len(set(IDS)) == len(IDS)
    assert all(re.fullmatch(r"[a-z][a-z0-9]*", language) for language in IDS)


def test_web_ui_types_the_same_ids() -> None:
    source = (ROOT / "webui" / "src" / "languages" / "list.ts").read_text()
    declared = re.search(r"LANGUAGE_IDS = \[([^\]]*)\] as const", source)
    assert declared is not None
    assert re.findall(r"'([a-z0-9]+)'", declared.group(1)) == IDS


def test_registry_names_only_listed_languages_each_with_its_folder() -> None:
    registry = (ROOT / "webui" / "src" / "runners" / "registry.ts").read_text()
    body = registry[registry.index("const MODULES") :]
    registered = re.findall(r"^\s+(\w+): \w+Module,$", body, flags=re.MULTILINE)
    assert registered, "no modules found in registry.ts"
    assert set(registered) <= set(IDS)
    for language in registered:
        assert (ROOT / "webui" / "src" / "runners" / language / "index.ts").is_file()
