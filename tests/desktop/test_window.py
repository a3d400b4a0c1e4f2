"""The real desktop window under Xvfb: the host console, its key, a clean close."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from desktop.store import Store
from tests.desktop import x11
from tests.desktop.app_process import AppProcess, port_is_free
from tests.desktop.cdp import WindowPage
from tests.desktop.window_steps import (
    HOST_CONSOLE_READY,
    HOST_KEY_TAKEN,
    TITLE,
    close_like_a_window_manager,
    create_room_in_window,
    enter_room_as_host,
    healthz,
    type_in_editor,
)
from tests.support.relay_process import RelayProcess
from tests.support.ydoc_client import YClient

pytestmark = pytest.mark.window

Launch = Callable[..., AppProcess]


async def test_window_opens_on_the_host_console_and_closes_cleanly(
    display: str, launch: Launch, tmp_path: Path
) -> None:
    app = launch(display)
    port = app.wait_for_port()
    app.wait_for_line("Join on:")
    assert app.logs().count("Host console:") == 1
    assert app.logs().count("Join on:") == 1
    x11.wait_for_window(display, TITLE)
    async with WindowPage(app.devtools_port) as page:
        await page.wait_for(HOST_CONSOLE_READY)
        await page.wait_for(HOST_KEY_TAKEN)
        assert await page.evaluate("location.href") == f"http://127.0.0.1:{port}/"
    assert x11.wait_until_painted(display, tmp_path / "window.png") > 16, "the screen is blank"

    close_like_a_window_manager(app)
    assert app.wait() == 0, app.logs()
    assert port_is_free(port)


async def test_host_key_works_in_the_window_and_edits_are_flushed_on_close(
    display: str, launch: Launch, tmp_path: Path
) -> None:
    app = launch(display)
    port = app.wait_for_port()
    async with WindowPage(app.devtools_port) as page:
        room = await create_room_in_window(page)  # POST /api/rooms with the host key
        await enter_room_as_host(page)
        watcher = await YClient(f"ws://127.0.0.1:{port}", room, "watcher").connect()
        try:
            await type_in_editor(page, "print('kept')")
            await watcher.wait_until(lambda: "print('kept')" in watcher.code(), timeout=30)
            await watcher.wait_until(
                lambda: any(
                    s.get("user", {}).get("role") == "host" for s in watcher.presence.values()
                ),
                timeout=30,
            )
        finally:
            await watcher.close()

    close_like_a_window_manager(app)
    assert app.wait() == 0, app.logs()
    assert port_is_free(port)

    relay = RelayProcess(data_dir=tmp_path / "data", host_key=app.host_key).start()
    try:
        reader = await YClient(relay.ws_url, room, "reader").connect()
        try:
            await reader.wait_until(lambda: reader.code() == "print('kept')", timeout=30)
        finally:
            await reader.close()
    finally:
        relay.stop()


async def test_second_launch_brings_the_first_forward_instead_of_failing(
    display: str, launch: Launch
) -> None:
    first = launch(display)
    port = first.wait_for_port()
    x11.wait_for_window(display, TITLE)
    second = launch(display, port=port)
    assert second.wait() == 0, second.logs()
    assert "already running" in second.logs()
    assert "Host console:" not in second.logs()
    assert healthz(port)["status"] == "ok"
    assert len(x11.find_windows(display, TITLE)) == 1

    close_like_a_window_manager(first)
    assert first.wait() == 0, first.logs()


def _answer_port_dialog(display: str, key: str) -> None:
    x11.wait_for_window(display, "Port in use")
    x11.press_key(display, "Port in use", key)


async def test_busy_port_offers_a_free_one_and_the_window_uses_it(
    display: str, launch: Launch
) -> None:
    with x11.occupied_port() as busy:
        app = launch(display, port=busy)
        app.wait_for_line(f"Port {busy} is already in use")
        _answer_port_dialog(display, "Return")
        port = app.wait_for_port()
        assert port != busy
        async with WindowPage(app.devtools_port) as page:
            await page.wait_for(HOST_CONSOLE_READY)
            assert await page.evaluate("location.port") == str(port)
        close_like_a_window_manager(app)
        assert app.wait() == 0, app.logs()
        assert port_is_free(port)


async def test_busy_port_refused_quits_with_the_message(display: str, launch: Launch) -> None:
    with x11.occupied_port() as busy:
        app = launch(display, port=busy)
        app.wait_for_line(f"Port {busy} is already in use")
        _answer_port_dialog(display, "Escape")
        assert app.wait() == 2, app.logs()
        assert "--port" in app.logs()
        assert "Host console:" not in app.logs()


async def test_saved_time_limit_reaches_the_room_and_page_changes_are_kept(
    display: str, launch: Launch, tmp_path: Path
) -> None:
    config = tmp_path / "config"
    config.mkdir()
    (config / "settings.json").write_text(json.dumps({"time_limit_seconds": 42}))
    app = launch(display)
    app.wait_for_port()
    async with WindowPage(app.devtools_port) as page:
        await create_room_in_window(page)
        await enter_room_as_host(page)
        limit = "document.querySelector('[data-testid=\"time-limit\"]')"
        await page.wait_for(f"{limit}?.value === '42'")
        await page.evaluate(
            f"(() => {{ const l = {limit}; l.value = '77';"
            " l.dispatchEvent(new Event('change')); return true; })()"
        )
        await page.evaluate("location.assign('/'), true")  # back to the host console
        await page.wait_for(HOST_CONSOLE_READY)
    saved = config / "settings.json"
    deadline = time.monotonic() + 30
    while json.loads(saved.read_text())["time_limit_seconds"] != 77:
        assert time.monotonic() < deadline, saved.read_text()
        await asyncio.sleep(0.1)
    close_like_a_window_manager(app)
    assert app.wait() == 0, app.logs()


async def test_a_data_folder_in_use_is_explained_in_a_window(
    display: str, launch: Launch, tmp_path: Path
) -> None:
    """`interview-desk serve` already has the folder: the window says so instead of vanishing."""
    holder = Store(tmp_path / "data" / "interview-desk.sqlite3")
    try:
        app = launch(display)
        app.wait_for_line("Another Interview Desk is using the data folder")
        x11.wait_for_window(display, TITLE)
        async with WindowPage(app.devtools_port) as page:
            said = await page.wait_for("document.body && document.body.innerText")
        assert "Another Interview Desk is using the data folder" in said
        # The text is in the page before it is painted: wait for the paint.
        assert x11.wait_until_painted(display, tmp_path / "problem.png") > 16, "blank"
        close_like_a_window_manager(app)
        assert app.wait() == 2, app.logs()
        assert "Host console:" not in app.logs()
    finally:
        holder.close()
