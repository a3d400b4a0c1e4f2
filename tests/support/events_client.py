"""A participant's events socket in Python, for tests."""

from __future__ import annotations

import json
from typing import Any

import aiohttp


class EventsClient:
    def __init__(self, socket: aiohttp.ClientWebSocketResponse) -> None:
        self.socket = socket

    @classmethod
    async def connect(
        cls, session: aiohttp.ClientSession, base_ws: str, room: str, **kwargs: Any
    ) -> EventsClient:
        return cls(await session.ws_connect(f"{base_ws}/ws/{room}/events", **kwargs))

    async def send(self, kind: str, payload: dict[str, Any]) -> None:
        await self.socket.send_str(json.dumps({"type": kind, "payload": payload}))

    async def receive(self, timeout: float = 5.0) -> dict[str, Any]:
        message = await self.socket.receive(timeout=timeout)
        if message.type != aiohttp.WSMsgType.TEXT:
            raise AssertionError(f"expected a text frame, got {message.type!r} {message.extra!r}")
        event: dict[str, Any] = json.loads(message.data)
        return event

    async def receive_type(self, kind: str, timeout: float = 5.0) -> dict[str, Any]:
        """The payload of the next event of `kind`, skipping others."""
        while True:
            event = await self.receive(timeout)
            if event["type"] == kind:
                payload: dict[str, Any] = event["payload"]
                return payload

    async def hello(
        self, name: str, host_key: str | None = None, browser: str | None = None
    ) -> dict[str, Any]:
        payload: dict[str, Any] = {"name": name}
        if host_key is not None:
            payload["host_key"] = host_key
        if browser is not None:
            payload["browser"] = browser
        await self.send("hello", payload)
        return await self.receive_type("welcome")

    async def close(self) -> None:
        await self.socket.close()
