"""Save as template: the host keeps a room's code, language and notes for later interviews."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import JoinRoom
from tests.support.host_api import host_get
from tests.support.relay_process import RelayProcess
from tests.support.webui_pages import HostConsole

pytestmark = pytest.mark.browser


def test_saved_template_starts_a_new_interview(
    join: JoinRoom, relay: RelayProcess, new_page: Callable[..., Page]
) -> None:
    grace = join("Grace", host=True)
    grace.select_language("javascript")
    grace.go_to_end()
    grace.type("function fizz(n) {\nreturn n % 3 === 0 ? 'Fizz' : String(n);")
    code = grace.text()
    grace.page.get_by_test_id("notes-editor").click()
    grace.type("ask about edge cases")
    grace.page.wait_for_function(
        "() => window.interviewDesk.notesText() === 'ask about edge cases'"
    )

    grace.page.get_by_test_id("save-template").click()
    title = grace.page.get_by_test_id("template-title")
    expect(title).to_have_value("Test interview")
    title.fill("Fizz warm-up")
    grace.page.get_by_test_id("template-save").click()
    expect(grace.page.get_by_test_id("toast")).to_contain_text("Fizz warm-up")
    expect(grace.page.get_by_test_id("template-dialog")).to_be_hidden()

    saved = [
        t for t in host_get(relay, "/api/templates")["templates"] if t["title"] == "Fizz warm-up"
    ]
    assert len(saved) == 1
    assert saved[0]["code"] == code
    assert saved[0]["language"] == "javascript"
    assert saved[0]["notes"] == "ask about edge cases"
    assert saved[0]["builtin"] is False

    console = HostConsole.open(new_page(), relay)
    console.page.get_by_test_id("room-template").select_option(label="Fizz warm-up")
    console.create_room()
    room = console.open_room_as_host("Grace")
    room.expect_text(code)
    expect(room.page.get_by_test_id("language-select")).to_have_value("javascript")
    room.page.wait_for_function("() => window.interviewDesk.notesText() === 'ask about edge cases'")


def test_candidates_see_no_host_buttons(join: JoinRoom) -> None:
    join("Grace", host=True)
    ada = join("Ada")
    for testid in ("controls-button", "save-template", "playback-button"):
        expect(ada.page.get_by_test_id(testid)).to_be_hidden()
