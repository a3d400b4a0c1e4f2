"""Attack 2 of issue 10: connections without end, from one machine, on real sockets."""

from __future__ import annotations

import asyncio
import logging
import resource
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest

from desktop.relay.log_limits import limit_connection_logs
from desktop.settings import Limits
from tests.support.inprocess_relay import HOST_KEY, RunningRelay, start_relay
from tests.support.relay_process import RelayProcess

HALF_A_REQUEST = b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: "
CLOSED_WITHIN = 10.0  # how long a test waits for the relay to close a socket


OPEN: list[asyncio.StreamWriter] = []  # a writer that is collected closes its socket


async def half_open(relay: RunningRelay, source: str = "127.0.0.1") -> asyncio.StreamReader:
    """A connection that sends the start of a request and never finishes it."""
    reader, writer = await asyncio.open_connection("127.0.0.1", relay.port, local_addr=(source, 0))
    writer.write(HALF_A_REQUEST)
    await writer.drain()
    OPEN.append(writer)
    return reader


@pytest.fixture(autouse=True)
async def close_half_open() -> AsyncIterator[None]:
    yield None
    for writer in OPEN:
        writer.transport.abort()
    OPEN.clear()
    await asyncio.sleep(0)


async def is_closed(reader: asyncio.StreamReader, within: float = 0.0) -> bool:
    """Whether the relay closed the connection (now, or within `within` seconds)."""
    try:
        data = await asyncio.wait_for(reader.read(1), timeout=max(within, 0.05))
    except TimeoutError:
        return False
    except ConnectionResetError:
        return True
    return data == b""


async def host_can_list_rooms(relay: RunningRelay) -> bool:
    async with aiohttp.ClientSession() as session:
        reply = await session.get(
            f"{relay.http}/api/rooms", headers={"Authorization": f"Bearer {HOST_KEY}"}
        )
        return reply.status == 200


async def test_host_api_answers_while_its_own_address_holds_the_most_unfinished_requests(
    tmp_path: Path,
) -> None:
    limits = Limits(waiting_requests_per_address=8)
    relay = await start_relay(tmp_path, limits)
    try:
        stuck = [await half_open(relay) for _ in range(8)]
        assert not any([await is_closed(reader) for reader in stuck])
        assert await host_can_list_rooms(relay)
        # Making way for the host's request closed the oldest unfinished one.
        assert await is_closed(stuck[0], within=CLOSED_WITHIN)
        more = [await half_open(relay) for _ in range(8)]
        closed = [await is_closed(reader, within=0.5) for reader in stuck[1:]]
        assert all(closed), "newer unfinished requests push out the older ones"
        assert not any([await is_closed(reader) for reader in more[-4:]])
        assert await host_can_list_rooms(relay)
    finally:
        await relay.stop()


async def test_one_address_cannot_hold_more_than_its_connections(tmp_path: Path) -> None:
    relay = await start_relay(tmp_path, Limits(connections_per_address=6))
    try:
        held = [await half_open(relay, source="127.0.0.2") for _ in range(6)]
        over = await half_open(relay, source="127.0.0.2")
        assert await is_closed(over, within=CLOSED_WITHIN)
        assert not any([await is_closed(reader) for reader in held])
        assert await host_can_list_rooms(relay), "another address is not affected"
    finally:
        await relay.stop()


async def test_a_request_whose_headers_never_end_is_closed(tmp_path: Path) -> None:
    relay = await start_relay(tmp_path, Limits(request_head_seconds=0.3))
    try:
        reader = await half_open(relay)
        assert await is_closed(reader, within=CLOSED_WITHIN)
    finally:
        await relay.stop()


