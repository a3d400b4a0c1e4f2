"""Themes follow the system until chosen; the help panel lists the shortcuts."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from tests.browser.conftest import JoinRoom
from tests.support.relay_process import RelayProcess

pytestmark = pytest.mark.browser


def test_theme_follows_system_until_toggled(
    relay: RelayProcess, new_page: Callable[..., Page]
) -> None:
    page = new_page(color_scheme="dark")
    page.goto(f"{relay.base_url}/#host={relay.host_key}")
    html = page.locator("html")
    expect(html).to_have_attribute("data-theme", "dark")
    page.get_by_test_id("theme-toggle").click()
    expect(html).to_have_attribute("data-theme", "light")
    page.reload()
    expect(html).to_have_attribute("data-theme", "light")


def test_help_panel_lists_the_shortcuts(join: JoinRoom) -> None:
    ada = join("Ada")
    panel = ada.page.get_by_test_id("help-panel")
    expect(panel).to_be_hidden()
    ada.page.keyboard.press("F1")
    expect(panel).to_be_visible()
    expect(panel).to_contain_text("Run the code")
    expect(panel).to_contain_text("Enter")
    ada.page.keyboard.press("Escape")
    expect(panel).to_be_hidden()
    ada.page.get_by_test_id("help-button").click()
    expect(panel).to_be_visible()
