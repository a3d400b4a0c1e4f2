"""Page helpers for the web UI: the host console and the room, as a person uses them.

They act through the stable `data-testid` attributes and real keystrokes; reading the
editor's text goes through `window.interviewDesk`, the room's read-only handle.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from dataclasses import dataclass

from playwright.sync_api import Locator, Page, expect, sync_playwright

from tests.support.chromium import launch_chromium
from tests.support.relay_process import RelayProcess

#: Platform-neutral modifier for shortcuts (Playwright maps it to Ctrl or Meta).
MOD = "ControlOrMeta"


@dataclass
class HostConsole:
    """The host console at `/`, opened with the host key in the fragment."""

    page: Page

    @classmethod
    def open(cls, page: Page, relay: RelayProcess) -> HostConsole:
        page.goto(f"{relay.base_url}/#host={relay.host_key}")
        expect(page.get_by_test_id("new-room-button")).to_be_visible()
        return cls(page)

    def create_room(self, title: str = "") -> str:
        """Creates an interview; returns its room id once its link and QR code show."""
        card = self.page.get_by_test_id("room-card")
        before = card.get_attribute("data-room") if card.count() else None
        self.page.get_by_test_id("room-title").fill(title)
        self.page.get_by_test_id("new-room-button").click()
        self.page.wait_for_function(
            """before => {
                const card = document.querySelector('[data-testid=room-card]');
                return card !== null && card.dataset.room !== before;
            }""",
            arg=before,
        )
        expect(card.get_by_test_id("share-qr").locator("svg")).to_be_visible()
        room = card.get_attribute("data-room")
        assert room
        return room

    def open_room_as_host(self, name: str) -> RoomPage:
        self.page.get_by_test_id("room-card").get_by_test_id("open-room-button").click()
        return RoomPage.join_here(self.page, name)


@dataclass
class RoomPage:
    """The room page `/r/{id}` after the join step."""

    page: Page

    @classmethod
    def join(
        cls, page: Page, base_url: str, room: str, name: str, host_key: str | None = None
    ) -> RoomPage:
        """Opens the room link (as host when `host_key` is given) and joins as `name`."""
        fragment = f"#host={host_key}" if host_key else ""
        page.goto(f"{base_url}/r/{room}{fragment}")
        return cls.join_here(page, name)

    @classmethod
    def join_here(cls, page: Page, name: str) -> RoomPage:
        page.get_by_test_id("join-name").fill(name)
        page.get_by_test_id("join-button").click()
        room = cls(page)
        room.wait_connected()
        return room

    @property
    def editor(self) -> Locator:
        return self.page.get_by_test_id("editor")

    @property
    def participants(self) -> Locator:
        return self.page.get_by_test_id("participants").get_by_test_id("participant")

    @property
    def status(self) -> Locator:
        return self.page.get_by_test_id("connection-status")

    def wait_connected(self) -> None:
        expect(self.status).to_have_attribute("data-state", "connected", timeout=15_000)

    def text(self) -> str:
        """The document as this tab's editor holds it."""
        value = self.page.evaluate("window.interviewDesk.editorText()")
        assert isinstance(value, str)
        return value

    def expect_text(self, expected: str, timeout: float = 10_000) -> None:
        self.page.wait_for_function(
            "expected => window.interviewDesk.editorText() === expected",
            arg=expected,
            timeout=timeout,
        )

    def expect_participants(self, *names: str) -> None:
        """Waits until exactly these people (in any order) are listed."""
        self.page.wait_for_function(
            """names => {
                const shown = [...document.querySelectorAll(
                  '[data-testid=participants] [data-testid=participant] .participant-name')]
                  .map(e => e.textContent).sort();
                return JSON.stringify(shown) === JSON.stringify(names);
            }""",
            arg=sorted(names),
            timeout=10_000,
        )

    def click_line_end(self, line: int) -> None:
        """Puts the cursor at the end of a 1-based line."""
        self.editor.locator(".cm-line").nth(line - 1).click()
        self.page.keyboard.press("End")

    def go_to_end(self) -> None:
        self.editor.locator(".cm-content").click()
        self.page.keyboard.press(f"{MOD}+End")

    def type(self, text: str, delay: float = 0) -> None:
        self.page.keyboard.type(text, delay=delay)

    def select_language(self, language: str) -> None:
        self.page.get_by_test_id("language-select").select_option(language)

    def expect_token(self, word: str, token_class: str, *, present: bool = True) -> None:
        """Waits until a token spelled `word` has (or no such token has) the highlight class."""
        self.page.wait_for_function(
            """([word, cls, present]) => present === [...document.querySelectorAll(
                  '[data-testid=editor] .cm-line span')]
                .some(s => s.textContent === word && s.classList.contains(cls))""",
            arg=[word, token_class, present],
            timeout=10_000,
        )


def room_id_from_url(url: str) -> str:
    match = re.search(r"/r/([A-Za-z0-9_-]+)", url)
    assert match, url
    return match.group(1)


class OwnBrowser(threading.Thread):
    """Runs `task(page)` in a Chromium of its own, on its own thread, so two people can type at
    truly the same time (a sync Playwright instance drives one thing at a time)."""

    def __init__(self, task: Callable[[Page], None]) -> None:
        super().__init__(daemon=True)
        self.task = task
        self.error: BaseException | None = None

    def run(self) -> None:
        try:
            with sync_playwright() as driver:
                browser = launch_chromium(driver)
                try:
                    context = browser.new_context(viewport={"width": 1280, "height": 800})
                    self.task(context.new_page())
                finally:
                    browser.close()
        except BaseException as error:  # re-raised in the test's thread by finish()
            self.error = error

    def finish(self, timeout: float = 120.0) -> None:
        self.join(timeout)
        assert not self.is_alive(), "the second browser did not finish"
        if self.error is not None:
            raise self.error
