from __future__ import annotations

import json

import pytest

from desktop.protocol import (
    ErrorInfo,
    ExecuteCode,
    ExecutionResult,
    Hello,
    ProtocolError,
    decode,
    encode,
)


def frame(kind: str, payload: object) -> str:
    return json.dumps({"type": kind, "payload": payload})


def test_valid_events_decode_to_their_models() -> None:
    assert decode(frame("hello", {"name": "  Ada "})) == Hello(name="Ada")
    assert decode(frame("execute-code", {"language": "javascript", "code": "1"})) == ExecuteCode(
        language="javascript", code="1"
    )
    result = decode(frame("execution-result", {"run_id": "r", "output": "2\n", "error": None}))
    assert result == ExecutionResult(run_id="r", output="2\n", error=None)


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", "invalid-json"),
        ("null", "invalid-event"),
        ('{"type": 5}', "invalid-event"),
        (frame("nope", {}), "unknown-event"),
        (frame("hello", {"name": "x", "admin": True}), "invalid-event"),
        (frame("execution-result", {"run_id": "r", "output": 1, "error": None}), "invalid-event"),
    ],
)
def test_invalid_events_raise_protocol_errors_with_codes(text: str, code: str) -> None:
    with pytest.raises(ProtocolError) as raised:
        decode(text)
    assert raised.value.code == code
    assert raised.value.message


def test_result_events_encode_exactly_their_three_fields() -> None:
    sent = json.loads(encode(ExecutionResult(run_id="r", output="", error="ReferenceError: x")))
    assert sent == {
        "type": "execution-result",
        "payload": {"run_id": "r", "output": "", "error": "ReferenceError: x"},
    }


def test_error_frames_have_code_and_message() -> None:
    sent = json.loads(encode(ErrorInfo(code="too-large", message="m")))
    assert sent == {"type": "error", "payload": {"code": "too-large", "message": "m"}}
