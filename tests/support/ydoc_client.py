"""A y-websocket client in Python (pycrdt over aiohttp), for tests and benchmarks.

It speaks the same protocol as the JavaScript `y-websocket` provider: answers
the relay's sync step 1, sends its own, forwards local updates and awareness.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Callable
from typing import Any

import aiohttp
from pycrdt import Doc, Map, Text, TransactionEvent

from desktop.awareness import encode_update, parse_update
from desktop.ysync import MessageType, Reader, SyncType, awareness_message, parse_sync, sync_message


class YClient:
    """One document connection; `text` is the shared `Y.Text "code"`."""

    def __init__(
        self,
        base_ws_url: str,
        room: str,
        name: str = "py",
        *,
        kind: str = "doc",
        token: str | None = None,
    ) -> None:
        query = f"?token={token}" if token else ""
        self.url = f"{base_ws_url}/ws/{room}/{kind}{query}"
        self.name = name
        self.doc: Doc[Any] = Doc()
        self.text = self.doc.get("code", type=Text)
        self.meta = self.doc.get("meta", type=Map)
        self.notes = self.doc.get("notes", type=Text)
        self.presence: dict[int, dict[str, Any]] = {}
        self.synced = asyncio.Event()
        self.received: list[bytes] = []
        self._clock = 0
        self._applying_remote = False
        self._session: aiohttp.ClientSession | None = None
        self.socket: aiohttp.ClientWebSocketResponse | None = None
        self._reader: asyncio.Task[None] | None = None
        self.doc.observe(self._on_local_change)

    async def connect(self, headers: dict[str, str] | None = None) -> YClient:
        self._session = aiohttp.ClientSession()
        self.socket = await self._session.ws_connect(self.url, headers=headers)
        self._reader = asyncio.create_task(self._read())
        await self.socket.send_bytes(sync_message(SyncType.STEP1, self.doc.get_state()))
        return self

    async def close(self) -> None:
        if self.socket is not None:
            await self.socket.close()
        if self._reader is not None:
            await asyncio.gather(self._reader, return_exceptions=True)
        if self._session is not None:
            await self._session.close()

    async def announce(self, user: dict[str, Any]) -> None:
        """Publishes this client's presence (awareness `user`)."""
        self._clock += 1
        state = json.dumps({"user": user})
        update = encode_update([(self.doc.client_id, self._clock, state)])
        assert self.socket is not None
        await self.socket.send_bytes(awareness_message(update))

    def insert(self, index: int, chunk: str) -> None:
        self.text.insert(index, chunk)

    def code(self) -> str:
        return str(self.text)

    async def wait_until(self, condition: Callable[[], bool], timeout: float = 10.0) -> None:
        deadline = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > deadline:
                raise TimeoutError(f"condition not met; text is {self.code()!r}")
            await asyncio.sleep(0.01)

    def _on_local_change(self, event: TransactionEvent) -> None:
        if self._applying_remote or self.socket is None or self.socket.closed:
            return
        update = event.update
        if update != b"\x00\x00":
            task = asyncio.ensure_future(
                self.socket.send_bytes(sync_message(SyncType.UPDATE, update))
            )
            task.add_done_callback(lambda done: done.exception())

    async def _read(self) -> None:
        assert self.socket is not None
        async for message in self.socket:
            if message.type != aiohttp.WSMsgType.BINARY:
                break
            self.received.append(message.data)
            reader = Reader(message.data)
            kind = reader.var_uint()
            if kind == MessageType.SYNC:
                sync = parse_sync(reader)
                if sync.kind == SyncType.STEP1:
                    reply = sync_message(SyncType.STEP2, self.doc.get_update(sync.payload))
                    await self.socket.send_bytes(reply)
                else:
                    self._applying_remote = True
                    try:
                        self.doc.apply_update(sync.payload)
                    finally:
                        self._applying_remote = False
                    if sync.kind == SyncType.STEP2:
                        self.synced.set()
            elif kind == MessageType.AWARENESS:
                for client_id, _clock, state_json in parse_update(reader.var_bytes()):
                    state = json.loads(state_json)
                    if state is None:
                        self.presence.pop(client_id, None)
                    else:
                        self.presence[client_id] = state
