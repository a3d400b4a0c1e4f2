"""Python starts from the memory snapshot made at set-up, behaves exactly as after a normal start,
and starts normally when the snapshot is missing or refused (it is private Pyodide API)."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from aiohttp import web
from playwright.sync_api import Browser, Page, Route, expect

from tests.runners.conftest import VIEWPORT
from tests.runners.run_panel import RunOutcome, RunPanel
from tests.runners.test_pyodide_base import PYODIDE, TYPES, relay_sending_browsers_to
from tests.support.relay_process import RelayProcess
from tests.support.thread_server import ThreadServer
from tests.support.webui_pages import RoomPage

pytestmark = pytest.mark.browser

SNAPSHOT = "interview-desk-snapshot.bin"
FETCHED_BY_PAGE = {SNAPSHOT, "pyodide.asm.wasm", "pyodide-lock.json"}
#: What a program can see of the interpreter it runs in, its streams and its errors.
PROBE = (
    "import sys\n"
    "print(sys.path)\n"
    "print(sorted(sys.modules))\n"
    "print(__name__, sorted(k for k in globals() if not k.startswith('__')), sys.argv)\n"
    "print('to stderr', file=sys.stderr)\n"
    "def fail():\n"
    "    return 1 / 0\n"
    "fail()\n"
)


class FolderMirror(ThreadServer):
    """Serves one folder's files the way the relay serves Pyodide (CORS, CORP, types)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        app = web.Application()
        app.router.add_get("/mirror/{name}", self._file)
        super().__init__(app)

    async def _file(self, request: web.Request) -> web.StreamResponse:
        path = self.folder / request.match_info["name"]
        if not path.is_file():
            raise web.HTTPNotFound()
        headers = {
            "Access-Control-Allow-Origin": "*",
            "Cross-Origin-Resource-Policy": "cross-origin",
        }
        if path.suffix in TYPES:
            headers["Content-Type"] = TYPES[path.suffix]
        return web.FileResponse(path, headers=headers)


def pyodide_copy(folder: Path, snapshot: bytes | None) -> Path:
    """The Pyodide files (links to the real ones) with `snapshot` as the snapshot, or none."""
    folder.mkdir()
    for path in PYODIDE.iterdir():
        if path.is_file() and not path.name.startswith(SNAPSHOT):
            (folder / path.name).symlink_to(path)
    if snapshot is not None:
        (folder / SNAPSHOT).write_bytes(snapshot)
    return folder


def other_build_snapshot() -> bytes:
    """The real snapshot, marked as made by another Pyodide build (bytes 16 to 47 of Pyodide's
    snapshot hold the id; our file starts with a 32-byte header and a table of the non-zero
    ranges it keeps, the first of which holds Pyodide's header)."""
    data = bytearray((PYODIDE / SNAPSHOT).read_bytes())
    assert data[:8] == b"IDSDIFF1"
    ranges = int.from_bytes(data[12:16], "little")
    offset, length = (int.from_bytes(data[at : at + 4], "little") for at in (32, 36))
    assert offset <= 16
    assert offset + length >= 48
    start = 32 + 8 * ranges - offset
    data[start + 16 : start + 48] = bytes(b ^ 0xFF for b in data[start + 16 : start + 48])
    return bytes(data)


def startups(page: Page) -> list[dict[str, Any]]:
    """How each Python frame of the page started (data-python-startup), oldest first."""
    values: list[str] = page.eval_on_selector_all(
        "iframe[data-python-startup]", "frames => frames.map((f) => f.dataset.pythonStartup)"
    )
    records = [json.loads(value) for value in values]
    return sorted(records, key=lambda record: record["frameCreated"])


def join_ready(browser: Browser, relay: RelayProcess, name: str) -> RunPanel:
    room = relay.create_room(name)["room"]
    page = browser.new_context(viewport=VIEWPORT).new_page()
    page.goto(f"{relay.base_url}/r/{room}")
    panel = RunPanel(RoomPage.join_here(page, name))
    panel.wait_ready()
    return panel


@pytest.fixture(scope="module")
def snapshot_probe(open_room: Callable[..., RunPanel]) -> RunOutcome:
    """PROBE as the first run of a tab that started from the snapshot."""
    panel = open_room("Sam")
    panel.wait_ready()
    return panel.run(PROBE)


