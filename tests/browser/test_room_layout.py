"""Room fixes: long lines stay inside the editor, the run header reads as words, and Python
starts loading at the join step with the room adopting those runners."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import JoinRoom
from tests.support.relay_process import RelayProcess
from tests.support.webui_pages import RoomPage

pytestmark = pytest.mark.browser

RESULT_TIMEOUT_MS = 60_000


def test_long_line_scrolls_inside_the_editor(join: JoinRoom) -> None:
    grace = join("Grace", host=True)
    grace.go_to_end()
    grace.type("x = '" + "a" * 400 + "'")
    editor = grace.editor.bounding_box()
    run_button = grace.page.get_by_test_id("run-button")
    button = run_button.bounding_box()
    assert editor is not None
    assert button is not None
    assert editor["x"] + editor["width"] <= button["x"]
    run_button.click(trial=True, timeout=5_000)


def test_run_header_names_the_person_then_the_language(join: JoinRoom) -> None:
    grace = join("Grace", host=True)
    grace.select_language("javascript")
    grace.go_to_end()
    grace.type("console.log(1)")
    grace.page.get_by_test_id("run-button").click()
    header = grace.page.get_by_test_id("run-entry").first.locator(".run-meta")
    expect(header).to_contain_text("Grace ran JavaScript")


def test_python_loads_at_the_join_step_and_the_room_keeps_it(
    relay: RelayProcess, room: str, new_page: Callable[..., Page]
) -> None:
    page = new_page()
    page.goto(f"{relay.base_url}/r/{room}")
    frames = page.get_by_test_id("runner-frames").locator("iframe")
    expect(frames.first).to_be_attached()
    ada = RoomPage.join_here(page, "Ada")
    ada.go_to_end()
    ada.type("print(6 * 7)")
    page.get_by_test_id("run-button").click()
    entry = page.get_by_test_id("run-entry").first
    expect(entry).to_have_attribute("data-status", "ok", timeout=RESULT_TIMEOUT_MS)
    expect(entry.get_by_test_id("run-output")).to_have_text("42")
    # One Python frame and the JavaScript frame warmed after it: the join step's runners.
    expect(frames).to_have_count(2)
