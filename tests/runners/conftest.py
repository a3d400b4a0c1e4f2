"""Fixtures for the runner tests: one relay, one browser and one joined room per module (loading
Pyodide costs seconds, so tests of one module share it), plus a probe server that stands for
"the network" and records every request that reaches it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web
from playwright.sync_api import (
    Browser,
    BrowserContext,
    Page,
    ViewportSize,
)

from tests.runners.run_panel import RunPanel
from tests.support.relay_process import RelayProcess
from tests.support.thread_server import ThreadServer
from tests.support.webui_pages import RoomPage

# Wide enough for the attack programs: a line wider than the editor pushes it over the run
# panel (web UI layout bug: `.editor-pane .cm-editor` needs `min-width: 0`).
VIEWPORT: ViewportSize = {"width": 1920, "height": 1000}


class ProbeServer(ThreadServer):
    """An HTTP and WebSocket server on 127.0.0.1 that only counts who reached it."""

    def __init__(self) -> None:
        self.hits: list[str] = []
        app = web.Application()
        app.router.add_route("*", "/{tail:.*}", self._handle)
        super().__init__(app)

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

    def reached(self, marker: str) -> list[str]:
        return [hit for hit in self.hits if marker in hit]


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
