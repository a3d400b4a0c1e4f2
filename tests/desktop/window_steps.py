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
# Both of the room's sockets are up: edits and runs go through from here on.
CONNECTED = (
    "document.querySelector('[data-testid=\"connection-status\"]')?.textContent.trim()"
    " === 'connected'"
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
    await page.wait_for(CONNECTED)


async def type_in_editor(page: PageSession, text: str) -> None:
    await page.evaluate("document.querySelector('.cm-content').focus(), true")
    await page.call("Input.insertText", text=text)


def close_like_a_window_manager(app: AppProcess) -> None:
    assert app.display is not None
    [window, *_] = x11.find_windows(app.display, TITLE)
    x11.send_delete_window(app.display, window)


async def replace_code(page: PageSession, code: str) -> None:
    """Select everything in the editor and type `code` over it, as a person would."""
    await page.evaluate("document.querySelector('.cm-content').focus(), true")
    for kind in ("keyDown", "keyUp"):
        await page.call(
            "Input.dispatchKeyEvent",
            type=kind,
            modifiers=2,  # Ctrl
            key="a",
            code="KeyA",
            windowsVirtualKeyCode=65,
        )
    await page.call("Input.insertText", text=code)
    await page.wait_for(
        f"document.querySelector('.cm-content').innerText.trim() === {json.dumps(code.strip())}"
    )


async def choose_language(page: PageSession, language: str) -> None:
    await page.evaluate(
        "(() => { const s = document.querySelector('[data-testid=\"language-select\"]');"
        f" s.value = {json.dumps(language)}; s.dispatchEvent(new Event('change'));"
        " return true; })()"
    )


async def start_run(page: PageSession) -> int:
    """Press Run; returns how many runs the history held before, to find the new one."""
    await page.wait_for("!document.querySelector('[data-testid=\"run-button\"]').disabled")
    before: int = await page.evaluate(
        "document.querySelectorAll('[data-testid=\"run-entry\"]').length"
    )
    await page.evaluate("document.querySelector('[data-testid=\"run-button\"]').click(), true")
    await page.wait_for(
        f"document.querySelectorAll('[data-testid=\"run-entry\"]').length > {before}"
    )
    return before


NEWEST_RUN = "document.querySelector('[data-testid=\"run-entry\"]')"


async def finished_run(page: PageSession, timeout: float = 60.0) -> dict[str, str]:
    """Waits for the newest run to finish; its status, output and error text."""
    await page.wait_for(f"{NEWEST_RUN}.dataset.status !== 'running'", timeout=timeout)
    result: dict[str, str] = await page.evaluate(
        f"(() => {{ const e = {NEWEST_RUN}; return {{"
        " status: e.dataset.status,"
        " output: e.querySelector('[data-testid=\"run-output\"]').textContent,"
        " error: e.querySelector('[data-testid=\"run-error\"]').textContent }; })()"
    )
    return result


async def run_code(page: PageSession, language: str, code: str) -> dict[str, str]:
    await choose_language(page, language)
    await replace_code(page, code)
    await start_run(page)
    return await finished_run(page)
