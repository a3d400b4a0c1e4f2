"""Fixtures for browser tests: a real relay subprocess, Debian's Chromium, and helpers to
open the host console or join a room as a named person.

Other browser suites reuse them by importing the names into their own conftest:
`from tests.browser.conftest import browser, host_console, join, new_page, playwright, relay, room`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, Protocol

import pytest
from playwright.sync_api import Browser, Page

from tests.support.playwright_fixtures import browser, playwright
from tests.support.relay_process import RelayProcess
from tests.support.webui_pages import HostConsole, RoomPage

__all__ = ["browser", "host_console", "join", "new_page", "playwright", "relay", "room"]

VIEWPORT = {"width": 1280, "height": 800}


class JoinRoom(Protocol):
    """`join("Ada")` opens the room in a fresh browser context and joins as Ada."""

    def __call__(self, name: str, *, host: bool = False, page: Page | None = None) -> RoomPage: ...


@pytest.fixture
def relay(tmp_path: Path) -> Iterator[RelayProcess]:
    """A fresh relay on a free port; its log is printed (shown on failure) at teardown."""
    process = RelayProcess(data_dir=tmp_path / "relay-data").start()
    yield process
    try:
        process.stop()
    finally:
        print("---- relay log ----\n" + process.logs())


@pytest.fixture
def room(relay: RelayProcess) -> str:
    """A room created through the host API; its id."""
    return relay.create_room("Test interview")["room"]


@pytest.fixture
def new_page(browser: Browser) -> Iterator[Callable[..., Page]]:
    """Pages in fresh contexts (separate storage, like separate people). Uncaught page errors
    fail the test: a broken UI must not pass just because the checked element looked fine."""
    contexts = []
    errors: list[str] = []

    def make(**options: Any) -> Page:
        context = browser.new_context(**{"viewport": VIEWPORT, **options})
        contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda error: errors.append(f"{page.url}: {error}"))
        return page

    yield make
    for context in contexts:
        context.close()
    assert not errors, "uncaught errors in the page:\n" + "\n".join(errors)


@pytest.fixture
def host_console(relay: RelayProcess, new_page: Callable[..., Page]) -> HostConsole:
    return HostConsole.open(new_page(), relay)


@pytest.fixture
def join(relay: RelayProcess, room: str, new_page: Callable[..., Page]) -> JoinRoom:
    def join_as(name: str, *, host: bool = False, page: Page | None = None) -> RoomPage:
        return RoomPage.join(
            page or new_page(), relay.base_url, room, name, relay.host_key if host else None
        )

    return join_as
