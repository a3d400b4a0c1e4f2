"""Writing WebSocket frames straight to a connection's transport.

A broadcast then costs one `transport.write` per peer and no task switch;
aiohttp writes each of its own frames in a single synchronous step, so ours
never interleave with them. A peer that stops reading is dropped, not buffered
without end: its client resyncs when it reconnects.
"""

from __future__ import annotations

import asyncio
import struct
from typing import cast

from aiohttp import web

MAX_BUFFERED_BYTES = 8 * 1024 * 1024
OP_TEXT = 0x1
OP_BINARY = 0x2
OP_PING = 0x9


def frame_header(opcode: int, length: int) -> bytes:
    """The header of a final, unmasked (server → client) frame."""
    first = 0x80 | opcode
    if length < 126:
        return bytes((first, length))
    if length < 1 << 16:
        return struct.pack("!BBH", first, 126, length)
    return struct.pack("!BBQ", first, 127, length)


class FrameWriter:
    """Sends whole frames on one prepared WebSocketResponse, without awaiting."""

    __slots__ = ("socket", "transport")

    def __init__(self, socket: web.WebSocketResponse, transport: asyncio.BaseTransport) -> None:
        self.socket = socket
        # uvloop's transports have the WriteTransport methods without its class.
        self.transport = cast(asyncio.WriteTransport, transport)

    def write(self, opcode: int, payload: bytes) -> bool:
        """Writes one frame; False if the connection is gone or too far behind."""
        if not self._writable():
            return False
        self.transport.write(frame_header(opcode, len(payload)) + payload)
        return True

    def write_many(self, opcode: int, payloads: list[bytes]) -> bool:
        """Writes several frames with one system call."""
        if not self._writable():
            return False
        self.transport.write(b"".join([frame_header(opcode, len(p)) + p for p in payloads]))
        return True

    def abort(self) -> None:
        """Cuts the connection now, dropping whatever it had not sent yet."""
        self.transport.abort()

    def _writable(self) -> bool:
        transport = self.transport
        if self.socket.closed or transport.is_closing():
            return False
        if transport.get_write_buffer_size() > MAX_BUFFERED_BYTES:
            transport.abort()  # close() would wait for the buffer to drain; it never will
            return False
        return True
