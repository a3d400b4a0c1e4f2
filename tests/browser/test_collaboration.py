"""Two or more people in one room: concurrent typing, late joiners, presence, undo."""

from __future__ import annotations

import threading

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import JoinRoom
from tests.support.relay_process import RelayProcess
from tests.support.webui_pages import MOD, OwnBrowser, RoomPage
from tests.support.yclient import read_document

pytestmark = pytest.mark.browser

SEED = "alpha = 1\nbeta = 2\nshared = 0"
ADA_OWN = " + 11 # ada types on her own line"
BEA_OWN = " + 22 # bea types on hers"
ADA_SAME = " ada0123456789"
BEA_SAME = " bea9876543210"


def is_subsequence(part: str, whole: str) -> bool:
    letters = iter(whole)
    return all(letter in letters for letter in part)


def test_typing_at_once_converges_with_no_keystroke_lost(
    relay: RelayProcess, room: str, join: JoinRoom
) -> None:
    ada = join("Ada")
    ada.go_to_end()
    ada.type(SEED)
    total = len(SEED) + len(ADA_OWN + BEA_OWN + ADA_SAME + BEA_SAME)
    start_together = threading.Barrier(2, timeout=60)
    finished: dict[str, str] = {}

    def bea_types(page: Page) -> None:
        bea = RoomPage.join(page, relay.base_url, room, "Bea")
        bea.expect_text(SEED)
        start_together.wait()
        bea.click_line_end(2)
        bea.type(BEA_OWN)
        start_together.wait()
        bea.click_line_end(3)
        bea.type(BEA_SAME)
        page.wait_for_function("n => window.interviewDesk.editorText().length === n", arg=total)
        finished["bea"] = bea.text()

    bea_thread = OwnBrowser(bea_types)
    bea_thread.start()
    start_together.wait()
    ada.click_line_end(1)
    ada.type(ADA_OWN)
    start_together.wait()
    ada.click_line_end(3)
    ada.type(ADA_SAME)
    ada.page.wait_for_function("n => window.interviewDesk.editorText().length === n", arg=total)
    bea_thread.finish()

    text = ada.text()
    assert finished["bea"] == text
    assert read_document(relay.ws_url, room).code == text
    first, second, third = text.split("\n")
    assert first == "alpha = 1" + ADA_OWN
    assert second == "beta = 2" + BEA_OWN
    assert third.startswith("shared = 0")
    assert is_subsequence(ADA_SAME, third[len("shared = 0") :])
    assert is_subsequence(BEA_SAME, third[len("shared = 0") :])


def test_late_joiner_sees_text_language_and_everyone(join: JoinRoom) -> None:
    ada = join("Ada", host=True)
    bea = join("Bea")
    ada.go_to_end()
    ada.type("let answer = 42")
    ada.select_language("javascript")
    bea.expect_text("let answer = 42")

    cy = join("Cy")
    assert cy.text() == "let answer = 42"
    expect(cy.page.get_by_test_id("language-select")).to_have_value("javascript")
    cy.expect_participants("Ada", "Bea", "Cy")
    expect(cy.participants.filter(has_text="Ada")).to_have_attribute("data-role", "host")
    expect(cy.participants.filter(has_text="Bea")).to_have_attribute("data-role", "candidate")
    for room in (ada, bea):
        room.expect_participants("Ada", "Bea", "Cy")


def test_everyone_gets_a_colour_of_their_own(join: JoinRoom) -> None:
    people = [join(name) for name in ("Ada", "Bea", "Cy")]
    for person in people:
        person.expect_participants("Ada", "Bea", "Cy")
        person.page.wait_for_function(
            """() => new Set([...document.querySelectorAll('[data-testid=participant] .avatar')]
                .map(a => a.style.backgroundColor)).size === 3"""
        )


def test_closed_tab_leaves_presence(join: JoinRoom) -> None:
    ada = join("Ada")
    bea = join("Bea")
    ada.expect_participants("Ada", "Bea")
    bea.page.close()
    ada.expect_participants("Ada")


def test_candidate_is_not_offered_host_controls(join: JoinRoom) -> None:
    bea = join("Bea")
    expect(bea.participants.filter(has_text="Bea")).to_have_attribute("data-role", "candidate")
    expect(bea.page.get_by_test_id("share-button")).to_be_hidden()


def test_undo_takes_back_only_your_own_edits(join: JoinRoom) -> None:
    ada = join("Ada")
    bea = join("Bea")
    ada.go_to_end()
    ada.type("a = 1")
    bea.expect_text("a = 1")
    bea.go_to_end()
    bea.type("\nb = 2")
    ada.expect_text("a = 1\nb = 2")
    ada.editor.locator(".cm-content").focus()
    ada.page.keyboard.press(f"{MOD}+z")
    ada.expect_text("\nb = 2")
    bea.expect_text("\nb = 2")


def test_name_is_remembered_for_next_time(join: JoinRoom) -> None:
    ada = join("Ada Lovelace")
    ada.page.reload()
    expect(ada.page.get_by_test_id("join-name")).to_have_value("Ada Lovelace")
