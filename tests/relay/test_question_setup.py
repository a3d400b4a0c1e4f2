"""A question's schema and data (the SQL every run in an SQL room loads first): the host sets it,
everyone receives it with the statement, late joiners and templates carry it, and the relay keeps
its limits."""

from __future__ import annotations

from typing import Any

import aiohttp

from desktop.protocol import MAX_SETUP_CHARS
from tests.relay.test_question import member
from tests.support.inprocess_relay import HOST_KEY, RunningRelay

HOST = {"Authorization": f"Bearer {HOST_KEY}"}
SETUP = (
    "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT);\n"
    "INSERT INTO users VALUES (1, 'Ada');\n"
)


async def test_the_host_sets_the_schema_and_everyone_and_late_joiners_receive_it(
    relay: RunningRelay, session: aiohttp.ClientSession
) -> None:
    room = relay.create_room()
    host, _ = await member(session, relay, room, "Ines", host=True, asked=False)
    carl, _ = await member(session, relay, room, "Carl", asked=False)
    await host.send("set-setup", {"setup": SETUP})
    seen = await carl.receive_type("question")
    assert (seen["setup"], seen["statement"]) == (SETUP, "")
    # Changing the statement keeps the schema, and the other way round.
    await host.send("set-question", {"statement": "# Users"})
    assert (await carl.receive_type("question"))["setup"] == SETUP
    _, late = await member(session, relay, room, "Late")
    assert (late["question"]["statement"], late["question"]["setup"]) == ("# Users", SETUP)
    stored = relay.context.store.questions.load(room)
    assert (stored.statement, stored.setup) == ("# Users", SETUP)


async def test_only_the_host_of_an_open_room_changes_it_and_only_within_its_size(
    relay: RunningRelay, session: aiohttp.ClientSession
) -> None:
    room = relay.create_room()
    host, _ = await member(session, relay, room, "Ines", host=True, asked=False)
    await host.send("set-setup", {"setup": SETUP})
    await host.receive_type("question")
    carl, _ = await member(session, relay, room, "Carl")
    await carl.send("set-setup", {"setup": "DROP TABLE users;"})
    assert (await carl.receive_type("error"))["code"] == "host-only"
    await host.send("set-setup", {"setup": "x" * (MAX_SETUP_CHARS + 1)})
    refused = await host.receive_type("error")
    assert refused["code"] == "invalid-event"
    assert "setup" in refused["message"]
    await host.send("set-setup", {"setup": "-- fits\n" + "x" * (MAX_SETUP_CHARS - 8)})
    assert len((await host.receive_type("question"))["setup"]) == MAX_SETUP_CHARS
    await host.send("end-interview", {})
    await host.receive_type("room-state")
    await host.send("set-setup", {"setup": SETUP})
    assert (await host.receive_type("error"))["code"] == "interview-ended"
    assert len(relay.context.store.questions.load(room).setup) == MAX_SETUP_CHARS


async def post(
    session: aiohttp.ClientSession, url: str, body: dict[str, Any]
) -> tuple[int, dict[str, Any] | str]:
    async with session.post(url, json=body, headers=HOST) as reply:
        if reply.content_type == "application/json":
            return reply.status, await reply.json()
        return reply.status, await reply.text()


async def test_a_template_carries_the_schema_into_the_rooms_made_from_it(
    relay: RunningRelay, session: aiohttp.ClientSession
) -> None:
    draft = {"title": "Users", "language": "sql", "code": "SELECT 1;", "setup": SETUP}
    status, saved = await post(session, f"{relay.http}/api/templates", draft)
    assert status == 201
    assert isinstance(saved, dict)
    assert saved["setup"] == SETUP
    status, made = await post(session, f"{relay.http}/api/rooms", {"template": saved["id"]})
    assert status == 201
    assert isinstance(made, dict)
    _, greeting = await member(session, relay, made["room"], "Carl")
    assert greeting["question"]["setup"] == SETUP
    async with session.get(
        f"{relay.http}/api/rooms/{made['room']}/export?format=json", headers=HOST
    ) as reply:
        assert (await reply.json())["setup"] == SETUP
    async with session.get(f"{relay.http}/api/rooms/{made['room']}/export", headers=HOST) as reply:
        page = await reply.text()
    assert "<h3>Schema and data</h3><pre>CREATE TABLE users" in page
    assert "VALUES (1, &#x27;Ada&#x27;)" in page  # escaped, as all of the transcript
    async with session.get(f"{relay.http}/api/rooms/{made['room']}/history", headers=HOST) as reply:
        assert (await reply.json())["setup"] == SETUP  # for playback
    too_big = {**draft, "setup": "x" * (MAX_SETUP_CHARS + 1)}
    status, reason = await post(session, f"{relay.http}/api/templates", too_big)
    assert status == 400
    assert "setup" in str(reason)
