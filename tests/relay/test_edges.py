"""Attack 7 of issue 10: names that are not this machine's, odd paths, deep JSON."""

from __future__ import annotations

import http.client
import json
from pathlib import Path

import aiohttp
import pytest

from desktop import paths
from tests.support.events_client import EventsClient
from tests.support.inprocess_relay import HOST_KEY, RunningRelay, start_relay
from tests.support.relay_process import RelayProcess

HOST = {"Authorization": f"Bearer {HOST_KEY}"}


async def test_a_rebound_name_cannot_open_sockets_or_call_the_api(
    relay: RunningRelay, session: aiohttp.ClientSession
) -> None:
    room = relay.create_room()
    evil = f"evil.example:{relay.port}"
    with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
        await session.ws_connect(
            f"{relay.ws}/ws/{room}/events", headers={"Host": evil, "Origin": f"http://{evil}"}
        )
    assert refused.value.status == 421
    with pytest.raises(aiohttp.WSServerHandshakeError):
        await session.ws_connect(f"{relay.ws}/ws/{room}/doc", headers={"Host": evil})
    async with session.get(relay.http + "/api/rooms", headers={**HOST, "Host": evil}) as reply:
        assert reply.status == 421
        assert "--allow-host" in await reply.text()
    async with session.get(relay.http + f"/r/{room}", headers={"Host": evil}) as reply:
        assert reply.status == 421


@pytest.mark.parametrize("name", ["127.0.0.1", "localhost", "[::1]", "127.0.0.7", "LOCALHOST."])
async def test_loopback_names_are_answered(
    relay: RunningRelay, session: aiohttp.ClientSession, name: str
) -> None:
    async with session.get(
        relay.http + "/api/rooms", headers={**HOST, "Host": f"{name}:{relay.port}"}
    ) as reply:
        assert reply.status == 200


async def test_this_machines_host_name_and_allowed_names_are_answered(
    tmp_path: Path, session: aiohttp.ClientSession
) -> None:
    import socket

    relay = await start_relay(tmp_path, allowed_hosts=("interview-box",))
    try:
        room = relay.create_room()
        for name in ("interview-box", socket.gethostname()):
            socket_ = await session.ws_connect(
                f"{relay.ws}/ws/{room}/events", headers={"Host": f"{name}:{relay.port}"}
            )
            await socket_.close()
    finally:
        await relay.stop()


def test_serve_allow_host_lets_a_named_machine_in(tmp_path: Path) -> None:
    relay = RelayProcess(tmp_path, extra_args=["--allow-host", "some-name"]).start()
    try:
        statuses = {}
        for name in ("some-name", "other-name"):
            connection = http.client.HTTPConnection("127.0.0.1", relay.port, timeout=10)
            connection.request("GET", "/healthz", headers={"Host": f"{name}:{relay.port}"})
            statuses[name] = connection.getresponse().status
            connection.close()
        assert statuses == {"some-name": 200, "other-name": 421}
    finally:
        relay.stop()


@pytest.mark.parametrize("name", ["console.html", "package.json", "pyodide.js.map", "ffi.d.ts"])
async def test_pyodide_serves_only_what_the_runner_loads(
    relay: RunningRelay, session: aiohttp.ClientSession, name: str
) -> None:
    if not (paths.pyodide_dir() / name).is_file():
        pytest.skip(f"{name} is not in this Pyodide bundle")
    async with session.get(relay.http + "/pyodide/" + name) as reply:
        assert reply.status == 404
    async with session.get(relay.http + "/pyodide/pyodide.mjs") as reply:
        assert reply.status == 200


@pytest.mark.parametrize(
    "path", ["/pyodide/%00", "/pyodide/a%00b.js", "/assets/%00", "/%00", "/pyodide/" + "a" * 5000]
)
async def test_odd_paths_get_a_clean_404(
    relay: RunningRelay, session: aiohttp.ClientSession, path: str
) -> None:
    async with session.get(relay.http + path) as reply:
        assert reply.status == 404
        assert "Traceback" not in await reply.text()


async def test_an_event_nested_a_thousand_deep_gets_an_error_and_the_socket_stays_up(
    relay: RunningRelay, session: aiohttp.ClientSession
) -> None:
    room = relay.create_room()
    client = await EventsClient.connect(session, relay.ws, room)
    deep = '{"type": "hello", "payload": ' + "[" * 1000 + "]" * 1000 + "}"
    await client.socket.send_str(deep)
    error = await client.receive_type("error")
    assert error["code"] in ("invalid-json", "invalid-event")
    for depth in (10_000, 30_000):
        await client.socket.send_str("[" * depth + "]" * depth)
        assert (await client.receive_type("error"))["code"] == "invalid-json"
    welcome = await client.hello("Carl")
    assert welcome["role"] == "candidate"
    assert json.dumps(welcome)
