"""Who may come in survives a restart of the relay: a removed browser stays out, an admitted
one passes the lobby, a returning one is the same participant, and the lobby stays on."""

from __future__ import annotations

import secrets
from pathlib import Path

import aiohttp

from tests.support.events_client import EventsClient
from tests.support.inprocess_relay import HOST_KEY, RunningRelay, start_relay


def browser_key() -> str:
    return secrets.token_urlsafe(16)


async def connect(session: aiohttp.ClientSession, relay: RunningRelay, room: str) -> EventsClient:
    return await EventsClient.connect(session, relay.ws, room)


async def test_bans_admissions_identities_and_the_lobby_outlive_a_restart(
    tmp_path: Path, session: aiohttp.ClientSession
) -> None:
    carl_key, dana_key = browser_key(), browser_key()
    relay = await start_relay(tmp_path)
    try:
        room = relay.create_room()
        host = await connect(session, relay, room)
        await host.hello("Ines", host_key=HOST_KEY)
        carl = await connect(session, relay, room)
        carl_id = (await carl.hello("Carl", browser=carl_key))["participant_id"]
        await host.send("remove-participant", {"participant_id": carl_id})
        assert (await carl.receive_type("error"))["code"] == "removed"
        await host.send("set-controls", {"lobby": True})
        assert (await host.receive_type("room-state"))["lobby"] is True
        dana = await connect(session, relay, room)
        await dana.send("hello", {"name": "Dana", "browser": dana_key})
        await dana.receive_type("lobby")
        [waiting] = (await host.receive_type("waiting"))["waiting"]
        await host.send("admit", {"waiting_id": waiting["waiting_id"]})
        dana_id = (await dana.receive_type("welcome"))["participant_id"]
    finally:
        await relay.stop()

    relay = await start_relay(tmp_path)
    try:
        carl = await connect(session, relay, room)
        await carl.send("hello", {"name": "Carl", "browser": carl_key})
        assert (await carl.receive_type("error"))["code"] == "banned"
        dana = await connect(session, relay, room)
        welcome = await dana.hello("Dana", browser=dana_key)
        assert welcome["participant_id"] == dana_id
        assert welcome["state"]["lobby"] is True
        eve = await connect(session, relay, room)
        await eve.send("hello", {"name": "Eve", "browser": browser_key()})
        assert await eve.receive_type("lobby") == {
            "message": "Waiting for the interviewer to let you in."
        }
    finally:
        await relay.stop()
