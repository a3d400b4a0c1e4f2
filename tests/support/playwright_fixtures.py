"""Playwright and Debian's Chromium as pytest fixtures, for every browser suite's conftest, and
the guard that fails a module whose browsers tried to reach anything but the relay.

Module scope, not session: while Playwright's sync driver is alive it marks an asyncio
loop as running on this thread, which would break every async test that runs after it.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Playwright, sync_playwright

from tests.support import deny_proxy
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


@pytest.fixture(scope="module", autouse=True)
def nothing_outside_the_relay() -> Iterator[None]:
    """Every test browser goes through the deny-all proxy; a refusal there fails the module."""
    before = len(deny_proxy.shared_proxy().refusals()) if deny_proxy.started() else 0
    yield
    if deny_proxy.started():
        tried = deny_proxy.shared_proxy().refusals()[before:]
        assert not tried, "a browser tried to reach outside the relay:\n" + "\n".join(
            f"{refusal.method} {refusal.target}" for refusal in tried
        )
