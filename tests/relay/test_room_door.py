"""Who gets in: the host always, one seat per browser, no way back after a removal, a lobby."""

from __future__ import annotations

import secrets
from typing import Any

import aiohttp
import pytest

from desktop.identities import IDENTITIES_PER_ADDRESS
from desktop.settings import Limits
from tests.support.events_client import EventsClient
from tests.support.inprocess_relay import HOST_KEY, RunningRelay, start_relay
from tests.support.ydoc_client import YClient


def browser_key() -> str:
    return secrets.token_urlsafe(16)


async def hello(client: EventsClient, name: str, **extra: str) -> None:
    await client.send("hello", {"name": name, **extra})


async def connect(session: aiohttp.ClientSession, relay: RunningRelay, room: str) -> EventsClient:
    return await EventsClient.connect(session, relay.ws, room)


async def refused_document_socket(relay: RunningRelay, room: str) -> None:
    client = YClient(relay.ws, room, "refused")
    try:
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await client.connect()
    finally:
        await client.close()
    assert refused.value.status == 403


async def error_code(client: EventsClient) -> str:
    code: str = (await client.receive_type("error"))["code"]
    return code


async def test_twenty_hellos_on_one_socket_take_one_seat_and_the_host_gets_in(
    tmp_path: Any, session: aiohttp.ClientSession
) -> None:
    relay = await start_relay(tmp_path, Limits(participants_per_room=3))
    try:
        room = relay.create_room()
        flooder = await connect(session, relay, room)
        for number in range(20):
            await hello(flooder, f"seat {number}")
        await flooder.receive_type("welcome")
        codes = [await error_code(flooder) for _ in range(19)]
        assert set(codes) == {"already-greeted"}
        # The other seats go to sockets of their own: the cap counts candidates only.
        others = [await connect(session, relay, room) for _ in range(2)]
        for number, other in enumerate(others):
            await other.hello(f"other {number}")
        late = await connect(session, relay, room)
        await hello(late, "one too many")
        assert await error_code(late) == "room-full"
        host = await connect(session, relay, room)
        welcome = await host.hello("Ines", host_key=HOST_KEY)
        assert welcome["role"] == "host"
        assert len(welcome["participants"]) == 4
    finally:
        await relay.stop()


async def test_a_reconnect_of_the_same_browser_takes_over_its_old_entry(
    relay: RunningRelay, session: aiohttp.ClientSession
) -> None:
    room = relay.create_room()
    host = await connect(session, relay, room)
    await host.hello("Ines", host_key=HOST_KEY)
    key = browser_key()
    first = await connect(session, relay, room)
    before = await first.hello("Carl", browser=key)
    second = await connect(session, relay, room)
    after = await second.hello("Carl again", browser=key)
    assert after["participant_id"] == before["participant_id"]
    assert await error_code(first) == "replaced"
    names = sorted(p["name"] for p in after["participants"])
    assert names == ["Carl again", "Ines"]
    await first.close()  # the old socket's goodbye does not take the new seat with it
    await second.send("execute-code", {"language": "python", "code": "print(1)"})
    assert (await second.receive_type("execute-code"))["by"] == after["participant_id"]
    people = relay.context.store.participants(room)
    assert sorted(str(p["name"]) for p in people) == ["Carl again", "Ines"]


async def test_join_and_leave_cycles_do_not_pile_up_names(
    relay: RunningRelay, session: aiohttp.ClientSession
) -> None:
    room = relay.create_room()
    host = await connect(session, relay, room)
    await host.hello("Ines", host_key=HOST_KEY)
    cycles = 5 * IDENTITIES_PER_ADDRESS
    for number in range(cycles):
        visitor = await connect(session, relay, room)
        extra = {"browser": browser_key()} if number % 2 else {}
        await visitor.hello(f"visitor {number}", **extra)
        await host.receive_type("participants")
        await visitor.close()
        gone = await host.receive_type("participants")
        assert [p["name"] for p in gone["participants"]] == ["Ines"]
    names = [p["name"] for p in relay.context.store.participants(room)]
    assert len(names) == IDENTITIES_PER_ADDRESS + 1
    assert f"visitor {cycles - 1}" in names
    transcript_url = f"{relay.http}/api/rooms/{room}/export?format=json"
    headers = {"Authorization": f"Bearer {HOST_KEY}"}
    async with session.get(transcript_url, headers=headers) as reply:
        transcript = await reply.json()
    assert len(transcript["participants"]) == IDENTITIES_PER_ADDRESS + 1