@pytest.fixture
def mirror_relay(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[RelayProcess]:
    """A relay sending browsers to a copy of Pyodide whose snapshot is `request.param`."""
    snapshot: bytes | None = request.param() if callable(request.param) else request.param
    mirror = FolderMirror(pyodide_copy(tmp_path / "pyodide", snapshot)).start()
    try:
        yield from relay_sending_browsers_to(f"http://127.0.0.1:{mirror.port}/mirror/", tmp_path)
    finally:
        mirror.stop()


def test_python_starts_from_the_snapshot_with_files_the_page_fetched(host: RunPanel) -> None:
    records = startups(host.page)
    assert records, "no Python frame reported how it started"
    first = records[0]
    assert (first["how"], first["refused"]) == ("snapshot", None)
    assert set(first["fromPage"]) >= FETCHED_BY_PAGE
    # The standard library came from the page too, before the start or after it (stdlib-later.ts).
    assert first["stdlibLater"] or "python_stdlib.zip" in first["fromPage"], first
    assert {"worker", "imported", "snapshot", "interpreter", "ready"} <= set(first["steps"])
    assert host.run("print(1 + 1)").output == "2\n"


def test_snapshot_start_runs_a_program_exactly_like_a_normal_start(
    snapshot_probe: RunOutcome, browser: Browser, tmp_path: Path
) -> None:
    mirror = FolderMirror(pyodide_copy(tmp_path / "pyodide", None)).start()
    try:
        for relay in relay_sending_browsers_to(f"http://127.0.0.1:{mirror.port}/mirror/", tmp_path):
            panel = join_ready(browser, relay, "Norma")
            try:
                first = startups(panel.page)[0]
                assert (first["how"], first["refused"]) == ("normal", None)
                normal = panel.run(PROBE)
            finally:
                panel.page.context.close()
    finally:
        mirror.stop()
    assert snapshot_probe.status == "error"
    assert "ZeroDivisionError: division by zero" in snapshot_probe.error
    assert "to stderr" in snapshot_probe.output
    assert (normal.status, normal.output, normal.error) == (
        snapshot_probe.status,
        snapshot_probe.output,
        snapshot_probe.error,
    )


@pytest.mark.parametrize("mirror_relay", [other_build_snapshot], indirect=True)
def test_a_snapshot_of_another_build_is_refused_and_python_starts_normally(
    browser: Browser, mirror_relay: RelayProcess
) -> None:
    panel = join_ready(browser, mirror_relay, "Rita")
    try:
        first = startups(panel.page)[0]
        assert first["how"] == "normal"
        assert "build id mismatch" in first["refused"]
        outcome = panel.run("print(6 * 7)\nraise ValueError('boom')")
        assert outcome.output == "42\n"
        assert outcome.error.endswith("ValueError: boom")
        before = panel.start("print('spinning', flush=True)\nwhile True:\n    pass")
        expect(panel.entries.first.get_by_test_id("run-output")).to_have_text("spinning\n")
        panel.page.get_by_test_id("stop-button").click()
        assert panel.wait_result(before + 1).status == "stopped"
        assert panel.run("print('again')").output == "again\n"
    finally:
        panel.page.context.close()


def test_without_isolation_python_starts_normally_so_input_can_wait_on_a_promise(
    open_room: Callable[..., RunPanel],
) -> None:
    """A Node-made snapshot has Pyodide's stack switching off for good (a JSPI-made one failed at
    the first input()): where input() waits on a promise, the worker starts Python normally."""
    candidate = open_room("Lan", query="?runner-isolation=off")
    candidate.wait_ready()
    assert candidate.page.evaluate("typeof SharedArrayBuffer") == "undefined"
    first = startups(candidate.page)[0]
    assert (first["how"], first["refused"]) == ("normal", None)
    fetched = candidate.page.evaluate(
        "performance.getEntriesByType('resource').map((entry) => entry.name)"
    )
    assert not [url for url in fetched if SNAPSHOT in url], "the unused snapshot was downloaded"
    before = candidate.start("name = input('Name? ')\nprint('Hi', name)")
    field = candidate.page.get_by_test_id("stdin-line")
    expect(field).to_be_visible()
    field.fill("Grace")
    field.press("Enter")
    outcome = candidate.wait_result(before + 1)
    assert (outcome.status, outcome.output) == ("ok", "Name? Grace\nHi Grace\n")


def test_without_isolation_spares_start_from_a_snapshot_this_engine_made(
    open_room: Callable[..., RunPanel],
) -> None:
    """Where input() waits on a promise, the page has a frame make this engine's own snapshot
    (stack switching on) and starts every spare from it: after Stop the spare runs the probe
    exactly as the normal start did, and input() still waits for the person."""
    candidate = open_room("Spare", query="?runner-isolation=off")
    candidate.wait_ready()
    normal = candidate.run(PROBE)
    candidate.page.wait_for_function(
        "[...document.querySelectorAll('iframe[data-python-start]')]"
        ".some((frame) => frame.dataset.pythonStart === 'snapshot')",
        timeout=60_000,
    )
    records = startups(candidate.page)
    assert [record["how"] for record in records] == ["normal", "snapshot"]
    assert records[1]["refused"] is None
    before = candidate.start("print('spinning', flush=True)\nwhile True:\n    pass")
    expect(candidate.entries.first.get_by_test_id("run-output")).to_have_text("spinning\n")
    candidate.page.get_by_test_id("stop-button").click()
    assert candidate.wait_result(before + 1).status == "stopped"
    again = candidate.run(PROBE)
    assert (again.status, again.output, again.error) == (normal.status, normal.output, normal.error)
    before = candidate.start("name = input('Name? ')\nprint('Hi', name)")
    field = candidate.page.get_by_test_id("stdin-line")
    expect(field).to_be_visible()
    field.fill("Grace")
    field.press("Enter")
    outcome = candidate.wait_result(before + 1)
    assert (outcome.status, outcome.output) == ("ok", "Name? Grace\nHi Grace\n")


#: Imports a module start-up did not import, and fails inside the standard library, so that its
#: traceback shows stdlib source lines: both read the standard library's zip.
NEEDS_THE_STDLIB = (
    "import sys\n"
    "print('fractions' in sys.modules)\n"
    "import fractions\n"
    "print(fractions.Fraction(1, 3) + fractions.Fraction(1, 6))\n"
    "fractions.Fraction('one third')\n"
)


def test_python_is_ready_before_the_standard_library_and_a_program_that_needs_it_waits(
    browser: Browser, relay: RelayProcess, host: RunPanel
) -> None:
    """The page's download of the standard library is held: Python still gets ready from the
    snapshot and runs print(); a program that imports a module start-up did not import, and
    whose traceback shows stdlib lines, has the worker fetch the zip there and then, and runs
    exactly as where the zip was there from the start."""
    context = browser.new_context(viewport=VIEWPORT)
    held: list[Route] = []
    passed: list[str] = []

    def hold_the_first(route: Route) -> None:
        if not held:
            held.append(route)
        else:
            passed.append(route.request.url)
            route.continue_()

    context.route("**/interview-desk-stdlib.zip", hold_the_first)
    try:
        page = context.new_page()
        room = relay.create_room("stdlib later")["room"]
        page.goto(f"{relay.base_url}/r/{room}")
        panel = RunPanel(RoomPage.join_here(page, "Lena"))
        panel.wait_ready()
        first = startups(page)[0]
        assert (first["how"], first["stdlibLater"]) == ("snapshot", True), first
        assert held, "the page never asked for the standard library"
        assert panel.run("print(1 + 1)").output == "2\n"
        assert passed == [], "print() made the worker fetch the standard library"
        later = panel.run(NEEDS_THE_STDLIB)
        expected = host.run(NEEDS_THE_STDLIB)
        assert "fractions.py" in expected.error, expected
        assert "ValueError: Invalid literal for Fraction" in expected.error, expected
        assert (later.status, later.output, later.error) == (
            expected.status,
            expected.output,
            expected.error,
        )
        assert later.output.startswith("False\n1/2\n"), later
        assert len(passed) == 1, f"the worker fetched the standard library {len(passed)} times"
    finally:
        for route in held:
            route.continue_()
        context.close()
