"""The editor's everyday aids: auto-indent, bracket matching, search, line numbers."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import JoinRoom
from tests.support.webui_pages import MOD

pytestmark = pytest.mark.browser


def test_auto_indent_and_bracket_matching(join: JoinRoom) -> None:
    ada = join("Ada")
    ada.go_to_end()
    ada.type("def f(x):\nreturn (x + 1)")
    ada.expect_text("def f(x):\n    return (x + 1)")
    expect(ada.editor.locator(".cm-matchingBracket")).to_have_count(2)
    expect(ada.editor.locator(".cm-gutterElement", has_text="2")).to_be_visible()


def test_search_finds_matches(join: JoinRoom) -> None:
    ada = join("Ada")
    ada.go_to_end()
    ada.type("answer = 42\nprint(answer)")
    ada.page.keyboard.press(f"{MOD}+f")
    field = ada.editor.locator(".cm-search input[name=search]")
    expect(field).to_be_focused()
    ada.page.keyboard.type("answer")
    expect(ada.editor.locator(".cm-searchMatch")).to_have_count(2)