async def test_an_idle_keep_alive_connection_is_closed(tmp_path: Path) -> None:
    relay = await start_relay(tmp_path, Limits(keepalive_seconds=0.3))
    try:
        reader, writer = await asyncio.open_connection("127.0.0.1", relay.port)
        OPEN.append(writer)
        writer.write(b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n")
        head = await reader.readuntil(b"\r\n\r\n")
        assert head.startswith(b"HTTP/1.1 200")
        length = int(head.lower().split(b"content-length: ")[1].split(b"\r\n")[0])
        await reader.readexactly(length)
        assert await is_closed(reader, within=CLOSED_WITHIN)
    finally:
        await relay.stop()


async def test_an_events_socket_that_never_says_hello_is_closed(tmp_path: Path) -> None:
    relay = await start_relay(tmp_path, Limits(hello_seconds=0.3))
    try:
        room = relay.create_room()
        async with aiohttp.ClientSession() as session:
            socket = await session.ws_connect(f"{relay.ws}/ws/{room}/events")
            message = await socket.receive(timeout=CLOSED_WITHIN)
            assert message.type == aiohttp.WSMsgType.CLOSE
            assert message.data == 1008
            assert "hello" in str(message.extra)
    finally:
        await relay.stop()


async def test_a_document_socket_that_never_speaks_is_closed(tmp_path: Path) -> None:
    relay = await start_relay(tmp_path, Limits(hello_seconds=0.3))
    try:
        room = relay.create_room()
        async with aiohttp.ClientSession() as session:
            socket = await session.ws_connect(f"{relay.ws}/ws/{room}/doc")
            while True:
                message = await socket.receive(timeout=CLOSED_WITHIN)
                if message.type != aiohttp.WSMsgType.BINARY:
                    break  # the relay's own sync request comes first
            assert message.type == aiohttp.WSMsgType.CLOSE
            assert message.data == 1008
    finally:
        await relay.stop()


async def test_sockets_waiting_for_hello_make_way_for_a_newcomer(tmp_path: Path) -> None:
    relay = await start_relay(tmp_path, Limits(waiting_sockets_per_room=3))
    try:
        room = relay.create_room()
        async with aiohttp.ClientSession() as session:
            silent = [await session.ws_connect(f"{relay.ws}/ws/{room}/events") for _ in range(3)]
            host = await session.ws_connect(f"{relay.ws}/ws/{room}/events")
            closed = await silent[0].receive(timeout=CLOSED_WITHIN)
            assert closed.type == aiohttp.WSMsgType.CLOSE
            await host.send_json(
                {"type": "hello", "payload": {"name": "Ines", "host_key": HOST_KEY}}
            )
            while True:
                event = await host.receive_json(timeout=5)
                if event["type"] == "welcome":
                    break
            assert event["payload"]["role"] == "host"
    finally:
        await relay.stop()


async def test_refused_connections_are_logged_once_in_a_while(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    relay = await start_relay(tmp_path, Limits(connections_per_address=2))
    limit_connection_logs().next_allowed.clear()  # other tests' refusals count too
    try:
        with caplog.at_level(logging.WARNING, logger="desktop.relay.connection_guard"):
            held = [await half_open(relay) for _ in range(2)]
            refused = [await half_open(relay) for _ in range(40)]
            assert all([await is_closed(reader, within=CLOSED_WITHIN) for reader in refused])
        lines = [r for r in caplog.records if r.name == "desktop.relay.connection_guard"]
        assert 1 <= len(lines) <= 2, [r.getMessage() for r in lines]
        assert held
    finally:
        await relay.stop()


def test_serve_raises_its_open_file_limit_to_the_hard_limit(tmp_path: Path) -> None:
    _soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard <= 256:
        pytest.skip("the hard limit leaves nothing to raise")

    class LowLimitRelay(RelayProcess):
        def command(self) -> list[str]:
            return ["prlimit", f"--nofile=256:{hard}", "--", *super().command()]

    relay = LowLimitRelay(tmp_path).start()
    try:
        assert relay.process is not None
        limits = Path(f"/proc/{relay.process.pid}/limits").read_text()
        line = next(row for row in limits.splitlines() if row.startswith("Max open files"))
        assert line.split()[3:5] == [str(hard), str(hard)], line
    finally:
        relay.stop()
