from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from pycrdt import Doc, Text

from desktop.awareness import encode_update
from desktop.rooms import UNNAMED_AUTHOR
from desktop.settings import Limits
from desktop.ysync import SyncType, awareness_message, sync_message
from tests.support.inprocess_relay import RunningRelay, start_relay
from tests.support.ydoc_client import YClient


async def joined(relay: RunningRelay, room: str, name: str) -> YClient:
    client = await YClient(relay.ws, room, name).connect()
    await asyncio.wait_for(client.synced.wait(), 5)
    return client


def relay_text(relay: RunningRelay, room: str) -> str:
    loaded = relay.context.rooms.loaded[room]
    return str(loaded.document.doc.get("code", type=Text))


async def test_concurrent_edits_converge_with_the_relay_copy(relay: RunningRelay) -> None:
    room = relay.create_room()
    alice, bob = await joined(relay, room, "alice"), await joined(relay, room, "bob")
    for i in range(30):
        alice.insert(0, f"a{i};")
        bob.insert(len(bob.code()), f"b{i};")
        await asyncio.sleep(0)
    expected_length = sum(len(f"a{i};") + len(f"b{i};") for i in range(30))
    for client in (alice, bob):
        await client.wait_until(lambda c=client: len(c.code()) == expected_length)  # type: ignore[misc]
    assert alice.code() == bob.code() == relay_text(relay, room)
    await alice.close()
    await bob.close()


async def test_late_joiner_gets_full_document_and_everyones_presence(relay: RunningRelay) -> None:
    room = relay.create_room()
    alice = await joined(relay, room, "alice")
    await alice.announce({"name": "Alice", "color": "#c33"})
    alice.insert(0, "print('hi')\n")
    await asyncio.sleep(0.05)
    late = await joined(relay, room, "late")
    assert late.code() == "print('hi')\n"
    assert late.meta.to_py() == {"language": "python"}
    await late.wait_until(lambda: len(late.presence) == 1, timeout=2)
    # No participant stands behind alice's socket (no token): the relay says so in her label.
    assert next(iter(late.presence.values()))["user"]["name"] == UNNAMED_AUTHOR
    await alice.close()
    await late.close()


async def test_presence_disappears_when_a_connection_closes(relay: RunningRelay) -> None:
    room = relay.create_room()
    alice, bob = await joined(relay, room, "alice"), await joined(relay, room, "bob")
    await alice.announce({"name": "Alice", "color": "#c33"})
    await bob.wait_until(lambda: len(bob.presence) == 1)
    await alice.close()  # no awareness goodbye: the relay must remove her itself
    await bob.wait_until(lambda: not bob.presence, timeout=2)
    await bob.close()


async def test_updates_are_forwarded_without_echo_to_the_sender(relay: RunningRelay) -> None:
    room = relay.create_room()
    alice, bob = await joined(relay, room, "alice"), await joined(relay, room, "bob")
    received_before = len(alice.received)
    alice.insert(0, "x")
    await bob.wait_until(lambda: bob.code() == "x")
    await asyncio.sleep(0.05)
    assert len(alice.received) == received_before
    await alice.close()
    await bob.close()


GARBAGE = [
    b"",
    b"\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff\xff",
    bytes([0, 2, 50]) + b"short",  # update whose length runs past the frame
    bytes([0, 2, 3]) + b"\xff\xfe\xfd",  # update that is not a Yjs update
    bytes([0, 7, 0]),  # unknown sync step
    bytes([9]),  # unknown message type
    awareness_message(b"\x01\x05\x01\x03{x"),  # awareness state that is not JSON
    sync_message(SyncType.UPDATE, b"\x00\x00") + b"trailing",
]


@pytest.mark.parametrize("frame", GARBAGE)
async def test_garbage_frame_closes_only_that_socket_and_leaves_the_room_intact(
    relay: RunningRelay, session: aiohttp.ClientSession, frame: bytes
) -> None:
    room = relay.create_room()
    alice = await joined(relay, room, "alice")
    alice.insert(0, "keep me")
    await asyncio.sleep(0.05)
    attacker = await session.ws_connect(f"{relay.ws}/ws/{room}/doc")
    await attacker.send_bytes(frame)
    closing = await attacker.receive(timeout=5)
    while closing.type == aiohttp.WSMsgType.BINARY:  # the relay's sync step 1 comes first
        closing = await attacker.receive(timeout=5)
    assert closing.type == aiohttp.WSMsgType.CLOSE
    assert closing.extra
    assert "Malformed" in closing.extra
    alice.insert(7, "!")
    fresh = await joined(relay, room, "fresh")
    await fresh.wait_until(lambda: fresh.code() == "keep me!")
    await alice.close()
    await fresh.close()


