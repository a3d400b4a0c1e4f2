"""Playwright and Debian's Chromium as pytest fixtures, for every browser suite's conftest.

Module scope, not session: while Playwright's sync driver is alive it marks an asyncio
loop as running on this thread, which would break every async test that runs after it.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Playwright, sync_playwright

from tests.support.chromium import launch_chromium


@pytest.fixture(scope="module")
def playwright() -> Iterator[Playwright]:
    with sync_playwright() as driver:
        yield driver


@pytest.fixture(scope="module")
def browser(playwright: Playwright) -> Iterator[Browser]:
    chromium = launch_chromium(playwright)
    yield chromium
    chromium.close()
