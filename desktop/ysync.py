"""The y-websocket wire format (lib0 encoding), small enough to own outright.

Owning the codec lets the relay forward received bytes unchanged and parse only
the header it needs, which is most of what makes a Python relay fast.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import IntEnum


class MessageType(IntEnum):
    SYNC = 0
    AWARENESS = 1
    AUTH = 2
    QUERY_AWARENESS = 3


class SyncType(IntEnum):
    STEP1 = 0
    STEP2 = 1
    UPDATE = 2


class DecodeError(ValueError):
    """The bytes are not a well-formed y-websocket message."""


class Reader:
    """A cursor over lib0-encoded bytes."""

    __slots__ = ("data", "pos")

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.pos = 0

    def var_uint(self) -> int:
        result = 0
        shift = 0
        data = self.data
        while True:
            if self.pos >= len(data):
                raise DecodeError("truncated variable-length integer")
            byte = data[self.pos]
            self.pos += 1
            result |= (byte & 0x7F) << shift
            if byte < 0x80:
                return result
            shift += 7
            if shift > 63:
                raise DecodeError("variable-length integer is too long")

    def var_bytes(self) -> bytes:
        length = self.var_uint()
        end = self.pos + length
        if end > len(self.data):
            raise DecodeError("truncated byte array")
        chunk = self.data[self.pos : end]
        self.pos = end
        return chunk

    def var_string(self) -> str:
        try:
            return self.var_bytes().decode("utf-8")
        except UnicodeDecodeError as error:
            raise DecodeError("string is not valid UTF-8") from error

    def at_end(self) -> bool:
        return self.pos >= len(self.data)


def var_uint(value: int) -> bytes:
    out = bytearray()
    while value > 0x7F:
        out.append((value & 0x7F) | 0x80)
        value >>= 7
    out.append(value)
    return bytes(out)


def var_bytes(data: bytes) -> bytes:
    return var_uint(len(data)) + data


def var_string(text: str) -> bytes:
    return var_bytes(text.encode("utf-8"))


@dataclass(frozen=True, slots=True)
class SyncMessage:
    kind: SyncType
    payload: bytes


def sync_message(kind: SyncType, payload: bytes) -> bytes:
    """A whole sync message: step 1 carries a state vector, step 2 and update an update."""
    return bytes((MessageType.SYNC, kind)) + var_bytes(payload)


def awareness_message(update: bytes) -> bytes:
    return bytes((MessageType.AWARENESS,)) + var_bytes(update)


def parse_sync(reader: Reader) -> SyncMessage:
    """The rest of a sync message, after its message type."""
    kind = reader.var_uint()
    if kind not in (SyncType.STEP1, SyncType.STEP2, SyncType.UPDATE):
        raise DecodeError(f"unknown sync message type {kind}")
    payload = reader.var_bytes()
    return SyncMessage(SyncType(kind), payload)


def plain_update(message: bytes) -> bytes | None:
    """The payload of a sync update message (type 0, 2), else None; the common case, fast.

    Editors send little else, so this reads the header in place without a
    Reader; anything unusual, malformed included, is left to the full parser.
    """
    if len(message) < 3 or message[0] != 0 or message[1] != 2:
        return None
    length = message[2]
    if length < 0x80:
        start = 3
    elif len(message) > 3 and message[3] < 0x80:
        length = (length & 0x7F) | (message[3] << 7)
        start = 4
    else:
        return None  # 16 KiB or more: rare, the full parser takes it
    if start + length != len(message):
        return None
    return message[start:]
