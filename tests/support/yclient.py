"""A minimal y-websocket client (pycrdt + aiohttp) to read the relay's copy of a room.

Tests compare what the browsers show with what the relay stores; asking the relay
through the same protocol the browsers use keeps the check honest.
"""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import aiohttp
from pycrdt import Doc, Map, Text, create_sync_message, handle_sync_message

SYNC = 0
SYNC_STEP2 = 1


@dataclass(frozen=True)
class RelayDocument:
    """The shared document as the relay holds it."""

    code: str
    language: str | None


async def fetch_document(ws_base: str, room: str, timeout: float = 10.0) -> RelayDocument:
    """Syncs a fresh Doc with `/ws/{room}/doc` (step 1 → step 2) and reads it."""
    doc: Doc[Any] = Doc()
    code = doc.get("code", type=Text)
    meta = doc.get("meta", type=Map)
    async with (
        aiohttp.ClientSession() as session,
        session.ws_connect(
            f"{ws_base}/ws/{room}/doc", timeout=aiohttp.ClientWSTimeout(ws_close=5)
        ) as ws,
    ):
        await ws.send_bytes(create_sync_message(doc))
        async with asyncio.timeout(timeout):
            async for message in ws:
                if message.type != aiohttp.WSMsgType.BINARY:
                    raise RuntimeError(f"unexpected frame from the relay: {message.type!r}")
                data: bytes = message.data
                if len(data) < 2 or data[0] != SYNC:
                    continue  # awareness and others
                reply = handle_sync_message(data[1:], doc)
                if reply is not None:
                    await ws.send_bytes(reply)
                if data[1] == SYNC_STEP2:
                    break
    language = meta.get("language")
    return RelayDocument(code=str(code), language=language if isinstance(language, str) else None)


def read_document(ws_base: str, room: str) -> RelayDocument:
    """`fetch_document` for synchronous tests; on a thread of its own because Playwright's sync
    API keeps an event loop marked as running on the test's thread."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, fetch_document(ws_base, room)).result()
