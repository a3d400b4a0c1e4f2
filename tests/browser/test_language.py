"""The language picker is shared: a switch changes it, and its highlighting, for everyone."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import JoinRoom
from tests.support.relay_process import RelayProcess
from tests.support.yclient import read_document

pytestmark = pytest.mark.browser


def test_rooms_start_in_python(join: JoinRoom) -> None:
    ada = join("Ada")
    expect(ada.page.get_by_test_id("language-select")).to_have_value("python")
    expect(ada.editor).to_have_attribute("data-language", "python")


def test_language_switch_propagates_and_rehighlights(
    relay: RelayProcess, room: str, join: JoinRoom
) -> None:
    ada = join("Ada")
    bea = join("Bea")
    ada.go_to_end()
    ada.type("def f(): pass")
    bea.expect_text("def f(): pass")
    for person in (ada, bea):
        person.expect_token("def", "tok-keyword")

    bea.select_language("javascript")
    for person in (ada, bea):
        expect(person.page.get_by_test_id("language-select")).to_have_value("javascript")
        expect(person.editor).to_have_attribute("data-language", "javascript")
        person.expect_token("def", "tok-keyword", present=False)
    assert read_document(relay.ws_url, room).language == "javascript"

    ada.type("\nlet y = 1")
    bea.expect_token("let", "tok-keyword")
    ada.select_language("python")
    bea.expect_token("let", "tok-keyword", present=False)
    bea.expect_token("def", "tok-keyword")
