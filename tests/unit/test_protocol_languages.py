"""The relay's list of languages (desktop/languages.py) and the protocol's checks against it."""

from __future__ import annotations

import json
from pathlib import PurePosixPath

import pytest
from pygments.lexers import get_lexer_by_name
from pygments.util import ClassNotFound

from desktop import languages
from desktop.protocol import ExecuteCode, ProtocolError, decode

IDS = languages.ids()


def test_the_list_holds_the_contracts_languages_with_python_first() -> None:
    assert IDS[:5] == ("python", "javascript", "typescript", "sql", "ruby")
    assert IDS[0] == languages.DEFAULT_LANGUAGE


@pytest.mark.parametrize("language", IDS)
def test_every_language_is_accepted_in_execute_code(language: str) -> None:
    frame = json.dumps({"type": "execute-code", "payload": {"language": language, "code": "x"}})
    assert decode(frame) == ExecuteCode(language=language, code="x")


@pytest.mark.parametrize("language", ["java", "PYTHON", " python", "", 1, None])
def test_anything_else_is_refused_and_the_error_lists_the_languages(language: object) -> None:
    frame = json.dumps({"type": "execute-code", "payload": {"language": language, "code": "x"}})
    with pytest.raises(ProtocolError) as refused:
        decode(frame)
    assert refused.value.code == "invalid-event"
    assert refused.value.message.startswith("Invalid 'execute-code' payload — language: ")
    error = json.loads(refused.value.to_frame())
    assert error["type"] == "error"
    assert set(error["payload"]) == {"code", "message"}
    if isinstance(language, str):
        assert languages.choices() in error["payload"]["message"]


def test_choices_read_like_a_sentence() -> None:
    assert languages.choices().startswith('"python", "javascript", ')
    assert languages.choices().endswith(f' or "{IDS[-1]}"')


@pytest.mark.parametrize("language", languages.all_languages(), ids=IDS)
def test_every_language_names_a_pygments_lexer_and_safe_runtime_paths(
    language: languages.Language,
) -> None:
    try:
        get_lexer_by_name(language.pygments)
    except ClassNotFound:
        pytest.fail(f"{language.id}: no Pygments lexer {language.pygments!r}")
    if language.runtime is None:
        return
    for name in language.runtime.files:
        path = PurePosixPath(name)
        assert not path.is_absolute()
        assert ".." not in path.parts
        assert "\\" not in name


def test_labels_come_from_the_list_and_unknown_ids_show_as_they_are() -> None:
    assert languages.label("sql") == "SQL (SQLite)"
    assert languages.label("ruby") == "Ruby"
    assert languages.label("cobol") == "cobol"


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ('{"languages": []}', "unique and present"),
        (
            '{"languages": [{"id": "ruby", "label": "Ruby", "extension": "rb",'
            ' "pygments": "ruby", "runtime": null}]}',
            "default",
        ),
        (
            '{"languages": [{"id": "python", "label": "", "extension": "py",'
            ' "pygments": "python3", "runtime": null}]}',
            "'label'",
        ),
        (
            '{"languages": [{"id": "python", "label": "Python", "extension": "py",'
            ' "pygments": "python3", "runtime": {"package": "p", "files": []}}]}',
            "runtime files",
        ),
    ],
)
def test_a_malformed_list_fails_at_start_up(text: str, problem: str) -> None:
    with pytest.raises(ValueError, match=problem):
        languages.parse(text)
