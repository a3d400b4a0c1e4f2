"""The room obeys the interviewer's controls: a locked editor is read-only for candidates
(undo included) while the host keeps editing; an ended interview is read-only for all."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import aiohttp
import pytest
from playwright.sync_api import expect

from tests.browser.conftest import JoinRoom
from tests.support.events_client import EventsClient
from tests.support.relay_process import RelayProcess
from tests.support.webui_pages import MOD
from tests.support.yclient import read_document

pytestmark = pytest.mark.browser


def as_host(
    relay: RelayProcess, room: str, kind: str, payload: dict[str, Any], reply: str = "room-state"
) -> None:
    """Sends one host event from a separate host connection and waits for the relay's reply."""

    async def send() -> None:
        async with aiohttp.ClientSession() as session:
            client = await EventsClient.connect(session, relay.ws_url, room)
            await client.hello("Console", host_key=relay.host_key)
            await client.send(kind, payload)
            await client.receive_type(reply)
            await client.close()

    with ThreadPoolExecutor(max_workers=1) as pool:
        pool.submit(asyncio.run, send()).result()


def test_locked_editor_is_read_only_for_candidates_only(
    relay: RelayProcess, room: str, join: JoinRoom
) -> None:
    grace = join("Grace", host=True)
    ada = join("Ada")
    ada.go_to_end()
    ada.type("x = 1")
    grace.expect_text("x = 1")

    as_host(relay, room, "set-controls", {"locked": True})
    expect(ada.editor).to_have_attribute("data-readonly", "true")
    expect(ada.page.get_by_test_id("room-state")).to_contain_text("locked")
    expect(grace.editor).to_have_attribute("data-readonly", "false")
    ada.editor.locator(".cm-content").click()
    ada.type("zz")
    ada.page.keyboard.press(f"{MOD}+z")
    grace.go_to_end()
    grace.type("  # host note")
    ada.expect_text("x = 1  # host note")
    assert read_document(relay.ws_url, room).code == "x = 1  # host note"

    as_host(relay, room, "set-controls", {"locked": False})
    expect(ada.editor).to_have_attribute("data-readonly", "false")
    ada.go_to_end()
    ada.type("!")
    grace.expect_text("x = 1  # host note!")


def test_ended_interview_is_read_only_for_everyone(
    relay: RelayProcess, room: str, join: JoinRoom
) -> None:
    grace = join("Grace", host=True)
    ada = join("Ada")
    as_host(relay, room, "end-interview", {})
    for person in (grace, ada):
        expect(person.editor).to_have_attribute("data-readonly", "true")
        expect(person.page.get_by_test_id("room-state")).to_contain_text("ended")
        expect(person.page.get_by_test_id("language-select")).to_be_disabled()


def test_removed_candidate_is_told_and_leaves(
    relay: RelayProcess, room: str, join: JoinRoom
) -> None:
    grace = join("Grace", host=True)
    ada = join("Ada")
    grace.expect_participants("Grace", "Ada")
    ada_id = grace.participants.filter(has_text="Ada").get_attribute("data-participant-id")
    assert ada_id
    as_host(relay, room, "remove-participant", {"participant_id": ada_id}, reply="participants")
    expect(ada.page.get_by_test_id("removed")).to_be_visible()
    expect(ada.page.get_by_test_id("toast")).to_contain_text("removed you")
    grace.expect_participants("Grace")


def test_host_uses_the_controls_in_the_room(join: JoinRoom) -> None:
    grace = join("Grace", host=True)
    ada = join("Ada")
    expect(ada.page.get_by_test_id("controls-button")).to_be_hidden()
    expect(ada.page.get_by_test_id("remove-participant")).to_have_count(0)

    grace.page.get_by_test_id("controls-button").click()
    grace.page.get_by_test_id("control-lock").check()
    expect(ada.editor).to_have_attribute("data-readonly", "true")
    grace.page.get_by_test_id("control-runs").check()
    expect(ada.page.get_by_test_id("room-state")).to_contain_text("Running off")
    grace.page.get_by_test_id("control-lock").uncheck()
    expect(ada.editor).to_have_attribute("data-readonly", "false")
    grace.page.keyboard.press("Escape")

    grace.page.once("dialog", lambda dialog: dialog.accept())
    grace.participants.filter(has_text="Ada").get_by_test_id("remove-participant").click()
    expect(ada.page.get_by_test_id("removed")).to_be_visible()
    grace.expect_participants("Grace")

    grace.page.get_by_test_id("controls-button").click()
    grace.page.once("dialog", lambda dialog: dialog.accept())
    grace.page.get_by_test_id("control-end").click()
    expect(grace.editor).to_have_attribute("data-readonly", "true")
    expect(grace.page.get_by_test_id("room-state")).to_contain_text("ended")
