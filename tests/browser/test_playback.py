"""Playback: the host replays the room's stored edits and sees the code as it was at each step."""

from __future__ import annotations

import time
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import JoinRoom
from tests.support.host_api import host_get
from tests.support.relay_process import RelayProcess
from tests.support.webui_pages import RoomPage

pytestmark = pytest.mark.browser

STEPS = [
    "const add = (a, b) => a + b;",
    "\nconst twice = (x) => add(x, x);",
    "\nconsole.log(twice(21));",
    "\n// done",
]


def type_steps(author: RoomPage, watcher: RoomPage, steps: list[str]) -> list[tuple[str, float]]:
    """Types each step; records the text once the watcher has it too (so the relay has stored
    every update of the step) and the time then."""
    recorded: list[tuple[str, float]] = []
    for piece in steps:
        author.type(piece)
        text = author.text()
        watcher.expect_text(text)
        recorded.append((text, time.time()))
    return recorded


def step_index(updates: list[dict[str, Any]], moment: float) -> int:
    """The slider position of the code as it was at `moment`: the last update made by then."""
    return max(i for i, update in enumerate(updates) if update["at"] <= moment)


def open_playback(page: Page) -> None:
    page.get_by_test_id("playback-button").click()
    expect(page.get_by_test_id("playback-view")).to_be_visible()
    expect(page.get_by_test_id("playback-message")).to_be_hidden()


def code_at(page: Page, index: int) -> str:
    page.get_by_test_id("playback-slider").fill(str(index))
    text = page.get_by_test_id("playback-code").text_content()
    assert text is not None
    return text


def test_playback_slider_shows_each_recorded_step(
    join: JoinRoom, relay: RelayProcess, room: str
) -> None:
    grace = join("Grace", host=True)
    ada = join("Ada")
    expect(ada.page.get_by_test_id("playback-button")).to_be_hidden()
    expect(ada.page.get_by_test_id("save-template")).to_be_hidden()
    ada.go_to_end()
    recorded = type_steps(ada, grace, STEPS)

    open_playback(grace.page)
    updates = host_get(relay, f"/api/rooms/{room}/history")["updates"]
    slider = grace.page.get_by_test_id("playback-slider")
    expect(slider).to_have_attribute("max", str(len(updates) - 1))
    # It opens at the end, on the code as it is now.
    assert grace.page.get_by_test_id("playback-code").text_content() == recorded[-1][0]
    for text, moment in [recorded[1], recorded[0], recorded[2], recorded[3]]:
        assert code_at(grace.page, step_index(updates, moment)) == text
    expect(grace.page.get_by_test_id("playback-author")).to_have_text("Ada")
    expect(grace.page.get_by_test_id("playback-time")).not_to_be_empty()
    # Before the first step's last keystroke the code is a strict prefix of it.
    first = step_index(updates, recorded[0][1])
    assert recorded[0][0].startswith(code_at(grace.page, first - 1))
    assert code_at(grace.page, first - 1) != recorded[0][0]


def test_play_advances_to_the_end(join: JoinRoom) -> None:
    grace = join("Grace", host=True)
    grace.go_to_end()
    grace.type(STEPS[0])
    final = grace.text()
    open_playback(grace.page)
    page = grace.page
    assert code_at(page, 0) == ""
    page.get_by_test_id("playback-speed").select_option("32")
    page.get_by_test_id("playback-play").click()
    expect(page.get_by_test_id("playback-play")).to_have_attribute("data-playing", "true")
    slider = page.get_by_test_id("playback-slider")
    max_value = slider.get_attribute("max")
    assert max_value is not None
    assert int(max_value) > 1
    expect(slider).to_have_value(max_value, timeout=30_000)
    expect(page.get_by_test_id("playback-play")).to_have_attribute("data-playing", "false")
    assert page.get_by_test_id("playback-code").text_content() == final


def test_runs_are_on_the_timeline_and_jump_there(
    join: JoinRoom, relay: RelayProcess, room: str
) -> None:
    grace = join("Grace", host=True)
    ada = join("Ada")
    grace.select_language("javascript")
    grace.go_to_end()
    # Ada watching makes sure the relay has every edit before the run starts.
    before = type_steps(grace, ada, STEPS[:2])
    grace.page.get_by_test_id("run-button").click()
    entry = grace.page.get_by_test_id("run-entry").first
    expect(entry).to_have_attribute("data-status", "ok", timeout=30_000)
    type_steps(grace, ada, STEPS[2:])

    open_playback(grace.page)
    page = grace.page
    expect(page.get_by_test_id("playback-tick")).to_have_count(1)
    expect(page.get_by_test_id("playback-run")).to_have_count(1)
    history = host_get(relay, f"/api/rooms/{room}/history")
    (run,) = history["runs"]
    expect(page.get_by_test_id("playback-run")).to_have_attribute("data-run-id", run["run_id"])
    page.get_by_test_id("playback-run").click()
    expect(page.get_by_test_id("playback-slider")).to_have_value(
        str(step_index(history["updates"], run["started_at"]))
    )
    assert page.get_by_test_id("playback-code").text_content() == before[-1][0]
    assert code_at(page, 0) == ""
    page.get_by_test_id("playback-tick").click()
    assert page.get_by_test_id("playback-code").text_content() == before[-1][0]
