"""Looking inside the real window's page over the DevTools protocol.

Qt WebEngine opens a DevTools endpoint when QTWEBENGINE_REMOTE_DEBUGGING is
set; Playwright cannot attach to it (no browser-context support), so tests
speak the protocol directly: Runtime.evaluate and Input.insertText suffice.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import time
from typing import Any

import aiohttp


class PageSession:
    """One DevTools connection to one page of the window."""

    def __init__(self, socket: aiohttp.ClientWebSocketResponse) -> None:
        self._socket = socket
        self._ids = itertools.count(1)

    async def call(self, method: str, **params: Any) -> dict[str, Any]:
        message_id = next(self._ids)
        await self._socket.send_str(
            json.dumps({"id": message_id, "method": method, "params": params})
        )
        while True:
            message = await self._socket.receive(timeout=30)
            if message.type != aiohttp.WSMsgType.TEXT:
                raise ConnectionError(f"DevTools connection ended: {message.type}")
            reply = json.loads(message.data)
            if reply.get("id") == message_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                result: dict[str, Any] = reply["result"]
                return result

    async def evaluate(self, expression: str) -> Any:
        """The JSON value of `expression` in the page (promises are awaited)."""
        result = await self.call(
            "Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True
        )
        if "exceptionDetails" in result:
            raise RuntimeError(f"page threw: {result['exceptionDetails']}")
        return result["result"].get("value")

    async def wait_for(self, expression: str, timeout: float = 30.0) -> Any:
        """Poll until `expression` is truthy; returns its value."""
        deadline = time.monotonic() + timeout
        last: Any = None
        while time.monotonic() < deadline:
            try:
                last = await self.evaluate(expression)
            except RuntimeError:
                last = None
            if last:
                return last
            await asyncio.sleep(0.05)
        raise TimeoutError(f"page never satisfied {expression!r} (last: {last!r})")


async def page_targets(port: int, timeout: float = 30.0) -> list[dict[str, Any]]:
    """The window's pages once the DevTools endpoint answers."""
    deadline = time.monotonic() + timeout
    async with aiohttp.ClientSession() as http:
        while True:
            try:
                async with http.get(f"http://127.0.0.1:{port}/json") as reply:
                    targets: list[dict[str, Any]] = await reply.json(content_type=None)
                pages = [t for t in targets if t.get("type") == "page"]
                if pages:
                    return pages
            except aiohttp.ClientError:
                pass
            if time.monotonic() > deadline:
                raise TimeoutError("the window's DevTools endpoint never listed a page")
            await asyncio.sleep(0.1)


class WindowPage:
    """`async with WindowPage(port) as page:` the first page of the real window."""

    def __init__(self, port: int) -> None:
        self.port = port
        self._http: aiohttp.ClientSession | None = None
        self._socket: aiohttp.ClientWebSocketResponse | None = None

    async def __aenter__(self) -> PageSession:
        [page, *_] = await page_targets(self.port)
        self._http = aiohttp.ClientSession()
        self._socket = await self._http.ws_connect(page["webSocketDebuggerUrl"], max_msg_size=0)
        return PageSession(self._socket)

    async def __aexit__(self, *_: object) -> None:
        if self._socket is not None:
            await self._socket.close()
        if self._http is not None:
            await self._http.close()