async def test_text_frames_on_the_document_socket_are_refused(
    relay: RunningRelay, session: aiohttp.ClientSession
) -> None:
    room = relay.create_room()
    socket = await session.ws_connect(f"{relay.ws}/ws/{room}/doc")
    await socket.send_str("hello")
    message = await socket.receive(timeout=5)
    while message.type == aiohttp.WSMsgType.BINARY:
        message = await socket.receive(timeout=5)
    assert message.type == aiohttp.WSMsgType.CLOSE
    assert "binary" in (message.extra or "")


async def test_updates_survive_a_clean_restart(relay: RunningRelay, tmp_path: object) -> None:
    room = relay.create_room()
    alice = await joined(relay, room, "alice")
    alice.insert(0, "def f():\n    return 1\n")
    bob = await joined(relay, room, "bob")
    await bob.wait_until(lambda: "return 1" in bob.code())
    await alice.close()
    await bob.close()
    data_dir = relay.context.settings.data_dir
    await relay.stop()
    again = await start_relay(data_dir)
    try:
        reader = await joined(again, room, "reader")
        assert reader.code() == "def f():\n    return 1\n"
        await reader.close()
    finally:
        await again.stop()


def test_pycrdt_updates_written_by_the_relay_load_in_a_plain_doc(tmp_path: object) -> None:
    """The stored log is standard Yjs: any Yjs implementation can rebuild the room."""
    source: Doc[Any] = Doc()
    source["code"] = text = Text()
    text += "abc"
    copy: Doc[Any] = Doc()
    copy.apply_update(source.get_update())
    assert str(copy.get("code", type=Text)) == "abc"
    assert encode_update([]) == b"\x00"


async def test_heartbeat_drops_a_silent_connection_and_its_presence(
    tmp_path: Path, session: aiohttp.ClientSession
) -> None:
    quick = await start_relay(tmp_path, Limits(heartbeat_seconds=0.4))
    try:
        room = quick.create_room()
        watcher = await joined(quick, room, "watcher")
        # A peer that never answers pings, like a laptop that went to sleep.
        silent = await session.ws_connect(f"{quick.ws}/ws/{room}/doc", autoping=False)
        state = json.dumps({"user": {"name": "Sleepy"}})
        await silent.send_bytes(awareness_message(encode_update([(7, 1, state)])))
        await watcher.wait_until(lambda: 7 in watcher.presence, timeout=2)
        await watcher.wait_until(lambda: 7 not in watcher.presence, timeout=5)
        assert len(quick.context.rooms.loaded[room].document.peers) == 1
        await watcher.close()
    finally:
        await quick.stop()


async def test_a_lone_client_hears_its_own_presence_so_it_does_not_time_out(
    relay: RunningRelay,
) -> None:
    """y-websocket clients reconnect after 30 s of silence; alone, only the relay can speak."""
    room = relay.create_room()
    alone = await joined(relay, room, "alone")
    await alone.announce({"name": "Waiting interviewer"})
    await alone.wait_until(lambda: alone.doc.client_id in alone.presence, timeout=2)
    company = await joined(relay, room, "company")
    before = len(company.received)
    await alone.announce({"name": "Waiting interviewer", "cursor": 1})
    await company.wait_until(lambda: len(company.received) > before)
    echoes = [frame for frame in alone.received if frame[0] == 1]
    assert len(echoes) == 1  # with company in the room, no more echoes
    await alone.close()
    await company.close()


async def test_a_peer_that_stops_reading_is_dropped_not_buffered_without_end(
    tmp_path: Path, session: aiohttp.ClientSession
) -> None:
    # A document bigger than the stored-size cap allows, so the peer falls 8 MB behind.
    relay = await start_relay(tmp_path, Limits(max_document_bytes=64 * 2**20))
    room = relay.create_room()
    writer = await joined(relay, room, "writer")
    # Never reads: once its buffers are full the relay's copy for it piles up.
    stalled = await session.ws_connect(f"{relay.ws}/ws/{room}/doc", max_msg_size=0)
    stalled_transport = stalled._response.connection.transport  # type: ignore[union-attr]
    assert stalled_transport is not None
    stalled_transport.pause_reading()
    block = "x" * 600_000
    for _ in range(40):  # ~24 MB for the stalled peer, more than its 8 MB allowance
        writer.insert(0, block)
        await asyncio.sleep(0.02)
    loaded = relay.context.rooms.loaded[room]
    # Well before the 15 s heartbeat could notice the silence.
    await writer.wait_until(lambda: len(loaded.document.peers) == 1, timeout=5)
    assert len(relay_text(relay, room)) == 40 * len(block)  # nothing lost for the others
    await writer.close()
    await relay.stop()
