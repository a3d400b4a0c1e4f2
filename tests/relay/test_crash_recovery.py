"""SIGKILL the relay in the middle of a stream of edits: nothing acknowledged is lost.

An edit counts as acknowledged once another participant has seen it: the relay
stores each batch of updates before it forwards any of them.
"""

from __future__ import annotations

import asyncio
import contextlib
from pathlib import Path

from desktop.journal_mover import FOLD_AFTER_ROWS
from tests.support.relay_process import RelayProcess
from tests.support.ydoc_client import YClient

# Past one move of the journal into SQLite, so the kill can land during or after one.
EDITS_BEFORE_KILL = FOLD_AFTER_ROWS + 500


async def stream_edits(writer: YClient, stop: asyncio.Event) -> None:
    line = 0
    while not stop.is_set():
        writer.insert(len(writer.code()), f"line {line}\n")
        line += 1
        await asyncio.sleep(0.002)


async def test_sigkill_during_edits_loses_nothing_acknowledged(tmp_path: Path) -> None:
    relay = RelayProcess(data_dir=tmp_path).start()
    try:
        room = relay.create_room()["room"]
        writer = await YClient(relay.ws_url, room, "writer").connect()
        observer = await YClient(relay.ws_url, room, "observer").connect()
        await asyncio.wait_for(observer.synced.wait(), 5)
        stop = asyncio.Event()
        streaming = asyncio.create_task(stream_edits(writer, stop))
        await observer.wait_until(
            lambda: observer.code().count("\n") >= EDITS_BEFORE_KILL, timeout=60
        )
        relay.kill()
        acknowledged = observer.code()
        stop.set()
        await streaming
        with contextlib.suppress(Exception):
            await writer.close()
        with contextlib.suppress(Exception):
            await observer.close()

        relay.start()
        reader = await YClient(relay.ws_url, room, "reader").connect()
        await asyncio.wait_for(reader.synced.wait(), 5)
        recovered = reader.code()
        await reader.close()
    finally:
        relay.stop()
    assert acknowledged.count("\n") >= EDITS_BEFORE_KILL
    assert recovered.startswith(acknowledged)
    assert writer.code().startswith(recovered)


async def test_rooms_and_runs_survive_a_restart(tmp_path: Path) -> None:
    import aiohttp

    from tests.support.events_client import EventsClient

    relay = RelayProcess(data_dir=tmp_path).start()
    try:
        room = relay.create_room("Persistent")["room"]
        async with aiohttp.ClientSession() as session:
            alice = await EventsClient.connect(session, relay.ws_url, room)
            await alice.hello("Alice")
            await alice.send("execute-code", {"language": "python", "code": "print(2)"})
            run_id = (await alice.receive_type("execute-code"))["run_id"]
            await alice.send("execution-result", {"run_id": run_id, "output": "2\n", "error": None})
            await alice.receive_type("execution-result")
            relay.kill()
            relay.start()
            bob = await EventsClient.connect(session, relay.ws_url, room)
            welcome = await bob.hello("Bob")
            headers = {"Authorization": f"Bearer {relay.host_key}"}
            async with session.get(relay.base_url + "/api/rooms", headers=headers) as reply:
                rooms = (await reply.json())["rooms"]
    finally:
        relay.stop()
    assert [(r["id"], r["title"]) for r in rooms] == [(room, "Persistent")]
    assert [(r["run_id"], r["output"]) for r in welcome["runs"]] == [(run_id, "2\n")]
