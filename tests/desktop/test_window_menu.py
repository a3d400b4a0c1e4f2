"""The native menu of the real window: copy the join link, open the data folder, quit."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Callable

import pytest

from tests.desktop import x11
from tests.desktop.app_process import AppProcess, port_is_free
from tests.desktop.cdp import WindowPage
from tests.desktop.window_steps import TITLE, create_room_in_window, enter_room_as_host

pytestmark = pytest.mark.window

Launch = Callable[..., AppProcess]
ITEMS = ["New interview", "Copy join link", "Open data folder", "Quit"]


def choose_from_interview_menu(display: str, item: str) -> None:
    """Open the Interview menu with the mouse, then pick `item` with the keyboard."""
    window = x11.wait_for_window(display, TITLE)
    x, y, _, _ = x11.window_geometry(display, window)
    x11.xdotool(display, "mousemove", str(x + 30), str(y + 8), "click", "1")
    # X delivers events in order: the keys reach the menu the click opened.
    presses = ["Down"] * (ITEMS.index(item) + 1)
    x11.xdotool(display, "key", "--delay", "100", *presses, "Return")


async def test_copy_join_link_puts_the_rooms_lan_link_on_the_clipboard(
    display: str, launch: Launch
) -> None:
    app = launch(display)
    port = app.wait_for_port()
    async with WindowPage(app.devtools_port) as page:
        room = await create_room_in_window(page)
        await enter_room_as_host(page)
        choose_from_interview_menu(display, "Copy join link")
        expected = f"http://127.0.0.1:{port}/r/{room}"  # INTERVIEW_DESK_HOST pins the address
        for _ in range(100):
            if x11.clipboard_text(display) == expected:
                break
            await asyncio.sleep(0.1)
        assert x11.clipboard_text(display) == expected
        assert app.host_key not in x11.clipboard_text(display)

    choose_from_interview_menu(display, "Quit")
    assert app.wait() == 0, app.logs()
    assert port_is_free(port)


async def test_open_data_folder_without_a_file_manager_names_the_folder(
    display: str, launch: Launch
) -> None:
    app = launch(display, extra_env={"PATH": "/nonexistent"})  # no xdg-open to find
    app.wait_for_port()
    x11.wait_for_window(display, TITLE)
    choose_from_interview_menu(display, "Open data folder")
    x11.wait_for_window(display, "Data folder")
    x11.press_key(display, "Data folder", "Return")
    assert (app.tmp / "data").is_dir()
    choose_from_interview_menu(display, "Quit")
    assert app.wait() == 0, app.logs()


async def test_time_limit_from_the_settings_menu_applies_to_the_open_room(
    display: str, launch: Launch
) -> None:
    app = launch(display)
    app.wait_for_port()
    async with WindowPage(app.devtools_port) as page:
        await create_room_in_window(page)
        await enter_room_as_host(page)
        limit = "document.querySelector('[data-testid=\"time-limit\"]')"
        await page.wait_for(f"{limit}?.value === '10'")
        window = x11.wait_for_window(display, TITLE)
        x, y, _, _ = x11.window_geometry(display, window)
        x11.xdotool(display, "mousemove", str(x + 92), str(y + 8), "click", "1")  # Settings
        # Run time limit ▸ (opens with 10 s highlighted) → 30 s → 60 s
        x11.xdotool(display, "key", "--delay", "150", "Down", "Right", "Down", "Down", "Return")
        await page.wait_for(f"{limit}.value === '60'")
    saved = json.loads((app.config_dir / "settings.json").read_text())
    assert saved["time_limit_seconds"] == 60
    choose_from_interview_menu(display, "Quit")
    assert app.wait() == 0, app.logs()
