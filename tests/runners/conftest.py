"""Fixtures for the runner tests: one relay, one browser and one joined room per module (loading
Pyodide costs seconds, so tests of one module share it), plus a probe server that stands for
"the network" and records every request that reaches it."""

from __future__ import annotations

import asyncio
import socket
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web
from playwright.sync_api import (
    Browser,
    BrowserContext,
    Page,
    Playwright,
    ViewportSize,
    sync_playwright,
)

from tests.runners.run_panel import RunPanel
from tests.support.chromium import launch_chromium
from tests.support.relay_process import RelayProcess
from tests.support.webui_pages import RoomPage

# Wide enough for the attack programs: a line wider than the editor pushes it over the run
# panel (web UI layout bug: `.editor-pane .cm-editor` needs `min-width: 0`).
VIEWPORT: ViewportSize = {"width": 1920, "height": 1000}


class ProbeServer:
    """An HTTP and WebSocket server on 127.0.0.1 that only counts who reached it."""

    def __init__(self) -> None:
        self.hits: list[str] = []
        self.port = 0
        self._loop = asyncio.new_event_loop()
        self._runner: web.AppRunner | None = None
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        self.hits.append(request.path_qs)
        if request.headers.get("Upgrade", "").lower() == "websocket":
            reply = web.WebSocketResponse()
            await reply.prepare(request)
            await reply.send_str("probe-reached")
            await reply.close()
            return reply
        headers = {
            "Access-Control-Allow-Origin": "*",
            "Cross-Origin-Resource-Policy": "cross-origin",
        }
        return web.Response(text="probe-reached", headers=headers)

    async def _start(self) -> None:
        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", self._handle)
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.bind(("127.0.0.1", 0))
        self.port = listener.getsockname()[1]
        await web.SockSite(self._runner, listener).start()

    def start(self) -> ProbeServer:
        self._thread.start()
        asyncio.run_coroutine_threadsafe(self._start(), self._loop).result(10)
        return self

    def stop(self) -> None:
        if self._runner is not None:
            asyncio.run_coroutine_threadsafe(self._runner.cleanup(), self._loop).result(10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)
        self._loop.close()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def reached(self, marker: str) -> list[str]:
        return [hit for hit in self.hits if marker in hit]


@pytest.fixture(scope="module")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="module")
def browser(playwright: Playwright) -> Iterator[Browser]:
    chromium = launch_chromium(playwright)
    yield chromium
    chromium.close()


@pytest.fixture(scope="module")
def relay(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RelayProcess]:
    data_dir: Path = tmp_path_factory.mktemp("relay-data")
    process = RelayProcess(data_dir=data_dir).start()
    yield process
    try:
        process.stop()
    finally:
        print("---- relay log ----\n" + process.logs())


@pytest.fixture(scope="module")
def room(relay: RelayProcess) -> str:
    return relay.create_room("Runner tests")["room"]


@pytest.fixture(scope="module")
def probe() -> Iterator[ProbeServer]:
    server = ProbeServer().start()
    yield server
    server.stop()


@pytest.fixture(scope="module")
def open_room(
    browser: Browser, relay: RelayProcess, room: str
) -> Iterator[Callable[..., RunPanel]]:
    """`open_room("Ada", host=True, query="")` joins in a fresh context; pages fail the module
    on uncaught errors."""
    contexts: list[BrowserContext] = []
    errors: list[str] = []

    def join(name: str, *, host: bool = False, query: str = "", **options: Any) -> RunPanel:
        context = browser.new_context(**{"viewport": VIEWPORT, **options})
        contexts.append(context)
        page: Page = context.new_page()
        page.on("pageerror", lambda error: errors.append(f"{page.url}: {error}"))
        fragment = f"#host={relay.host_key}" if host else ""
        page.goto(f"{relay.base_url}/r/{room}{query}{fragment}")
        return RunPanel(RoomPage.join_here(page, name))

    yield join
    for context in contexts:
        context.close()
    assert not errors, "uncaught errors in the page:\n" + "\n".join(errors)


@pytest.fixture(scope="module")
def host(open_room: Callable[..., RunPanel]) -> RunPanel:
    """The interviewer's tab (cross-origin isolated, like the desktop window on loopback)."""
    panel = open_room("Alice", host=True)
    panel.wait_ready()
    return panel
