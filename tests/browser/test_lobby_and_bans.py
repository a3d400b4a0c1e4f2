"""The door as people see it: a lobby where candidates wait until the host admits them, and a
removal that holds when the removed person reloads the page."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import JoinRoom
from tests.support.webui_pages import RoomPage

pytestmark = pytest.mark.browser


def test_a_candidate_waits_in_the_lobby_until_the_host_admits_them(
    join: JoinRoom, new_page: Callable[..., Page]
) -> None:
    grace = join("Grace", host=True)
    grace.page.get_by_test_id("controls-button").click()
    grace.page.get_by_test_id("control-lobby").check()
    expect(grace.page.get_by_test_id("control-lobby")).to_be_checked()
    grace.page.keyboard.press("Escape")
    ada_page = new_page()
    ada_page.goto(grace.page.url.split("#")[0])
    ada_page.get_by_test_id("join-name").fill("Ada")
    ada_page.get_by_test_id("join-button").click()
    expect(ada_page.get_by_test_id("lobby-waiting")).to_contain_text(
        "Waiting for the interviewer to let you in"
    )
    waiting = grace.page.get_by_test_id("waiting-person")
    expect(waiting).to_have_count(1)
    expect(waiting).to_contain_text("Ada")
    waiting.get_by_test_id("admit").click()
    RoomPage(ada_page).wait_connected()
    expect(ada_page.get_by_test_id("lobby-waiting")).to_have_count(0)
    grace.expect_participants("Grace", "Ada")
    expect(grace.page.get_by_test_id("lobby-panel")).to_be_hidden()


def test_a_removed_candidate_who_reloads_is_refused(join: JoinRoom) -> None:
    grace = join("Grace", host=True)
    ada = join("Ada")
    grace.expect_participants("Grace", "Ada")
    grace.page.once("dialog", lambda dialog: dialog.accept())
    grace.participants.filter(has_text="Ada").get_by_test_id("remove-participant").click()
    expect(ada.page.get_by_test_id("removed")).to_be_visible()
    ada.page.reload()
    ada.page.get_by_test_id("join-name").fill("Ada again")
    ada.page.get_by_test_id("join-button").click()
    expect(ada.page.get_by_test_id("removed")).to_contain_text(
        "The interviewer removed you from this room."
    )
    grace.expect_participants("Grace")
