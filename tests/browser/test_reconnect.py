"""The relay restarts while people keep typing: once it is back, nothing is lost."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import JoinRoom
from tests.support.relay_process import RelayProcess
from tests.support.yclient import read_document

pytestmark = pytest.mark.browser


def test_edits_made_during_a_relay_restart_merge(
    relay: RelayProcess, room: str, join: JoinRoom
) -> None:
    ada = join("Ada")
    bea = join("Bea")
    ada.go_to_end()
    ada.type("x = 1\ny = 2")
    bea.expect_text("x = 1\ny = 2")

    relay.stop()
    for person in (ada, bea):
        expect(person.status).not_to_have_attribute("data-state", "connected", timeout=15_000)
        expect(person.status).to_contain_text("reconnecting")
    ada.click_line_end(1)
    ada.type("  # ada, offline")
    bea.click_line_end(2)
    bea.type("  # bea, offline")

    relay.start()
    expected = "x = 1  # ada, offline\ny = 2  # bea, offline"
    for person in (ada, bea):
        person.wait_connected()
        person.expect_text(expected, timeout=20_000)
    assert read_document(relay.ws_url, room).code == expected


def test_long_outage_shows_offline_then_recovers(
    relay: RelayProcess, room: str, join: JoinRoom
) -> None:
    ada = join("Ada")
    ada.go_to_end()
    ada.type("a = 1")
    relay.stop()
    expect(ada.status).to_have_attribute("data-state", "offline", timeout=20_000)
    expect(ada.status).to_contain_text("offline")
    ada.type("  # typed while offline")
    relay.start()
    ada.wait_connected()
    bea = join("Bea")
    bea.expect_text("a = 1  # typed while offline")
    assert read_document(relay.ws_url, room).code == "a = 1  # typed while offline"
