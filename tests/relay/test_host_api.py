"""The host's HTTP API: playback history, transcript, templates, past interviews."""

from __future__ import annotations

import asyncio
import base64
import time
from typing import Any

import aiohttp
import pytest
from pycrdt import Doc, Text

from tests.support.events_client import EventsClient
from tests.support.inprocess_relay import HOST_KEY, RunningRelay
from tests.support.ydoc_client import YClient

HOST = {"Authorization": f"Bearer {HOST_KEY}"}


async def get_json(session: aiohttp.ClientSession, url: str) -> Any:
    async with session.get(url, headers=HOST) as reply:
        assert reply.status == 200, await reply.text()
        return await reply.json()


def text_at(history: dict[str, Any], moment: float) -> str:
    doc: Doc[Any] = Doc()
    for entry in history["updates"]:
        if entry["at"] <= moment:
            doc.apply_update(base64.b64decode(entry["update"]))
    return str(doc.get("code", type=Text))


async def test_playback_reproduces_the_text_at_chosen_moments(
    relay: RunningRelay, session: aiohttp.ClientSession
) -> None:
    room = relay.create_room()
    carl = await EventsClient.connect(session, relay.ws, room)
    welcome = await carl.hello("Carl")
    writer = YClient(relay.ws, room, "writer", token=welcome["token"])
    await writer.connect()
    await asyncio.wait_for(writer.synced.wait(), 5)
    await writer.announce({"name": "Interviewer"})  # a claim: authors come from the relay
    snapshots: list[tuple[float, str]] = []
    for step in ("def add(a, b):\n", "    return a + b\n", "\nprint(add(1, 2))\n"):
        writer.insert(len(writer.code()), step)
        await asyncio.sleep(0.15)
        snapshots.append((time.time(), writer.code()))
        await asyncio.sleep(0.15)
    writer.text.__delitem__(slice(0, 4))  # "def " → "add(…" : deletions replay too
    await asyncio.sleep(0.15)
    snapshots.append((time.time(), writer.code()))
    history = await get_json(session, f"{relay.http}/api/rooms/{room}/history")
    for moment, expected in snapshots:
        assert text_at(history, moment) == expected
    assert {entry["author"] for entry in history["updates"][1:]} == {"Carl"}
    await writer.close()
    await carl.close()


async def test_transcript_holds_code_runs_and_notes_and_needs_the_key(
    relay: RunningRelay, session: aiohttp.ClientSession
) -> None:
    room = relay.create_room("Pairing")
    host = await EventsClient.connect(session, relay.ws, room)
    welcome = await host.hello("Ines", host_key=HOST_KEY)
    notes = YClient(relay.ws, room, "notes", kind="notes", token=welcome["token"])
    await notes.connect()
    await asyncio.wait_for(notes.synced.wait(), 5)
    notes.notes.insert(0, "Strong on tests.")
    code = YClient(relay.ws, room, "code", token=welcome["token"])
    await code.connect()
    await asyncio.wait_for(code.synced.wait(), 5)
    code.insert(0, "print(1 + 1)\n")
    await host.send("execute-code", {"language": "python", "code": "print(1 + 1)\n"})
    run_id = (await host.receive_type("execute-code"))["run_id"]
    await host.send("execution-result", {"run_id": run_id, "output": "2\n", "error": None})
    await host.receive_type("execution-result")
    await asyncio.sleep(0.1)
    url = f"{relay.http}/api/rooms/{room}/export"
    data = await get_json(session, url + "?format=json")
    assert data["code"] == "print(1 + 1)\n"
    assert data["notes"] == "Strong on tests."
    assert [(r["code"], r["output"]) for r in data["runs"]] == [("print(1 + 1)\n", "2\n")]
    assert [p["name"] for p in data["participants"]] == ["Ines"]
    async with session.get(url, headers=HOST) as reply:
        page = await reply.text()
        assert "attachment" in reply.headers["Content-Disposition"]
    assert "Strong on tests." in page
    assert "Pairing" in page
    assert "http://" not in page.replace("http://www.w3.org", "")  # self-contained
    for headers in ({}, {"Authorization": "Bearer nope"}):
        async with session.get(url, headers=headers) as reply:
            assert reply.status == 401
    await notes.close()
    await code.close()


async def test_templates_start_interviews_with_code_language_and_notes(
    relay: RunningRelay, session: aiohttp.ClientSession
) -> None:
    starters = (await get_json(session, f"{relay.http}/api/templates"))["templates"]
    assert len(starters) >= 3
    assert all(t["builtin"] for t in starters)
    draft = {"title": "Reverse", "language": "javascript", "code": "// reverse", "notes": "N"}
    async with session.post(f"{relay.http}/api/templates", json=draft, headers=HOST) as reply:
        assert reply.status == 201
        saved = await reply.json()
    body = {"template": saved["id"]}
    async with session.post(f"{relay.http}/api/rooms", json=body, headers=HOST) as reply:
        room = (await reply.json())["room"]
    data = await get_json(session, f"{relay.http}/api/rooms/{room}/export?format=json")
    assert (data["room"]["title"], data["language"], data["code"], data["notes"]) == (
        "Reverse",
        "javascript",
        "// reverse",
        "N",
    )
    async with session.delete(f"{relay.http}/api/templates/{saved['id']}", headers=HOST) as reply:
        assert reply.status == 204
    async with session.post(f"{relay.http}/api/templates", json={"title": ""}, headers=HOST) as r:
        assert r.status == 400


async def test_past_interviews_are_listed_and_can_be_deleted(
    relay: RunningRelay, session: aiohttp.ClientSession
) -> None:
    room = relay.create_room("Old one")
    guest = await EventsClient.connect(session, relay.ws, room)
    await guest.hello("Carl")
    listed = (await get_json(session, f"{relay.http}/api/rooms"))["rooms"]
    assert [(r["title"], r["language"], r["participants"]) for r in listed] == [
        ("Old one", "python", ["Carl"])
    ]
    async with session.delete(f"{relay.http}/api/rooms/{room}", headers=HOST) as reply:
        assert reply.status == 204
    closing = await guest.socket.receive(timeout=5)
    assert closing.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED)
    async with session.get(f"{relay.http}/r/{room}") as reply:
        assert reply.status == 404
    assert (await get_json(session, f"{relay.http}/api/rooms"))["rooms"] == []


@pytest.mark.parametrize("path", ["/api/rooms", "/api/templates", "/api/rooms/x/history"])
async def test_host_reads_need_the_key(
    relay: RunningRelay, session: aiohttp.ClientSession, path: str
) -> None:
    async with session.get(relay.http + path) as reply:
        assert reply.status == 401