async def test_a_removed_browser_cannot_come_back(
    relay: RunningRelay, session: aiohttp.ClientSession
) -> None:
    room = relay.create_room()
    host = await connect(session, relay, room)
    await host.hello("Ines", host_key=HOST_KEY)
    key = browser_key()
    carl = await connect(session, relay, room)
    welcome = await carl.hello("Carl", browser=key)
    await host.send("remove-participant", {"participant_id": welcome["participant_id"]})
    assert await error_code(carl) == "removed"
    again = await connect(session, relay, room)
    await hello(again, "Carl", browser=key)
    refusal = await again.receive_type("error")
    assert refusal == {
        "code": "banned",
        "message": "The interviewer removed you from this room.",
    }
    assert (await again.socket.receive(timeout=5)).type == aiohttp.WSMsgType.CLOSE
    other = await connect(session, relay, room)
    assert (await other.hello("Dana", browser=browser_key()))["role"] == "candidate"


async def test_the_lobby_holds_newcomers_until_the_host_admits_or_denies(
    relay: RunningRelay, session: aiohttp.ClientSession
) -> None:
    room = relay.create_room()
    host = await connect(session, relay, room)
    await host.hello("Ines", host_key=HOST_KEY)
    await host.send("set-controls", {"lobby": True})
    assert (await host.receive_type("room-state"))["lobby"] is True
    carl_key = browser_key()
    carl = await connect(session, relay, room)
    await hello(carl, "Carl", browser=carl_key)
    assert await carl.receive_type("lobby") == {
        "message": "Waiting for the interviewer to let you in."
    }
    await carl.send("execute-code", {"language": "python", "code": "print(1)"})
    assert await error_code(carl) == "in-lobby"
    [waiting] = (await host.receive_type("waiting"))["waiting"]
    assert waiting["name"] == "Carl"
    # No way around the door through the document socket either.
    await refused_document_socket(relay, room)
    await host.send("admit", {"waiting_id": waiting["waiting_id"]})
    welcome = await carl.receive_type("welcome")
    assert welcome["role"] == "candidate"
    assert (await host.receive_type("waiting"))["waiting"] == []
    dana = await connect(session, relay, room)
    await hello(dana, "Dana", browser=browser_key())
    await dana.receive_type("lobby")
    [waiting] = (await host.receive_type("waiting"))["waiting"]
    await host.send("deny", {"waiting_id": waiting["waiting_id"]})
    assert await error_code(dana) == "denied"
    # Admitted once is admitted: Carl's reconnect skips the lobby.
    await carl.close()
    back = await connect(session, relay, room)
    assert (await back.hello("Carl", browser=carl_key))["participant_id"] == welcome[
        "participant_id"
    ]


async def test_candidates_cannot_fill_the_document_sockets_before_the_host(
    tmp_path: Any, session: aiohttp.ClientSession
) -> None:
    relay = await start_relay(tmp_path, Limits(participants_per_room=1))
    plain: list[YClient] = []
    try:
        room = relay.create_room()
        for number in range(2):
            client = YClient(relay.ws, room, f"filler {number}")
            await client.connect()
            plain.append(client)
        await refused_document_socket(relay, room)
        host = await connect(session, relay, room)
        welcome = await host.hello("Ines", host_key=HOST_KEY)
        mine = YClient(relay.ws, room, "host", token=welcome["token"])
        await mine.connect()
        plain.append(mine)
        await mine.synced.wait()
    finally:
        for client in plain:
            await client.close()
        await relay.stop()
