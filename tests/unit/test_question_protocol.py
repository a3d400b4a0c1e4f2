"""The question's events validate like every other: bad ids, sizes and shapes are refused."""

from __future__ import annotations

import json
from typing import Any

import pytest

from desktop.protocol import ProtocolError, ReportTests, SetQuestion, SetTests, decode


def frame(kind: str, payload: dict[str, Any]) -> str:
    return json.dumps({"type": kind, "payload": payload})


def test_valid_question_events_decode_to_their_models() -> None:
    assert isinstance(decode(frame("set-question", {"statement": "# Q"})), SetQuestion)
    tests = decode(frame("set-tests", {"tests": [{"id": "a-1", "expected": "1"}]}))
    assert isinstance(tests, SetTests)
    assert (tests.tests[0].kind, tests.tests[0].compare, tests.tests[0].hidden) == (
        "stdio",
        "trimmed",
        False,
    )
    result = {"id": "a-1", "status": "timeout", "duration_ms": 2000}
    report = decode(frame("test-results", {"language": "python", "code": "", "results": [result]}))
    assert isinstance(report, ReportTests)


@pytest.mark.parametrize(
    ("kind", "payload"),
    [
        ("set-question", {"statement": "x" * 20_001}),
        ("set-question", {}),
        ("set-tests", {"tests": [{"id": "has space", "expected": ""}]}),
        ("set-tests", {"tests": [{"id": "x" * 33, "expected": ""}]}),
        ("set-tests", {"tests": [{"id": "a"}, {"id": "a"}]}),
        ("set-tests", {"tests": [{"id": f"t{i}"} for i in range(51)]}),
        ("set-tests", {"tests": [{"id": "a", "kind": "shell"}]}),
        ("set-tests", {"tests": [{"id": "a", "compare": "fuzzy"}]}),
        ("test-results", {"language": "python", "code": "", "results": []}),
        ("test-results", {"language": "cobol", "code": "", "results": [{"id": "a"}]}),
        (
            "test-results",
            {"language": "python", "code": "", "results": [{"id": "a", "status": "pass"}]},
        ),
        (
            "test-results",
            {
                "language": "python",
                "code": "",
                "results": [{"id": "a", "status": "pass", "duration_ms": -1}],
            },
        ),
    ],
)
def test_bad_question_events_are_refused(kind: str, payload: dict[str, Any]) -> None:
    with pytest.raises(ProtocolError) as refused:
        decode(frame(kind, payload))
    assert refused.value.code == "invalid-event"
