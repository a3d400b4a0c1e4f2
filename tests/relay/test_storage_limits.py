"""Attack 3 of issue 10: storage without end — document size, runs, and a full disk."""

from __future__ import annotations

import asyncio
import shutil
from pathlib import Path
from typing import Any

import aiohttp
from pycrdt import Doc, Text

from desktop.client_cap import MAX_CLIENTS
from desktop.run_quota import TRUNCATED
from desktop.settings import Limits
from desktop.ysync import SyncType, sync_message
from tests.support.events_client import EventsClient
from tests.support.inprocess_relay import HOST_KEY, RunningRelay, start_relay
from tests.support.yclient import fetch_document
from tests.support.ydoc_client import YClient

HOST = {"Authorization": f"Bearer {HOST_KEY}"}


async def join(
    session: aiohttp.ClientSession, relay: RunningRelay, room: str, name: str, **hello: Any
) -> tuple[EventsClient, dict[str, Any]]:
    client = await EventsClient.connect(session, relay.ws, room)
    return client, await client.hello(name, **hello)


async def run(client: EventsClient, code: str) -> dict[str, Any]:
    """Sends a run; the relay's answer: the announced run, or the error."""
    await client.send("execute-code", {"language": "python", "code": code})
    while True:
        event = await client.receive()
        if event["type"] == "error" or (
            event["type"] == "execute-code" and event["payload"]["code"] == code
        ):
            return event


async def editor(relay: RunningRelay, room: str, token: str) -> YClient:
    client = await YClient(relay.ws, room, "editor", token=token).connect()
    await asyncio.wait_for(client.synced.wait(), 10)
    return client


async def test_a_document_stops_growing_at_its_cap_and_keeps_what_it_has(
    tmp_path: Path, session: aiohttp.ClientSession
) -> None:
    limits = Limits(max_document_bytes=64 * 1024)
    relay = await start_relay(tmp_path, limits)
    room = relay.create_room()
    events, welcome = await join(session, relay, room, "Carl")
    writer = await editor(relay, room, welcome["token"])
    writer.insert(0, "a" * 40_000)
    await writer.wait_until(lambda: relay.context.rooms.loaded[room].document.stored_bytes > 40_000)
    writer.insert(0, "b" * 40_000)
    error = await events.receive_type("error")
    assert error["code"] == "document-full"
    assert "MiB" in error["message"]
    assert (await fetch_document(relay.ws, room)).code == "a" * 40_000
    assert writer.socket is not None
    assert not writer.socket.closed
    await writer.close()
    await events.close()
    await relay.stop()
    again = await start_relay(tmp_path, limits)
    try:
        assert (await fetch_document(again.ws, room)).code == "a" * 40_000
    finally:
        await again.stop()


async def test_runs_stop_at_the_participants_share_and_the_rooms(
    tmp_path: Path, session: aiohttp.ClientSession
) -> None:
    limits = Limits(max_run_bytes_per_participant=100_000, max_run_bytes_per_room=140_000)
    relay = await start_relay(tmp_path, limits)
    try:
        room = relay.create_room()
        host, _ = await join(session, relay, room, "Ines", host_key=HOST_KEY)
        mallory, _ = await join(session, relay, room, "Mallory")
        eve, _ = await join(session, relay, room, "Eve")
        code = "x = 1\n" * 5_000  # 30,000 bytes
        others = "y = 2\n" * 5_000
        assert [(await run(mallory, code))["type"] for _ in range(4)] == [
            "execute-code",
            "execute-code",
            "execute-code",
            "error",
        ]
        refused = await run(mallory, code)
        assert refused["payload"]["code"] == "storage-full"
        assert "your share" in refused["payload"]["message"]
        assert (await run(eve, others))["type"] == "execute-code"
        room_full = await run(eve, others)
        assert room_full["payload"]["code"] == "storage-full"
        assert "room" in room_full["payload"]["message"]
        # The host's runs do not count against the room: candidates cannot stop them.
        assert (await run(host, "z = 3\n" * 5_000))["type"] == "execute-code"
        stored = relay.context.store.recent_runs(room, 100)
        assert [r.by_name for r in stored] == ["Mallory"] * 3 + ["Eve", "Ines"]
        await asyncio.gather(host.close(), mallory.close(), eve.close())
    finally:
        await relay.stop()


