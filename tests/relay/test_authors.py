"""Authors in playback, transcript and run history come from the relay's participant record."""

from __future__ import annotations

import asyncio
from typing import Any

import aiohttp

from desktop.rooms import UNNAMED_AUTHOR
from tests.support.events_client import EventsClient
from tests.support.inprocess_relay import HOST_KEY, RunningRelay
from tests.support.ydoc_client import YClient

HOST = {"Authorization": f"Bearer {HOST_KEY}"}


async def get_json(session: aiohttp.ClientSession, url: str) -> Any:
    async with session.get(url, headers=HOST) as reply:
        assert reply.status == 200, await reply.text()
        return await reply.json()


async def test_a_candidate_claiming_to_be_the_interviewer_is_named_by_the_relay(
    relay: RunningRelay, session: aiohttp.ClientSession
) -> None:
    room = relay.create_room()
    host = await EventsClient.connect(session, relay.ws, room)
    await host.hello("Ines", host_key=HOST_KEY)
    carl = await EventsClient.connect(session, relay.ws, room)
    welcome = await carl.hello("Carl")
    spoofer = YClient(relay.ws, room, "spoofer", token=welcome["token"])
    plain = YClient(relay.ws, room, "plain")
    for client in (spoofer, plain):
        await client.connect()
        await asyncio.wait_for(client.synced.wait(), 5)
        await client.announce({"name": "Interviewer", "role": "host"})
    spoofer.insert(0, "# written by Carl\n")
    await plain.wait_until(lambda: plain.code().startswith("# written by Carl"))
    plain.insert(len(plain.code()), "# written by nobody we know\n")
    await spoofer.wait_until(lambda: "nobody" in spoofer.code())
    await carl.send("execute-code", {"language": "python", "code": "print(1)"})
    await carl.receive_type("execute-code")
    history = await get_json(session, f"{relay.http}/api/rooms/{room}/history")
    authors = [entry["author"] for entry in history["updates"][1:]]
    assert authors == ["Carl", UNNAMED_AUTHOR]
    assert [run["by_name"] for run in history["runs"]] == ["Carl"]
    transcript = await get_json(session, f"{relay.http}/api/rooms/{room}/export?format=json")
    assert sorted(p["name"] for p in transcript["participants"]) == ["Carl", "Ines"]
    assert "Interviewer" not in str(history) + str(transcript)
    for client in (spoofer, plain):
        await client.close()
