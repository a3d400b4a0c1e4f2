"""Fixtures for the engine tier: every test runs in Chromium, Firefox ESR and WebKitGTK, each on
a loopback origin (the interviewer's machine: a secure context) and on a LAN-style origin
(`http://desk-lan:PORT` through the test proxy: plain HTTP, not a secure context).

One relay, one Chromium and one browser per engine for the whole tier (package scope: both
modules use the same room, so Python loads once per engine and origin); the person under test
is a page of that engine, and a Chromium peer shares the room. On loopback the engine page is
the interviewer and the peer a candidate; on the LAN origin the engine page is the candidate and
the peer the interviewer on loopback, as in a real interview.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Playwright, sync_playwright
from playwright.sync_api import Error as PlaywrightError

from tests.runners.conftest import VIEWPORT, ProbeServer
from tests.runners.run_panel import RunPanel
from tests.support.chromium import launch_chromium
from tests.support.chromium_engine import ChromiumEngine
from tests.support.deny_proxy import LAN_NAME, shared_proxy
from tests.support.engine_page import Engine
from tests.support.engine_room import EngineRoom
from tests.support.firefox import FIREFOX, FirefoxEngine
from tests.support.relay_process import RelayProcess
from tests.support.webkit import MINIBROWSER, WEBKIT_DRIVER, WebKitEngine
from tests.support.webui_pages import RoomPage

ENGINES = ["chromium", "firefox", "webkit"]
ORIGINS = ["loopback", "lan"]
#: Names the tests give the two people.
ENGINE_PERSON, PEER = "Eve", "Pat"


@dataclass
class Room:
    """One room of a module: its id, the base URL the engine page uses, both people."""

    engine: str
    origin: str
    room: str
    base_url: str
    person: EngineRoom
    peer: RunPanel

    @property
    def names(self) -> tuple[str, str]:
        return (ENGINE_PERSON, PEER)

    def share(self, code: str, language: str) -> None:
        """The peer pastes the code over everything, as in an interview; waits until the engine
        page has it. A paste, not Playwright's insert_text: with the other person's caret (and
        its name label) drawn in the editor, insert_text over a select-all put the label's
        text into the document (seen: "\u2060\u2060Eve\u2060" appended)."""
        self.peer.set_language(language)
        editor = self.peer.room
        editor.editor.locator(".cm-content").click()
        editor.page.keyboard.press("ControlOrMeta+a")
        editor.page.evaluate(
            """code => {
              const data = new DataTransfer();
              data.setData('text/plain', code);
              document.querySelector('[data-testid=editor] .cm-content').dispatchEvent(
                new ClipboardEvent('paste', { clipboardData: data, bubbles: true }));
            }""",
            code,
        )
        # Longer than the run panel's own wait: a slow engine's spare interpreter may be
        # loading next to the peer on two cores.
        try:
            editor.expect_text(code, timeout=30_000)
        except PlaywrightError:
            focus = editor.page.evaluate("document.activeElement?.outerHTML.slice(0, 200)")
            raise AssertionError(
                f"the peer's editor holds {editor.text()!r}, not {code!r}; focus on {focus}"
            ) from None
        self.person.wait_code(code, language)


def relay_args() -> list[str]:
    """Lets the relay answer the LAN-style name (it refuses Host names not of this machine)."""
    return ["--allow-host", LAN_NAME]


@pytest.fixture(scope="package")
def engine_playwright() -> Iterator[Playwright]:
    """Package scope is safe here: this tier has no asyncio tests for Playwright to disturb."""
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="package")
def peer_browser(engine_playwright: Playwright) -> Iterator[Browser]:
    chromium = launch_chromium(engine_playwright)
    yield chromium
    chromium.close()


@pytest.fixture(scope="package")
def relay(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RelayProcess]:
    process = RelayProcess(
        data_dir=tmp_path_factory.mktemp("relay-data"), extra_args=relay_args()
    ).start()
    yield process
    try:
        process.stop()
    finally:
        print("---- relay log ----\n" + process.logs())


@pytest.fixture(scope="package", params=ENGINES)
def engine(request: pytest.FixtureRequest, peer_browser: Browser) -> Iterator[Engine]:
    name: str = request.param
    missing = {
        "firefox": [FIREFOX],
        "webkit": [WEBKIT_DRIVER, MINIBROWSER],
    }.get(name, [])
    absent = [str(path) for path in missing if not Path(path).exists()]
    if absent:
        pytest.fail(f"{name} needs {', '.join(absent)}: run `make system-deps`")
    started: Engine
    if name == "chromium":
        started = ChromiumEngine(peer_browser, owned=False)
    elif name == "firefox":
        started = FirefoxEngine()
    else:
        started = WebKitEngine()
    yield started
    started.close()


@pytest.fixture(scope="package", params=ORIGINS)
def origin(request: pytest.FixtureRequest) -> str:
    value: str = request.param
    return value


@pytest.fixture(scope="package")
def shared_room(
    engine: Engine, origin: str, relay: RelayProcess, peer_browser: Browser
) -> Iterator[Room]:
    """The engine page and the Chromium peer, joined to a fresh room."""
    room = relay.create_room(f"{engine.name} on {origin}")["room"]
    lan = origin == "lan"
    base_url = shared_proxy().route(relay.port) if lan else relay.base_url
    page = engine.new_page()
    person = EngineRoom.join(page, base_url, room, ENGINE_PERSON, None if lan else relay.host_key)
    context = peer_browser.new_context(viewport=VIEWPORT)
    peer_page = context.new_page()
    peer_errors: list[str] = []
    peer_page.on("pageerror", lambda error: peer_errors.append(str(error)))
    peer = RunPanel(
        RoomPage.join(peer_page, relay.base_url, room, PEER, relay.host_key if lan else None)
    )
    yield Room(engine.name, origin, room, base_url, person, peer)
    errors = page.page_errors()
    page.close()
    context.close()
    assert not errors, f"uncaught errors in the {engine.name} page:\n" + "\n".join(errors)
    assert not peer_errors, "uncaught errors in the peer's page:\n" + "\n".join(peer_errors)


@pytest.fixture(scope="package")
def probe() -> Iterator[ProbeServer]:
    server = ProbeServer().start()
    yield server
    server.stop()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    report = yield
    if report.when == "call":
        item.stash[_FAILED] = report.failed
    return report


_FAILED = pytest.StashKey[bool]()


@pytest.fixture(autouse=True)
def screenshot_on_failure(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[None]:
    """A failed test leaves a screenshot of the engine page (outside the tree) and says where."""
    yield
    if not request.node.stash.get(_FAILED, False) or "shared_room" not in request.fixturenames:
        return
    room: Room = request.getfixturevalue("shared_room")
    path = tmp_path / f"{room.engine}-{room.origin}.png"
    try:
        room.person.page.screenshot(path)
    except Exception as error:  # a dead page cannot be photographed; the failure says enough
        print(f"no screenshot: {error}")
        return
    print(f"screenshot of the {room.engine} page: {path}")
