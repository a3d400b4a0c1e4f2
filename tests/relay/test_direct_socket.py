"""DirectSocket: binary frames reach the callback at once; aiohttp keeps doing the rest.

These tests pin the two aiohttp internals DirectSocket relies on: if an aiohttp
upgrade changes them, binary messages stop arriving here and these fail.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field

import aiohttp
import pytest
from aiohttp import WSMsgType, web

from desktop.relay.direct_socket import DirectSocket
from desktop.relay.frames import FrameWriter
from desktop.relay.liveness import Liveness

MAX_FRAME = 1024


@dataclass
class Seen:
    """What the server side of one connection got, and when the handler ended."""

    binary: list[bytes] = field(default_factory=list)
    through_receive: list[tuple[WSMsgType, object]] = field(default_factory=list)
    handler_done: asyncio.Event = field(default_factory=asyncio.Event)
    delivered: asyncio.Event = field(default_factory=asyncio.Event)
    changed: asyncio.Condition = field(default_factory=asyncio.Condition)

    def take_binary(self, message: bytes) -> None:
        self.binary.append(message)
        asyncio.get_running_loop().create_task(self._notify())

    async def took_text(self, kind: WSMsgType, data: object) -> None:
        self.through_receive.append((kind, data))
        await self._notify()

    async def _notify(self) -> None:
        async with self.changed:
            self.changed.notify_all()

    async def until(self, check: Callable[[], bool], timeout: float = 5.0) -> None:
        async with asyncio.timeout(timeout), self.changed:
            await self.changed.wait_for(check)


@dataclass
class Server:
    url: str
    seen: list[Seen]
    liveness: Liveness


@pytest.fixture
async def server() -> AsyncIterator[Server]:
    seen: list[Seen] = []
    liveness = Liveness(heartbeat_seconds=0.3)

    async def handler(request: web.Request) -> web.WebSocketResponse:
        record = Seen()
        seen.append(record)
        socket = DirectSocket(max_msg_size=MAX_FRAME)
        await socket.prepare(request)
        assert request.transport is not None
        if request.query.get("late"):
            await asyncio.sleep(0.2)  # frames sent meanwhile must wait, in order
        socket.deliver_to(record.take_binary)
        record.delivered.set()
        if request.query.get("watch"):
            liveness.watch(socket, FrameWriter(socket, request.transport))
        try:
            async for message in socket:
                await record.took_text(message.type, message.data)
        finally:
            liveness.forget(socket)
            record.handler_done.set()
        return socket

    app = web.Application()
    app.router.add_get("/ws", handler)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    yield Server(f"http://127.0.0.1:{port}/ws", seen, liveness)
    await liveness.stop()
    await runner.cleanup()


async def test_binary_frames_go_to_the_callback_in_order_and_nothing_else_does(
    server: Server, session: aiohttp.ClientSession
) -> None:
    client = await session.ws_connect(server.url)
    for index in range(50):
        await client.send_bytes(bytes([index]))
    await client.send_str("hello")
    record = server.seen[0]
    await record.until(lambda: len(record.binary) == 50 and bool(record.through_receive))
    assert record.binary == [bytes([index]) for index in range(50)]
    assert record.through_receive == [(WSMsgType.TEXT, "hello")]
    await client.close()
    await asyncio.wait_for(record.handler_done.wait(), 5)


async def test_frames_before_the_callback_is_set_are_kept_for_it(
    server: Server, session: aiohttp.ClientSession
) -> None:
    client = await session.ws_connect(server.url + "?late=1")
    for index in range(5):
        await client.send_bytes(bytes([index]))
    record = server.seen[0]
    await asyncio.wait_for(record.delivered.wait(), 5)
    await client.send_bytes(b"after")
    await record.until(lambda: len(record.binary) == 6)
    assert record.binary == [bytes([index]) for index in range(5)] + [b"after"]
    await client.close()


async def test_pings_are_answered_and_an_oversized_frame_closes_with_1009(
    server: Server, session: aiohttp.ClientSession
) -> None:
    client = await session.ws_connect(server.url, autoping=False)
    await client.ping(b"are you there")
    reply = await client.receive(timeout=5)
    assert (reply.type, reply.data) == (WSMsgType.PONG, b"are you there")
    await client.send_bytes(b"x" * (MAX_FRAME + 1))
    closing = await client.receive(timeout=5)
    assert closing.type == WSMsgType.CLOSE
    assert closing.data == aiohttp.WSCloseCode.MESSAGE_TOO_BIG
    await asyncio.wait_for(server.seen[0].handler_done.wait(), 5)
    assert server.seen[0].binary == []


async def test_liveness_keeps_a_quiet_peer_that_answers_pings_and_drops_a_dead_one(
    server: Server, session: aiohttp.ClientSession
) -> None:
    answering = await session.ws_connect(server.url + "?watch=1")
    reading = asyncio.create_task(answering.receive())  # aiohttp answers pings as it reads
    dead = await session.ws_connect(server.url + "?watch=1", autoping=False)
    records = server.seen
    await asyncio.wait_for(records[1].handler_done.wait(), 5)  # dropped within ~1 s
    await asyncio.sleep(1.0)  # several more sweeps; the answering peer stays
    assert not records[0].handler_done.is_set()
    assert not answering.closed
    assert not reading.done()
    reading.cancel()
    await answering.close()
    await dead.close()
