"""Attack 3 of issue 10, the other half: big work must not stall the other rooms.

A room near its size caps takes a while to rebuild, export or replay; while it
does, an innocent room's edits and `/healthz` must keep being answered. The
checks are about order (answers that arrive before the big work is done), not
about timings.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Awaitable
from typing import Any

import aiohttp
from pycrdt import Doc, Text, TransactionEvent

from desktop.protocol import RunRecord
from desktop.store import PendingUpdate
from tests.support.inprocess_relay import HOST_KEY, RunningRelay
from tests.support.ydoc_client import YClient

HOST = {"Authorization": f"Bearer {HOST_KEY}"}


def fill_document(relay: RunningRelay, room: str, edits: int) -> str:
    """Stores `edits` one-character updates typed at random places, as a candidate would."""
    doc: Doc[Any] = Doc()
    text = doc.get("code", type=Text)
    updates: list[bytes] = []

    def keep(event: TransactionEvent) -> None:
        updates.append(event.update)

    doc.observe(keep)
    chooser = random.Random(7)
    for length in range(edits):  # typing at the end: quick to make, and to replay
        text.insert(length, chooser.choice("abcdef"))
    now = time.time()
    relay.context.store.append_updates(
        [PendingUpdate(room, now, "Mallory", update) for update in updates]
    )
    return str(text)


def fill_runs(relay: RunningRelay, room: str, count: int, size: int) -> None:
    for index in range(count):
        relay.context.store.save_run(
            RunRecord(
                run_id=f"run-{index}",
                by="mallory",
                by_name="Mallory",
                language="python",
                code="<x>" * (size // 3),
                started_at=time.time(),
                finished_at=time.time(),
                output="&" * size,
                error=None,
            ),
            room,
        )


async def answered_while(
    relay: RunningRelay, session: aiohttp.ClientSession, big_work: Awaitable[Any]
) -> tuple[int, int, Any]:
    """Runs `big_work`; counts the /healthz answers and innocent edit round trips meanwhile."""
    innocent = relay.create_room()
    typist = await YClient(relay.ws, innocent, "typist").connect()
    watcher = await YClient(relay.ws, innocent, "watcher").connect()
    await asyncio.wait_for(asyncio.gather(typist.synced.wait(), watcher.synced.wait()), 10)
    done = asyncio.Event()
    counts = {"healthz": 0, "edits": 0}

    async def ping() -> None:
        while not done.is_set():
            async with session.get(relay.http + "/healthz") as reply:
                assert reply.status == 200
            if not done.is_set():
                counts["healthz"] += 1
            await asyncio.sleep(0.005)

    async def type_() -> None:
        while not done.is_set():
            typist.insert(0, "k")
            length = len(typist.code())

            def arrived(length: int = length) -> bool:
                return len(watcher.code()) == length

            await watcher.wait_until(arrived, timeout=30)
            if not done.is_set():
                counts["edits"] += 1
            await asyncio.sleep(0.005)

    background = [asyncio.create_task(ping()), asyncio.create_task(type_())]
    await asyncio.sleep(0.05)  # both loops are going before the big work starts
    counts["healthz"] = counts["edits"] = 0
    try:
        result = await big_work
    finally:
        done.set()
        await asyncio.gather(*background)
        await typist.close()
        await watcher.close()
    return counts["healthz"], counts["edits"], result


async def test_other_rooms_are_answered_while_a_big_room_is_rebuilt_for_a_newcomer(
    relay: RunningRelay, session: aiohttp.ClientSession
) -> None:
    big = relay.create_room()
    code = fill_document(relay, big, 60_000)
    assert big not in relay.context.rooms.loaded

    async def newcomer_syncs() -> str:
        client = await YClient(relay.ws, big, "newcomer").connect()
        await asyncio.wait_for(client.synced.wait(), 60)
        text = client.code()
        await client.close()
        return text

    healthz, edits, text = await answered_while(relay, session, newcomer_syncs())
    assert text == code
    assert healthz >= 5, f"only {healthz} /healthz answers while the big room was rebuilt"
    assert edits >= 3, f"only {edits} innocent edits went round while the big room was rebuilt"


async def test_other_rooms_are_answered_while_a_big_room_is_exported(
    relay: RunningRelay, session: aiohttp.ClientSession
) -> None:
    big = relay.create_room()
    fill_runs(relay, big, 80, 100_000)

    async def export() -> int:
        async with session.get(relay.http + f"/api/rooms/{big}/export", headers=HOST) as reply:
            assert reply.status == 200
            return len(await reply.read())

    healthz, edits, size = await answered_while(relay, session, export())
    assert size > 80 * 100_000
    assert healthz >= 5, f"only {healthz} /healthz answers while the export was built"
    assert edits >= 3, f"only {edits} innocent edits went round while the export was built"


async def test_other_rooms_are_answered_while_a_big_history_is_read(
    relay: RunningRelay, session: aiohttp.ClientSession
) -> None:
    big = relay.create_room()
    fill_document(relay, big, 40_000)
    fill_runs(relay, big, 40, 100_000)

    async def history_headers() -> aiohttp.ClientResponse:
        # Counted until the answer starts: building it is the work that must not block.
        return await session.get(relay.http + f"/api/rooms/{big}/history", headers=HOST)

    healthz, edits, reply = await answered_while(relay, session, history_headers())
    assert reply.status == 200
    assert len((await reply.json())["updates"]) > 40_000
    assert healthz >= 5, f"only {healthz} /healthz answers while the history was built"
    assert edits >= 3


async def test_a_big_room_stays_loaded_for_the_next_newcomer_and_a_small_one_does_not(
    relay: RunningRelay,
) -> None:
    rooms = relay.context.rooms
    big, small = relay.create_room(), relay.create_room()
    code = fill_document(relay, big, 20_000)  # past SMALL_DOCUMENT_BYTES of stored edits

    async def visit(room: str) -> str:
        client = await YClient(relay.ws, room, "newcomer").connect()
        await asyncio.wait_for(client.synced.wait(), 60)
        text = client.code()
        await client.close()
        return text

    assert await visit(big) == code
    first = rooms.loaded[big]
    await visit(small)
    for _ in range(3000):  # until the servers' handlers have finished
        if small not in rooms.loaded and first.is_idle:
            break
        await asyncio.sleep(0.01)
    assert small not in rooms.loaded, "a small idle room stays unloaded at once, as before"
    assert rooms.loaded.get(big) is first, "the idle big room was unloaded at once"
    assert await visit(big) == code
    assert rooms.loaded.get(big) is first, "the next newcomer rebuilt the big room"
