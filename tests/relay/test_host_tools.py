"""Interviewer tools, enforced by the relay: notes privacy, lock, runs, removal, ending."""

from __future__ import annotations

import asyncio
from typing import Any

import aiohttp
import pytest

from tests.support.events_client import EventsClient
from tests.support.inprocess_relay import HOST_KEY, RunningRelay
from tests.support.ydoc_client import YClient

SECRET = "candidate-must-never-see-this-7f3a"


async def member(
    session: aiohttp.ClientSession, relay: RunningRelay, room: str, name: str, host: bool = False
) -> tuple[EventsClient, dict[str, Any]]:
    events = await EventsClient.connect(session, relay.ws, room)
    welcome = await events.hello(name, host_key=HOST_KEY if host else None)
    return events, welcome


async def synced(client: YClient) -> YClient:
    await client.connect()
    await asyncio.wait_for(client.synced.wait(), 5)
    return client


async def test_candidates_never_receive_the_notes(
    relay: RunningRelay, session: aiohttp.ClientSession
) -> None:
    room = relay.create_room()
    host_events, host = await member(session, relay, room, "Ines", host=True)
    carl_events, candidate = await member(session, relay, room, "Carl")
    notes = await synced(YClient(relay.ws, room, "notes", kind="notes", token=host["token"]))
    notes.notes.insert(0, SECRET)
    code_view = await synced(YClient(relay.ws, room, "carl", token=candidate["token"]))
    anonymous = await synced(YClient(relay.ws, room, "anon"))
    # A forged sync request and an awareness query on the code socket give only the code.
    assert code_view.socket is not None
    await code_view.socket.send_bytes(b"\x00\x00\x01\x00")
    await code_view.socket.send_bytes(b"\x03")
    await asyncio.sleep(0.2)
    for token in (None, candidate["token"], "forged-token", host["token"] + "x"):
        query = f"?token={token}" if token else ""
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await session.ws_connect(f"{relay.ws}/ws/{room}/notes{query}")
        assert refused.value.status == 403
    for client in (code_view, anonymous):
        assert all(SECRET.encode() not in frame for frame in client.received)
        assert str(client.notes) == ""
    stored = relay.context.store.load_updates(room, "notes")
    assert any(SECRET.encode() in row.data for row in stored)
    assert all(SECRET.encode() not in row.data for row in relay.context.store.load_updates(room))
    for client in (notes, code_view, anonymous):
        await client.close()
    await host_events.close()
    await carl_events.close()


async def test_lock_refuses_candidate_edits_everywhere_and_unlock_restores(
    relay: RunningRelay, session: aiohttp.ClientSession
) -> None:
    room = relay.create_room()
    host_events, host = await member(session, relay, room, "Ines", host=True)
    carl_events, carl = await member(session, relay, room, "Carl")
    host_doc = await synced(YClient(relay.ws, room, "ines", token=host["token"]))
    carl_doc = await synced(YClient(relay.ws, room, "carl", token=carl["token"]))
    await host_events.send("set-controls", {"locked": True})
    assert (await carl_events.receive_type("room-state"))["locked"] is True
    rows_before = relay.context.store.count_updates(room)
    carl_doc.insert(0, "sneaky")
    error = await carl_events.receive_type("error")
    assert error["code"] == "editor-locked"
    host_doc.insert(0, "host edit")
    await carl_doc.wait_until(lambda: "host edit" in carl_doc.code())
    await asyncio.sleep(0.1)
    assert "sneaky" not in host_doc.code()
    assert relay.context.store.count_updates(room) == rows_before + 1
    # Told its edit was refused, the client starts again from the relay's copy (the web UI
    # does the same), so its next edits build on what everyone has.
    await carl_doc.close()
    carl_doc = await synced(YClient(relay.ws, room, "carl", token=carl["token"]))
    assert carl_doc.code() == "host edit"
    await host_events.send("set-controls", {"locked": False})
    await carl_events.receive_type("room-state")
    carl_doc.insert(0, "fair ")
    await host_doc.wait_until(lambda: "fair " in host_doc.code())
    await host_doc.close()
    await carl_doc.close()


async def test_candidates_cannot_use_host_controls(
    relay: RunningRelay, session: aiohttp.ClientSession
) -> None:
    room = relay.create_room()
    carl_events, _ = await member(session, relay, room, "Carl")
    for kind, payload in (
        ("set-controls", {"locked": True}),
        ("remove-participant", {"participant_id": "x"}),
        ("end-interview", {}),
    ):
        await carl_events.send(kind, payload)
        assert (await carl_events.receive_type("error"))["code"] == "host-only"
    assert relay.context.store.load_controls(room).locked is False


async def test_disabled_runs_refuse_candidates_but_not_the_host(
    relay: RunningRelay, session: aiohttp.ClientSession
) -> None:
    room = relay.create_room()
    host_events, _ = await member(session, relay, room, "Ines", host=True)
    carl_events, _ = await member(session, relay, room, "Carl")
    await host_events.send("set-controls", {"runs_disabled": True})
    await carl_events.receive_type("room-state")
    await carl_events.send("execute-code", {"language": "python", "code": "1"})
    assert (await carl_events.receive_type("error"))["code"] == "runs-disabled"
    await host_events.send("execute-code", {"language": "python", "code": "2"})
    assert (await carl_events.receive_type("execute-code"))["code"] == "2"


async def test_removed_participant_is_told_and_disconnected(
    relay: RunningRelay, session: aiohttp.ClientSession
) -> None:
    room = relay.create_room()
    host_events, _ = await member(session, relay, room, "Ines", host=True)
    carl_events, carl = await member(session, relay, room, "Carl")
    carl_doc = await synced(YClient(relay.ws, room, "carl", token=carl["token"]))
    await host_events.send("remove-participant", {"participant_id": carl["participant_id"]})
    assert (await carl_events.receive_type("error"))["code"] == "removed"
    closing = await carl_events.socket.receive(timeout=5)
    assert closing.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED)
    await carl_doc.wait_until(lambda: carl_doc.socket is not None and carl_doc.socket.closed)
    names = ["Ines", "Carl"]
    while names != ["Ines"]:
        update = await host_events.receive_type("participants")
        names = [p["name"] for p in update["participants"]]


async def test_ending_makes_the_room_read_only_for_everyone_for_good(
    relay: RunningRelay, session: aiohttp.ClientSession
) -> None:
    room = relay.create_room()
    host_events, host = await member(session, relay, room, "Ines", host=True)
    host_doc = await synced(YClient(relay.ws, room, "ines", token=host["token"]))
    host_doc.insert(0, "final answer")
    await asyncio.sleep(0.1)
    await host_events.send("end-interview", {})
    assert (await host_events.receive_type("room-state"))["ended"] is True
    host_doc.insert(0, "too late ")
    await host_events.send("execute-code", {"language": "python", "code": "1"})
    codes = {(await host_events.receive_type("error"))["code"] for _ in range(2)}
    assert codes == {"editor-locked", "interview-ended"}
    await host_doc.close()
    reader = await synced(YClient(relay.ws, room, "reader"))
    assert reader.code() == "final answer"
    await reader.close()
    assert relay.context.store.load_controls(room).ended_at is not None