async def test_a_result_past_the_share_is_stored_cut(
    tmp_path: Path, session: aiohttp.ClientSession
) -> None:
    limits = Limits(max_run_bytes_per_participant=50_000)
    relay = await start_relay(tmp_path, limits)
    try:
        room = relay.create_room()
        carl, _ = await join(session, relay, room, "Carl")
        started = (await run(carl, "print('y' * 10**6)"))["payload"]
        await carl.send(
            "execution-result", {"run_id": started["run_id"], "output": "y" * 60_000, "error": None}
        )
        result = await carl.receive_type("execution-result")
        assert result["output"].endswith(TRUNCATED)
        assert len(result["output"].encode()) <= 50_000
        (stored,) = relay.context.store.recent_runs(room, 10)
        assert stored.output == result["output"]
    finally:
        await relay.stop()


async def test_under_the_disk_floor_nothing_new_is_written_and_everything_is_served(
    tmp_path: Path, session: aiohttp.ClientSession
) -> None:
    relay = await start_relay(tmp_path)
    room = relay.create_room("kept")
    events, welcome = await join(session, relay, room, "Carl")
    writer = await editor(relay, room, welcome["token"])
    writer.insert(0, "print('kept')")
    await writer.wait_until(lambda: relay.context.rooms.loaded[room].document.stored_bytes > 13)
    started = (await run(events, "print('kept')"))["payload"]
    await events.send(
        "execution-result", {"run_id": started["run_id"], "output": "kept\n", "error": None}
    )
    await events.receive_type("execution-result")
    await writer.close()
    await events.close()
    await relay.stop()

    free = shutil.disk_usage(tmp_path).free
    low = await start_relay(tmp_path, Limits(min_free_disk_bytes=free + 10**15))
    try:
        async with session.post(low.http + "/api/rooms", headers=HOST, json={}) as reply:
            assert reply.status == 507
            assert "disk" in (await reply.json())["error"]
        async with session.post(
            low.http + "/api/templates",
            headers=HOST,
            json={"title": "t", "language": "python", "code": "x"},
        ) as reply:
            assert reply.status == 507
        events, welcome = await join(session, low, room, "Carl")
        writer = await editor(low, room, welcome["token"])
        assert writer.code() == "print('kept')"
        writer.insert(0, "# lost? ")
        error = await events.receive_type("error")
        assert error["code"] == "disk-full"
        refused = await run(events, "print(2)")
        assert refused["payload"]["code"] == "disk-full"
        assert (await fetch_document(low.ws, room)).code == "print('kept')"
        async with session.get(
            low.http + f"/api/rooms/{room}/export?format=json", headers=HOST
        ) as reply:
            assert reply.status == 200
            transcript = await reply.json()
        assert transcript["code"] == "print('kept')"
        assert [r["output"] for r in transcript["runs"]] == ["kept\n"]
        await writer.close()
        await events.close()
    finally:
        await low.stop()


async def test_a_flood_of_new_clients_stops_at_the_cap(
    relay: RunningRelay, session: aiohttp.ClientSession
) -> None:
    # Concurrent inserts of thousands of clients make every later apply slow.
    room = relay.create_room()
    socket = await session.ws_connect(f"{relay.ws}/ws/{room}/doc")
    for _ in range(MAX_CLIENTS + 20):
        fake: Doc[Any] = Doc()
        fake.get("code", type=Text).insert(0, "ab")
        await socket.send_bytes(sync_message(SyncType.UPDATE, fake.get_update()))
    document = relay.context.rooms.loaded[room].document
    for _ in range(500):
        if len(document.clients.known) >= MAX_CLIENTS:
            break
        await asyncio.sleep(0.02)
    await asyncio.sleep(0.2)  # the last 20 have been read too
    assert not socket.closed
    assert len((await fetch_document(relay.ws, room)).code) == 2 * (MAX_CLIENTS - 1)
    await socket.close()


async def test_candidates_runs_are_paced_per_room(
    relay: RunningRelay, session: aiohttp.ClientSession
) -> None:
    room = relay.create_room()
    host, _ = await join(session, relay, room, "Ines", host_key=HOST_KEY)
    carl, _ = await join(session, relay, room, "Carl")
    answers = [(await run(carl, f"print({n})"))["type"] for n in range(14)]
    assert answers[:10] == ["execute-code"] * 10
    refused = await run(carl, "print('again')")
    assert refused["type"] == "error"
    assert refused["payload"]["code"] == "too-many-runs"
    assert (await run(host, "print('host')"))["type"] == "execute-code"  # never paced
    await asyncio.gather(host.close(), carl.close())
