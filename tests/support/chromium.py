"""Debian's Chromium driven by Playwright, started the way this closed network needs."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Browser, Playwright

from tests.support.deny_proxy import shared_proxy

CHROMIUM = Path("/usr/bin/chromium")

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

#: Where Chromium's Google services would call (sign-in, Google APIs, autofill, component
#: updates) even with the flags above: a closed loopback port, so those calls never start.
NOWHERE = "http://127.0.0.1:9"
SILENCED_SERVICES = [
    f"--gaia-url={NOWHERE}",
    f"--google-apis-url={NOWHERE}",
    f"--lso-url={NOWHERE}",
    f"--autofill-server-url={NOWHERE}/",
    f"--component-updater=url-source={NOWHERE}/",
]


def launch_chromium(playwright: Playwright, *extra_flags: str) -> Browser:
    """Debian's Chromium, through the test proxy; Playwright gives every launch a fresh user
    data dir."""
    return playwright.chromium.launch(
        executable_path=str(CHROMIUM),
        headless=True,
        args=[*CHROMIUM_FLAGS, *SILENCED_SERVICES, *extra_flags],
        proxy={"server": shared_proxy().url, "bypass": "127.0.0.1,localhost,[::1]"},
    )
