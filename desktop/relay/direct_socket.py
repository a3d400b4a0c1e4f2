"""A WebSocket whose binary messages reach a callback as soon as they are parsed.

aiohttp queues every message for the handler task to `receive()`: a future, a
task switch and a coroutine resumption per message. Document sockets carry
every keystroke of every participant, so their binary frames go straight from
the parser to the room, inside the callback that read them from the socket.
Everything else (close, ping, text, protocol errors, end of stream) still goes
through aiohttp's queue and `receive()`, unchanged.

This leans on two internals of the pinned aiohttp: `_post_start` wiring a
parser to a `WebSocketDataQueue`, and the parser calling `feed_data` on it.
tests/relay/test_direct_socket.py fails if either changes.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from aiohttp import WSMsgType, web
from aiohttp._websocket.reader import WebSocketDataQueue, WebSocketReader
from aiohttp.helpers import DEFAULT_CHUNK_SIZE
from aiohttp.web_protocol import RequestHandler

BINARY = WSMsgType.BINARY
PONG = WSMsgType.PONG


class _DirectQueue(WebSocketDataQueue):
    """Hands binary messages to the socket; queues the rest for `receive()`."""

    def __init__(
        self, protocol: RequestHandler, loop: asyncio.AbstractEventLoop, owner: DirectSocket
    ) -> None:
        super().__init__(protocol, DEFAULT_CHUNK_SIZE, loop=loop)
        self.owner = owner

    def feed_data(self, data: Any, size: int) -> None:
        owner = self.owner
        owner.heard = True
        kind = data[0]
        if kind is BINARY:
            owner.on_binary(data[1])
        elif kind is not PONG:  # a pong only proves the peer is alive
            super().feed_data(data, size)


class DirectSocket(web.WebSocketResponse):
    """A server WebSocket that calls `on_binary` for each binary message, in order.

    Messages that arrive before `deliver_to` is called are kept and handed over
    then. `heard` turns true on every frame from the peer; `Liveness` uses it
    instead of aiohttp's per-connection heartbeat timers.
    """

    def __init__(self, *, max_msg_size: int) -> None:
        super().__init__(heartbeat=None, max_msg_size=max_msg_size, compress=False)
        self.early: list[bytes] = []
        self.on_binary: Callable[[bytes], None] = self.early.append
        self.heard = True

    def deliver_to(self, on_binary: Callable[[bytes], None]) -> None:
        """From now on binary messages go to `on_binary`, starting with any kept ones."""
        self.on_binary = on_binary
        early, self.early = self.early, []
        for message in early:
            on_binary(message)

    def _post_start(self, request: web.BaseRequest, protocol: str | None, writer: Any) -> None:
        # aiohttp's own _post_start, with our queue in place of its queue.
        self._ws_protocol = protocol
        self._writer = writer
        loop = self._loop
        assert loop is not None
        self._reader = queue = _DirectQueue(request._protocol, loop, self)
        self._parser = WebSocketReader(
            queue, self._max_msg_size, compress=False, decode_text=self._decode_text
        )
        request.protocol.set_parser(self._parser)
        request.protocol.keep_alive(False)
