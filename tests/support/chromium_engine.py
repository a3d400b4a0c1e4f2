"""Debian's Chromium behind the engine interface (tests/support/engine_page.py), so the engine
tier runs the same test body in Chromium as in Firefox and WebKit."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, Page, Playwright, ViewportSize

from tests.support.chromium import launch_chromium
from tests.support.engine_page import EnginePage

VIEWPORT: ViewportSize = {"width": 1600, "height": 1000}


class ChromiumEngine:
    """A Chromium (through the test proxy), maybe shared with the peer; pages in fresh contexts."""

    name = "chromium"

    def __init__(self, browser: Browser, *, owned: bool = True) -> None:
        self.browser = browser
        self._owned = owned

    @classmethod
    def launch(cls, playwright: Playwright) -> ChromiumEngine:
        return cls(launch_chromium(playwright))

    def new_page(self) -> ChromiumPage:
        context = self.browser.new_context(viewport=VIEWPORT)
        return ChromiumPage(context.new_page())

    def version(self) -> str:
        return self.browser.version

    def close(self) -> None:
        if self._owned:
            self.browser.close()


class ChromiumPage(EnginePage):
    engine = "chromium"

    def __init__(self, page: Page) -> None:
        self.page = page
        self._errors: list[str] = []
        page.on("pageerror", lambda error: self._errors.append(str(error)))

    def goto(self, url: str) -> None:
        self.page.goto(url)

    def evaluate(self, source: str, arg: Any = None) -> Any:
        return self.page.evaluate(source, arg)

    def click(self, selector: str) -> None:
        self.page.click(selector)

    def type(self, text: str) -> None:
        self.page.keyboard.type(text)

    def press(self, keys: str) -> None:
        self.page.keyboard.press(keys)

    def screenshot(self, path: Path) -> None:
        self.page.screenshot(path=str(path))

    def page_errors(self) -> list[str]:
        return list(self._errors)

    def close(self) -> None:
        self.page.context.close()
