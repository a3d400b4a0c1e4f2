"""The interviewer's private notes: kept by the relay, shown to hosts, never to candidates."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import JoinRoom
from tests.support.webui_pages import RoomPage

pytestmark = pytest.mark.browser


def test_notes_are_the_hosts_alone_and_kept(join: JoinRoom) -> None:
    grace = join("Grace", host=True)
    ada = join("Ada")
    notes = grace.page.get_by_test_id("notes-editor")
    notes.click()
    grace.type("strong on recursion")
    expect(ada.page.get_by_test_id("notes-panel")).to_be_hidden()
    assert ada.page.evaluate("window.interviewDesk.notesText()") == ""

    other_host = join("Alan", host=True)
    other_host.page.wait_for_function(
        "() => window.interviewDesk.notesText() === 'strong on recursion'"
    )
    grace.page.reload()
    RoomPage.join_here(grace.page, "Grace")
    grace.page.wait_for_function("() => window.interviewDesk.notesText() === 'strong on recursion'")
