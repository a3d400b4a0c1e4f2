"""Ctrl/Cmd-Enter runs the code, from the editor and from anywhere else on the page."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import JoinRoom
from tests.support.webui_pages import MOD

pytestmark = pytest.mark.browser


def test_mod_enter_runs_from_the_editor_and_the_page(join: JoinRoom) -> None:
    ada = join("Ada")
    ada.select_language("javascript")
    ada.go_to_end()
    ada.type("console.log(6 * 7)")
    ada.page.keyboard.press(f"{MOD}+Enter")
    runs = ada.page.get_by_test_id("run-entry")
    expect(runs).to_have_count(1, timeout=30_000)
    expect(runs.first.get_by_test_id("run-output")).to_have_text("42\n", timeout=30_000)
    assert ada.text() == "console.log(6 * 7)", "Mod-Enter must run, not insert a line"

    ada.page.get_by_test_id("room-title").click()
    ada.page.keyboard.press(f"{MOD}+Enter")
    expect(runs).to_have_count(2, timeout=30_000)
