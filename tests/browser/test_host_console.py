"""The host console: create an interview, see its link and QR code, open it as host."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from tests.support.relay_process import RelayProcess
from tests.support.webui_pages import HostConsole, RoomPage

pytestmark = pytest.mark.browser


def test_new_room_shows_join_link_and_qr(host_console: HostConsole, relay: RelayProcess) -> None:
    room = host_console.create_room("Backend interview")
    card = host_console.page.get_by_test_id("room-card")
    expect(card).to_contain_text("Backend interview")
    link = card.get_by_test_id("share-link")
    expect(link).to_have_text(f"{relay.base_url}/r/{room}")
    assert card.get_by_test_id("share-qr").locator("svg path").count() > 0


def test_host_key_leaves_the_address_bar(host_console: HostConsole, relay: RelayProcess) -> None:
    assert relay.host_key not in host_console.page.url
    host_console.create_room()
    room = host_console.open_room_as_host("Grace")
    assert relay.host_key not in room.page.url
    stored = room.page.evaluate("Object.keys(localStorage).map(k => localStorage.getItem(k))")
    assert relay.host_key not in stored


def test_room_opened_from_console_is_joined_as_host(host_console: HostConsole) -> None:
    host_console.create_room("Pairing")
    room = host_console.open_room_as_host("Grace")
    me = room.participants.filter(has_text="Grace")
    expect(me).to_have_attribute("data-role", "host")
    expect(room.page.get_by_test_id("room-title")).to_have_text("Pairing")
    room.page.get_by_test_id("share-button").click()
    expect(
        room.page.get_by_test_id("share-dialog").get_by_test_id("share-qr").locator("svg")
    ).to_be_visible()


def test_wrong_host_key_is_refused(relay: RelayProcess, new_page: Callable[..., Page]) -> None:
    page = new_page()
    page.goto(f"{relay.base_url}/#host=not-the-key")
    expect(page.get_by_test_id("host-key")).to_be_visible()
    expect(page.get_by_role("alert")).to_contain_text("not accepted")


def test_past_interviews_are_listed_and_reopened(host_console: HostConsole) -> None:
    first = host_console.create_room("First interview")
    host_console.create_room("Second interview")
    past = host_console.page.get_by_test_id("past-room")
    expect(past).to_have_count(2)
    expect(past.first).to_contain_text("Second interview")
    older = past.filter(has_text="First interview")
    older.get_by_test_id("past-link").click()
    expect(older.get_by_test_id("share-qr").locator("svg")).to_be_visible()
    older.get_by_test_id("past-open").click()
    room = RoomPage.join_here(host_console.page, "Grace")
    assert host_console.page.url.endswith(f"/r/{first}")
    expect(room.participants.filter(has_text="Grace")).to_have_attribute("data-role", "host")


def test_template_fills_code_language_and_question(host_console: HostConsole) -> None:
    page = host_console.page
    template = page.get_by_test_id("room-template")
    expect(template.locator("option", has_text="Valid parentheses")).to_have_count(1)
    template.select_option(label="Valid parentheses")
    expect(page.get_by_test_id("room-language")).to_have_value("javascript")
    host_console.create_room()
    expect(page.get_by_test_id("room-card")).to_contain_text("Valid parentheses")
    room = host_console.open_room_as_host("Grace")
    expect(room.page.get_by_test_id("language-select")).to_have_value("javascript")
    assert "function isValid" in room.text()
    expect(room.page.get_by_test_id("question").locator("h1")).to_have_text("Valid parentheses")
    expect(room.page.get_by_test_id("test-case").first).to_be_visible()


def test_transcript_download_and_delete(host_console: HostConsole) -> None:
    host_console.create_room("Keep me")
    host_console.create_room("Delete me")
    page = host_console.page
    past = page.get_by_test_id("past-room")
    keep = past.filter(has_text="Keep me")
    with page.expect_download() as download:
        keep.get_by_test_id("past-transcript").click()
    path = download.value.path()
    assert "Keep me" in path.read_text(encoding="utf-8")
    page.once("dialog", lambda dialog: dialog.accept())
    past.filter(has_text="Delete me").get_by_test_id("past-delete").click()
    expect(past).to_have_count(1)
    expect(past.first).to_contain_text("Keep me")


def test_invite_shows_the_relays_join_address_not_the_pages(
    relay: RelayProcess, new_page: Callable[..., Page]
) -> None:
    """The desktop window shows the room on loopback; candidates need the LAN address."""
    room_id = relay.create_room("Invite")["room"]
    loopback_name = relay.base_url.replace("127.0.0.1", "localhost")
    room = RoomPage.join(new_page(), loopback_name, room_id, "Grace", host_key=relay.host_key)
    expect(room.participants.filter(has_text="Grace")).to_have_attribute("data-role", "host")
    room.page.get_by_test_id("share-button").click()
    link = room.page.get_by_test_id("share-dialog").get_by_test_id("share-link")
    expect(link).to_have_text(f"{relay.base_url}/r/{room_id}")
