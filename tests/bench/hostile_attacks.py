"""The attacks of `make bench-hostile`, each run in a process of its own, bounded in time.

`python -m tests.bench.hostile_attacks NAME PORT ROOM HOST_KEY SECONDS` runs one
attack against the relay on 127.0.0.1:PORT and prints one JSON line: what it
sent and what the relay let through.
"""

from __future__ import annotations

import asyncio
import json
import secrets
import sys
import time
from collections.abc import Callable, Coroutine
from typing import Any

import aiohttp
from pycrdt import Doc, Text

from desktop.awareness import encode_update
from desktop.ysync import SyncType, awareness_message, sync_message

Attack = Callable[[str, str, str, float], Coroutine[Any, Any, dict[str, Any]]]


def ws(port: str) -> str:
    return f"ws://127.0.0.1:{port}"


async def hello(socket: aiohttp.ClientWebSocketResponse, name: str, **extra: str) -> None:
    await socket.send_json({"type": "hello", "payload": {"name": name, **extra}})


async def hello_flood(port: str, room: str, _key: str, seconds: float) -> dict[str, Any]:
    """One events socket sending hello after hello (the 20-seat room filled by one socket)."""
    sent = 0
    deadline = time.monotonic() + seconds
    async with aiohttp.ClientSession() as session:
        socket = await session.ws_connect(f"{ws(port)}/ws/{room}/events")
        while time.monotonic() < deadline and not socket.closed:
            for _ in range(200):
                await hello(socket, f"Seat {sent}")
                sent += 1
            await asyncio.sleep(0.01)
        await socket.close()
    return {"hellos_sent": sent}


async def presence_flood(port: str, room: str, _key: str, seconds: float) -> dict[str, Any]:
    """One document socket announcing 60,000 awareness client ids."""
    sent = 0
    deadline = time.monotonic() + seconds
    state = json.dumps({"user": {"name": "ghost", "color": "#ff0000"}})
    async with aiohttp.ClientSession() as session:
        socket = await session.ws_connect(f"{ws(port)}/ws/{room}/doc")
        while sent < 60_000 and time.monotonic() < deadline and not socket.closed:
            entries = [(1_000_000 + sent + i, 1, state) for i in range(500)]
            await socket.send_bytes(awareness_message(encode_update(entries)))
            sent += len(entries)
            await asyncio.sleep(0.005)
        await socket.close()
    return {"client_ids_announced": sent}


async def runs_flood(port: str, room: str, _key: str, seconds: float) -> dict[str, Any]:
    """Twenty candidates sending 60 KiB `execute-code` events as fast as they are taken."""
    code = "# " + "x" * 60_000
    counts = {"runs_sent": 0, "runs_started": 0, "refused": 0}
    deadline = time.monotonic() + seconds

    async def candidate(index: int, session: aiohttp.ClientSession) -> None:
        socket = await session.ws_connect(f"{ws(port)}/ws/{room}/events")
        await hello(socket, f"Runner {index}", browser=secrets.token_urlsafe(16))

        async def read() -> None:
            async for message in socket:
                if message.type != aiohttp.WSMsgType.TEXT:
                    break
                event = json.loads(message.data)
                if event["type"] == "error":
                    counts["refused"] += 1
                elif event["type"] == "execute-code" and event["payload"]["by_name"] == (
                    f"Runner {index}"
                ):
                    counts["runs_started"] += 1

        reader = asyncio.create_task(read())
        while time.monotonic() < deadline and not socket.closed:
            await socket.send_json(
                {"type": "execute-code", "payload": {"language": "python", "code": code}}
            )
            counts["runs_sent"] += 1
            await asyncio.sleep(0.05)
        await socket.close()
        await asyncio.gather(reader, return_exceptions=True)

    async with aiohttp.ClientSession() as session:
        await asyncio.gather(*(candidate(i, session) for i in range(20)))
    return counts


