"""Presence by the rules: a socket speaks only for client ids it owns, and only in safe terms."""

from __future__ import annotations

import json
from typing import Any

import aiohttp

from desktop.awareness import MAX_CLIENTS_PER_SOCKET, encode_update
from desktop.rooms import UNNAMED_AUTHOR
from desktop.ysync import awareness_message
from tests.support.events_client import EventsClient
from tests.support.inprocess_relay import RunningRelay
from tests.support.ydoc_client import YClient

HOSTILE_COLOUR = "red;position:fixed;inset:0;background:url(http://evil.example/x)"


async def joined(relay: RunningRelay, room: str, name: str, token: str | None = None) -> YClient:
    client = YClient(relay.ws, room, name, token=token)
    await client.connect()
    await client.synced.wait()
    return client


async def publish(client: YClient, entries: list[tuple[int, int, dict[str, Any] | None]]) -> None:
    update = encode_update([(cid, clock, json.dumps(state)) for cid, clock, state in entries])
    assert client.socket is not None
    await client.socket.send_bytes(awareness_message(update))


async def marker(sender: YClient, watcher: YClient, clock: int) -> None:
    """Sends a valid state of the sender's own and waits until the watcher has it: everything
    the sender published before has then reached the watcher, or never will."""
    await publish(sender, [(sender.doc.client_id, clock, {"user": {"name": "m", "mark": clock}})])
    await watcher.wait_until(
        lambda: watcher.presence.get(sender.doc.client_id, {}).get("user", {}).get("mark") == clock
    )


async def test_one_socket_cannot_flood_the_room_with_client_ids(relay: RunningRelay) -> None:
    room = relay.create_room()
    flooder, watcher = await joined(relay, room, "flood"), await joined(relay, room, "watch")
    await flooder.announce({"name": "Flood"})  # its own id first: that one it owns
    base = 10_000
    for start in range(0, 2_000, 500):
        await publish(
            flooder,
            [(base + n, 1, {"user": {"name": f"ghost {n}"}}) for n in range(start, start + 500)],
        )
    await marker(flooder, watcher, 2)
    from_flooder = [cid for cid in watcher.presence if cid != watcher.doc.client_id]
    assert len(from_flooder) <= MAX_CLIENTS_PER_SOCKET
    late = await joined(relay, room, "late")
    await late.wait_until(lambda: flooder.doc.client_id in late.presence)
    assert len(late.presence) <= MAX_CLIENTS_PER_SOCKET + 1
    for client in (flooder, watcher, late):
        await client.close()


async def test_a_higher_clock_from_another_socket_does_not_take_over_a_presence(
    relay: RunningRelay, session: aiohttp.ClientSession
) -> None:
    room = relay.create_room()
    events = await EventsClient.connect(session, relay.ws, room)
    token = (await events.hello("Alice"))["token"]
    alice = await joined(relay, room, "a", token)
    mallory, watcher = [await joined(relay, room, name) for name in ("m", "w")]
    await alice.announce({"name": "Alice", "color": "#30a46c"})
    await watcher.wait_until(lambda: alice.doc.client_id in watcher.presence)
    await publish(mallory, [(alice.doc.client_id, 1_000, {"user": {"name": "Alice (fake)"}})])
    await marker(mallory, watcher, 1)
    assert watcher.presence[alice.doc.client_id]["user"]["name"] == "Alice"
    await mallory.close()  # her goodbye does not remove what she never owned
    await alice.announce({"name": "Alice", "color": "#30a46c", "cursor": 2})
    await watcher.wait_until(
        lambda: watcher.presence.get(alice.doc.client_id, {}).get("user", {}).get("cursor") == 2
    )
    await alice.close()
    await watcher.close()
    await events.close()


async def test_names_under_cursors_are_the_relays_not_what_a_client_claims(
    relay: RunningRelay, session: aiohttp.ClientSession
) -> None:
    """A candidate cannot label their cursor "Interviewer": the relay writes in the name the
    participant joined with, and a socket with no participant behind it shows as unnamed."""
    room = relay.create_room()
    events = await EventsClient.connect(session, relay.ws, room)
    token = (await events.hello("Carl"))["token"]
    carl, anonymous, watcher = [
        await joined(relay, room, name, token=t)
        for name, t in (("c", token), ("x", None), ("w", None))
    ]
    await carl.announce({"name": "Interviewer", "color": "#30a46c", "cursor": 1})
    await anonymous.announce({"name": "Interviewer", "color": "#30a46c", "cursor": 2})
    await watcher.wait_until(
        lambda: (
            carl.doc.client_id in watcher.presence and anonymous.doc.client_id in watcher.presence
        )
    )
    assert watcher.presence[carl.doc.client_id]["user"] == {
        "name": "Carl",
        "color": "#30a46c",
        "cursor": 1,
    }
    assert watcher.presence[anonymous.doc.client_id]["user"]["name"] == UNNAMED_AUTHOR
    late = await joined(relay, room, "late")
    await late.wait_until(lambda: len(late.presence) == 2)
    assert {state["user"]["name"] for state in late.presence.values()} == {"Carl", UNNAMED_AUTHOR}
    assert b"Interviewer" not in b"".join(watcher.received + late.received)
    for client in (carl, anonymous, watcher, late):
        await client.close()
    await events.close()


async def test_the_same_participant_may_move_its_presence_to_a_new_socket(
    relay: RunningRelay, session: aiohttp.ClientSession
) -> None:
    """A page reconnecting before the relay noticed its old socket died keeps its cursor."""
    room = relay.create_room()
    events = await EventsClient.connect(session, relay.ws, room)
    token = (await events.hello("Carl"))["token"]
    old, watcher = await joined(relay, room, "old", token), await joined(relay, room, "w")
    await publish(old, [(777, 1, {"user": {"name": "Carl"}})])
    await watcher.wait_until(lambda: 777 in watcher.presence)
    new = await joined(relay, room, "new", token)
    await publish(new, [(777, 2, {"user": {"name": "Carl", "cursor": 5}})])
    await watcher.wait_until(
        lambda: watcher.presence.get(777, {}).get("user", {}).get("cursor") == 5
    )
    for client in (old, new, watcher):
        await client.close()


async def test_states_a_page_cannot_draw_safely_are_dropped(relay: RunningRelay) -> None:
    room = relay.create_room()
    mallory, watcher = await joined(relay, room, "m"), await joined(relay, room, "w")
    hostile: list[dict[str, Any]] = [
        {"user": {"name": "M", "color": HOSTILE_COLOUR}},
        {"user": {"name": "M", "color": "#30a46c", "colorLight": "#fff;position:fixed"}},
        {"user": {"name": "x" * 41, "color": "#30a46c"}},
        {"user": {"name": "M", "color": "#30a46c", "extra": {"nested": True}}},
        {"user": "not an object"},
    ]
    for clock, state in enumerate(hostile, start=1):
        await publish(mallory, [(mallory.doc.client_id, clock, state)])
    await marker(mallory, watcher, len(hostile) + 1)
    received = b"".join(watcher.received)
    assert b"position:fixed" not in received
    assert b"x" * 41 not in received
    assert b"nested" not in received
    await publish(
        mallory, [(mallory.doc.client_id, 99, {"user": {"name": "M", "color": "#30a46c"}})]
    )
    await watcher.wait_until(
        lambda: (
            watcher.presence.get(mallory.doc.client_id, {}).get("user", {}).get("color")
            == "#30a46c"
        )
    )
    await mallory.close()
    await watcher.close()
