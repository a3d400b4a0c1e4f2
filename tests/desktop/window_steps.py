"""Steps the window tests share: wait for the host console, open a room as host, close."""

from __future__ import annotations

import json
import urllib.request
from typing import Any

from tests.desktop import x11
from tests.desktop.app_process import AppProcess
from tests.desktop.cdp import PageSession

TITLE = "Interview Desk"
HOST_CONSOLE_READY = (
    "!!document.querySelector('[data-testid=\"new-room-button\"]')"
    " && !document.querySelector('[data-testid=\"host-key\"]')"
)
# The host console moves the key from the fragment to sessionStorage and clears the address bar.
HOST_KEY_TAKEN = "location.hash === '' && Object.values(sessionStorage).length > 0"


def healthz(port: int) -> dict[str, Any]:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as reply:
        body: dict[str, Any] = json.loads(reply.read())
        return body


async def create_room_in_window(page: PageSession) -> str:
    """Press "New interview" in the real host console; the room id it created."""
    await page.wait_for(HOST_CONSOLE_READY)
    await page.evaluate("document.querySelector('[data-testid=\"new-room-button\"]').click(), true")
    room: str = await page.wait_for(
        "document.querySelector('[data-testid=\"room-card\"]')?.getAttribute('data-room')"
    )
    return room


async def enter_room_as_host(page: PageSession, name: str = "Interviewer") -> None:
    """Open the created room as host and join under `name`; returns once the editor shows."""
    await page.evaluate(
        "document.querySelector('[data-testid=\"open-room-button\"]').click(), true"
    )
    await page.wait_for("location.pathname.startsWith('/r/')")
    await page.wait_for("!!document.querySelector('[data-testid=\"join-name\"]')")
    await page.evaluate(
        "(() => { const input = document.querySelector('[data-testid=\"join-name\"]');"
        f" input.value = {json.dumps(name)};"
        " document.querySelector('[data-testid=\"join-button\"]').click(); return true; })()"
    )
    await page.wait_for("!!document.querySelector('.cm-content')")


async def type_in_editor(page: PageSession, text: str) -> None:
    await page.evaluate("document.querySelector('.cm-content').focus(), true")
    await page.call("Input.insertText", text=text)


def close_like_a_window_manager(app: AppProcess) -> None:
    assert app.display is not None
    [window, *_] = x11.find_windows(app.display, TITLE)
    x11.send_delete_window(app.display, window)