async def big_document(port: str, room: str, _key: str, seconds: float) -> dict[str, Any]:
    """150 updates of ~1 MiB each into the room's document."""
    sent = 0
    deadline = time.monotonic() + seconds
    doc: Doc[Any] = Doc()
    text = doc.get("code", type=Text)
    async with aiohttp.ClientSession() as session:
        socket = await session.ws_connect(f"{ws(port)}/ws/{room}/doc", max_msg_size=0)
        while sent < 150 and time.monotonic() < deadline and not socket.closed:
            before = doc.get_state()
            text.insert(len(text), "y" * 1_000_000)
            await socket.send_bytes(sync_message(SyncType.UPDATE, doc.get_update(before)))
            sent += 1
            await asyncio.sleep(0.01)
        await socket.close()
    return {"megabyte_updates_sent": sent}


async def big_sync(port: str, room: str, _key: str, seconds: float) -> dict[str, Any]:
    """Newcomer after newcomer syncing the biggest document the relay allows."""
    synced = 0
    deadline = time.monotonic() + seconds
    async with aiohttp.ClientSession() as session:
        while time.monotonic() < deadline:
            async with session.ws_connect(f"{ws(port)}/ws/{room}/doc", max_msg_size=0) as socket:
                await socket.send_bytes(sync_message(SyncType.STEP1, b"\x00"))
                async for message in socket:
                    if message.type != aiohttp.WSMsgType.BINARY:
                        break
                    if message.data[:2] == b"\x00\x01":  # sync step 2: the whole document
                        synced += 1
                        break
    return {"full_syncs": synced}


async def big_export(port: str, room: str, key: str, seconds: float) -> dict[str, Any]:
    """The host exporting the biggest room over and over (transcript, then history)."""
    exported = 0
    received = 0
    deadline = time.monotonic() + seconds
    headers = {"Authorization": f"Bearer {key}"}
    async with aiohttp.ClientSession() as session:
        while time.monotonic() < deadline:
            for path in ("export", "history"):
                async with session.get(
                    f"http://127.0.0.1:{port}/api/rooms/{room}/{path}", headers=headers
                ) as reply:
                    received += len(await reply.read())
                exported += 1
    return {"exports": exported, "megabytes_received": round(received / 1e6, 1)}


async def half_open_flood(port: str, _room: str, _key: str, seconds: float) -> dict[str, Any]:
    """1,000 half-sent requests from one other address (127.0.0.2), held open."""
    writers: list[asyncio.StreamWriter] = []
    readers: list[asyncio.StreamReader] = []
    failed = 0
    for _ in range(1_000):
        try:
            reader, writer = await asyncio.open_connection(
                "127.0.0.1", int(port), local_addr=("127.0.0.2", 0)
            )
        except OSError:
            failed += 1
            continue
        writer.write(b"GET /api/rooms HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
        writers.append(writer)
        readers.append(reader)
    await asyncio.sleep(seconds)
    closed = sum(1 for reader in readers if reader.at_eof() or reader.exception() is not None)
    for writer in writers:
        writer.transport.abort()
    return {"opened": len(writers), "closed_by_the_relay": failed + closed}


async def host_key_guessing(port: str, room: str, _key: str, seconds: float) -> dict[str, Any]:
    """Hello after hello with a wrong host key, a fresh socket each, as fast as answered."""
    guesses = 0
    throttled = 0
    deadline = time.monotonic() + seconds
    async with aiohttp.ClientSession() as session:
        while time.monotonic() < deadline:
            try:
                socket = await session.ws_connect(f"{ws(port)}/ws/{room}/events")
            except aiohttp.ClientError:
                throttled += 1
                continue
            await hello(socket, "Guesser", host_key=secrets.token_urlsafe(32))
            guesses += 1
            reply = await socket.receive(timeout=10)
            if reply.type == aiohttp.WSMsgType.TEXT and "wrong-host-key" not in reply.data:
                throttled += 1
            await socket.close()
    return {"guesses": guesses, "not_plainly_refused": throttled}


ATTACKS: dict[str, Attack] = {
    "hello flood (one socket)": hello_flood,
    "presence flood (60,000 ids)": presence_flood,
    "runs flood (20 x 60 KiB)": runs_flood,
    "big document (150 x 1 MiB)": big_document,
    "big sync (newcomers)": big_sync,
    "big export (transcript + history)": big_export,
    "half-open connections (1,000)": half_open_flood,
    "host-key guessing": host_key_guessing,
}


def main() -> None:
    name, port, room, key, seconds = sys.argv[1:6]
    result: dict[str, Any] = asyncio.run(ATTACKS[name](port, room, key, float(seconds)))
    print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
