"""`--pyodide-base`: the room loads Pyodide from wherever the relay says, and nowhere else."""

from __future__ import annotations

import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from aiohttp import web
from playwright.sync_api import Browser, Request, expect

from tests.runners.conftest import VIEWPORT
from tests.runners.run_panel import RESULT_TIMEOUT_MS, RunPanel
from tests.support.relay_process import RelayProcess
from tests.support.thread_server import ThreadServer
from tests.support.webui_pages import RoomPage

pytestmark = pytest.mark.browser

PYODIDE = Path(__file__).resolve().parents[2] / "pyodide_bundle" / "node_modules" / "pyodide"
TYPES = {".wasm": "application/wasm", ".mjs": "text/javascript", ".js": "text/javascript"}


class PyodideMirror(ThreadServer):
    """Another origin serving the Pyodide files under /mirror/, the way a CDN would."""

    def __init__(self) -> None:
        self.served: list[str] = []
        app = web.Application()
        app.router.add_get("/mirror/{name:.+}", self._file)
        super().__init__(app)

    async def _file(self, request: web.Request) -> web.StreamResponse:
        name = request.match_info["name"]
        path = (PYODIDE / name).resolve()
        if not path.is_relative_to(PYODIDE.resolve()) or not path.is_file():
            raise web.HTTPNotFound()
        self.served.append(name)
        headers = {
            "Access-Control-Allow-Origin": "*",
            "Cross-Origin-Resource-Policy": "cross-origin",
        }
        if path.suffix in TYPES:
            headers["Content-Type"] = TYPES[path.suffix]
        return web.FileResponse(path, headers=headers)


@pytest.fixture
def mirror() -> Iterator[PyodideMirror]:
    with PyodideMirror() as server:
        yield server


def relay_sending_browsers_to(base: str, tmp_path: Path) -> Iterator[RelayProcess]:
    """A relay started with `--pyodide-base base`; its log is printed when it stops."""
    process = RelayProcess(data_dir=tmp_path / "relay", extra_args=["--pyodide-base", base])
    yield process.start()
    try:
        process.stop()
    finally:
        print("---- relay log ----\n" + process.logs())


@pytest.fixture
def mirrored_relay(tmp_path: Path, mirror: PyodideMirror) -> Iterator[RelayProcess]:
    yield from relay_sending_browsers_to(f"http://127.0.0.1:{mirror.port}/mirror/", tmp_path)


def test_python_loads_from_the_pyodide_base_given_to_the_relay(
    browser: Browser, mirrored_relay: RelayProcess, mirror: PyodideMirror
) -> None:
    room = mirrored_relay.create_room("mirror")["room"]
    context = browser.new_context(viewport=VIEWPORT)
    requested: list[str] = []

    def record(request: Request) -> None:
        requested.append(request.url)

    context.on("request", record)
    try:
        page = context.new_page()
        page.goto(f"{mirrored_relay.base_url}/r/{room}")
        panel = RunPanel(RoomPage.join_here(page, "Ada"))
        outcome = panel.run("import sys\nprint(sys.version_info[:2] >= (3, 12))")
    finally:
        context.close()
    assert (outcome.status, outcome.output) == ("ok", "True\n")
    assert "pyodide.asm.wasm" in mirror.served
    assert not [url for url in requested if "/pyodide/" in url]


@pytest.fixture
def broken_relay(tmp_path: Path) -> Iterator[RelayProcess]:
    """A relay that sends browsers to a Pyodide base where nothing answers."""
    with socket.socket() as unused:
        unused.bind(("127.0.0.1", 0))
        port = unused.getsockname()[1]
    yield from relay_sending_browsers_to(f"http://127.0.0.1:{port}/nowhere/", tmp_path)


def test_python_that_cannot_load_says_so(browser: Browser, broken_relay: RelayProcess) -> None:
    room = broken_relay.create_room("no python")["room"]
    context = browser.new_context(viewport=VIEWPORT)
    try:
        page = context.new_page()
        page.goto(f"{broken_relay.base_url}/r/{room}")
        panel = RunPanel(RoomPage.join_here(page, "Ada"))
        status = page.get_by_test_id("runner-status")
        expect(status).to_have_attribute("data-state", "failed", timeout=RESULT_TIMEOUT_MS)
        expect(status).to_contain_text("Python failed to load")
        panel.set_code("print(1)", "python")
        before = panel.entries.count()
        page.get_by_test_id("run-button").click()
        notice = page.get_by_test_id("run-notice")
        expect(notice).to_contain_text("Python cannot run in this browser: Python failed to load")
        runs_after_refused_click = panel.entries.count()
        javascript = panel.run("console.log('still here')", "javascript")
        expect(notice).to_be_hidden()
    finally:
        context.close()
    assert runs_after_refused_click == before
    assert javascript.output == "still here\n"
