"""Takes the README's screenshots: the host console, the join step, the room (light, dark).

`make test` writes them to a temporary folder so the tree stays as it was;
`make screenshots` sets INTERVIEW_DESK_SCREENSHOTS=docs/screenshots to refresh README's.
"""

from __future__ import annotations

import os
import struct
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.support.relay_process import RelayProcess
from tests.support.webui_pages import HostConsole, RoomPage

pytestmark = pytest.mark.browser

SHOTS_ENV = "INTERVIEW_DESK_SCREENSHOTS"
WIDTH, HEIGHT = 1280, 800

PROGRAM = '''def fizzbuzz(n):
    """The FizzBuzz sequence up to n."""
    out = []
    for i in range(1, n + 1):
        if i % 15 == 0:
            out.append("FizzBuzz")
        elif i % 3 == 0:
            out.append("Fizz")
        elif i % 5 == 0:
            out.append("Buzz")
        else:
            out.append(str(i))
    return out


print(fizzbuzz(15))
'''


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


@pytest.fixture
def shots(tmp_path: Path) -> Path:
    """Where the screenshots go: README's folder only when asked for."""
    chosen = os.environ.get(SHOTS_ENV)
    folder = Path(chosen) if chosen else tmp_path / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def shoot(page: Page, folder: Path, name: str) -> None:
    path = folder / name
    page.screenshot(path=str(path))
    assert png_size(path) == (WIDTH, HEIGHT)


def test_write_readme_screenshots(
    relay: RelayProcess, new_page: Callable[..., Page], shots: Path
) -> None:
    console = HostConsole.open(new_page(color_scheme="light"), relay)
    room = console.create_room("Backend interview — Ada")
    shoot(console.page, shots, "host-console.png")

    joining = new_page(color_scheme="light")
    joining.goto(f"{relay.base_url}/r/{room}")
    joining.get_by_test_id("join-name").fill("Ada Lovelace")
    shoot(joining, shots, "join.png")

    grace = console.open_room_as_host("Grace Hopper")
    ada = RoomPage.join_here(joining, "Ada Lovelace")
    grace.go_to_end()
    grace.page.keyboard.insert_text(PROGRAM)
    ada.expect_text(PROGRAM)
    grace.page.get_by_test_id("notes-editor").click()
    grace.page.keyboard.insert_text(
        "Explained the modulo order before coding. Ask about O(n) memory."
    )
    ada.click_line_end(4)
    ada.page.keyboard.press("Shift+Home")
    grace.editor.locator(".cm-content").click()
    grace.page.keyboard.press("Control+Home")
    grace.page.keyboard.press("ControlOrMeta+Enter")
    expect(grace.page.get_by_test_id("run-output").first).to_contain_text(
        "FizzBuzz", timeout=60_000
    )
    expect(ada.page.get_by_test_id("run-output").first).to_contain_text("FizzBuzz")
    ada.expect_participants("Grace Hopper", "Ada Lovelace")
    grace.expect_participants("Grace Hopper", "Ada Lovelace")
    expect(grace.editor.locator(".cm-ySelectionInfo")).to_have_text("Ada Lovelace")
    shoot(grace.page, shots, "room-light.png")

    dark = RoomPage.join(new_page(color_scheme="dark"), relay.base_url, room, "Alan Turing")
    dark.expect_text(PROGRAM)
    dark.expect_participants("Grace Hopper", "Ada Lovelace", "Alan Turing")
    expect(dark.page.locator("html")).to_have_attribute("data-theme", "dark")
    expect(dark.editor.locator(".cm-ySelectionInfo")).to_have_count(2)
    shoot(dark.page, shots, "room-dark.png")
