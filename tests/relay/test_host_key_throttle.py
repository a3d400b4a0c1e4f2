"""Wrong host keys are throttled per address; the host's right key from loopback always works."""

from __future__ import annotations

import re

import aiohttp

from desktop.key_throttle import FREE_ATTEMPTS
from tests.support.events_client import EventsClient
from tests.support.inprocess_relay import HOST_KEY, RunningRelay


async def test_guessing_the_key_over_the_events_socket_is_slowed_down(
    relay: RunningRelay, session: aiohttp.ClientSession
) -> None:
    room = relay.create_room()
    codes = []
    for guess in range(FREE_ATTEMPTS + 1):
        client = await EventsClient.connect(session, relay.ws, room)
        await client.send("hello", {"name": "Mallory", "host_key": f"guess-{guess}"})
        error = await client.receive_type("error")
        codes.append(error["code"])
        assert (await client.receive_type("welcome"))["role"] == "candidate"
        await client.close()
    assert codes == ["wrong-host-key"] * FREE_ATTEMPTS + ["host-key-throttled"]
    assert re.fullmatch(r"Too many wrong host keys; try again in \d+ s\.", error["message"])
    host = await EventsClient.connect(session, relay.ws, room)
    assert (await host.hello("Ines", host_key=HOST_KEY))["role"] == "host"


async def test_guessing_the_key_over_the_api_is_slowed_down(
    relay: RunningRelay, session: aiohttp.ClientSession
) -> None:
    url = f"{relay.http}/api/rooms"
    statuses = []
    for guess in range(FREE_ATTEMPTS + 2):
        headers = {"Authorization": f"Bearer guess-{guess}"}
        async with session.get(url, headers=headers) as reply:
            statuses.append(reply.status)
            body = await reply.json()
    assert statuses == [401] * FREE_ATTEMPTS + [429, 429]
    assert body["error"].startswith("Too many wrong host keys; try again in ")
    async with session.get(url, headers={"Authorization": f"Bearer {HOST_KEY}"}) as reply:
        assert reply.status == 200
    async with session.get(url) as reply:  # asking without a key is not a guess
        assert reply.status == 401
