from __future__ import annotations

import pytest

from desktop.ysync import (
    DecodeError,
    MessageType,
    Reader,
    SyncType,
    parse_sync,
    plain_update,
    sync_message,
    var_bytes,
    var_string,
    var_uint,
)


@pytest.mark.parametrize("value", [0, 1, 127, 128, 300, 2**21, 2**53 - 1])
def test_var_uint_round_trips(value: int) -> None:
    assert Reader(var_uint(value)).var_uint() == value


def test_var_uint_matches_lib0_bytes() -> None:
    assert var_uint(300) == b"\xac\x02"


def test_strings_and_bytes_round_trip() -> None:
    reader = Reader(var_string("héllo") + var_bytes(b"\x00\x01"))
    assert reader.var_string() == "héllo"
    assert reader.var_bytes() == b"\x00\x01"
    assert reader.at_end()


def test_sync_message_layout() -> None:
    message = sync_message(SyncType.UPDATE, b"abc")
    assert message == bytes([MessageType.SYNC, SyncType.UPDATE, 3]) + b"abc"
    reader = Reader(message)
    assert reader.var_uint() == MessageType.SYNC
    parsed = parse_sync(reader)
    assert (parsed.kind, parsed.payload) == (SyncType.UPDATE, b"abc")


@pytest.mark.parametrize(
    "data", [b"", b"\x80", b"\xff" * 12, var_uint(10) + b"short", var_uint(2) + b"\xff\xfe"]
)
def test_truncated_or_invalid_input_raises_decode_error(data: bytes) -> None:
    def read_both() -> None:
        reader = Reader(data)
        reader.var_uint()
        reader.var_string()

    with pytest.raises(DecodeError):
        read_both()


def test_unknown_sync_type_is_refused() -> None:
    with pytest.raises(DecodeError, match="unknown sync"):
        parse_sync(Reader(b"\x05\x00"))


@pytest.mark.parametrize("size", [0, 1, 127, 128, 5000, 16383])
def test_the_update_fast_path_agrees_with_the_full_parser(size: int) -> None:
    payload = bytes(range(256)) * (size // 256) + bytes(range(size % 256))
    message = sync_message(SyncType.UPDATE, payload)
    reader = Reader(message)
    assert reader.var_uint() == MessageType.SYNC
    assert parse_sync(reader).payload == payload
    assert plain_update(message) == payload


@pytest.mark.parametrize(
    "message",
    [
        sync_message(SyncType.UPDATE, b"x" * 16384),  # long: left to the full parser
        sync_message(SyncType.STEP2, b"abc"),
        sync_message(SyncType.STEP1, b"\x00"),
        sync_message(SyncType.UPDATE, b"abc") + b"trailing",
        sync_message(SyncType.UPDATE, b"abc")[:-1],  # truncated
        b"\x00\x02\x85",  # truncated length
        b"\x00\x02",
        b"\x01\x02\x00",
    ],
)
def test_the_update_fast_path_leaves_everything_else_alone(message: bytes) -> None:
    assert plain_update(message) is None
