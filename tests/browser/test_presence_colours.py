"""The page draws only plain hex colours from presence, whatever reaches it (attack 5).

The relay already drops such states (tests/relay/test_presence_rules.py); here a hostile
state is slipped into the page's own document socket, as a relay without that check would
forward it, and the remote cursor must still be drawn in a safe colour, covering nothing.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Page, WebSocketRoute, expect

from desktop.awareness import encode_update
from desktop.ysync import awareness_message
from tests.browser.conftest import JoinRoom

pytestmark = pytest.mark.browser

OVERLAY = "red;position:fixed;inset:0;z-index:9999;background:url(http://127.0.0.1:9/steal)"
HOSTILE_CLIENT = 424242


def hostile_presence() -> bytes:
    # A relative position as Yjs writes it: the start of the root type "code".
    at_start = {"type": None, "tname": "code", "item": None, "assoc": -1}
    state = {
        "user": {"name": "Interviewer", "color": OVERLAY, "colorLight": OVERLAY},
        "cursor": {"anchor": at_start, "head": at_start},
    }
    return awareness_message(encode_update([(HOSTILE_CLIENT, 5, json.dumps(state))]))


def test_a_hostile_cursor_colour_never_reaches_a_style_attribute(
    join: JoinRoom, new_page: Callable[..., Page]
) -> None:
    page = new_page()
    routes: list[WebSocketRoute] = []

    def through(route: WebSocketRoute) -> None:
        route.connect_to_server()  # everything passes both ways; the test only adds a message
        routes.append(route)

    page.route_web_socket(re.compile(r"/ws/[^/]+/doc"), through)
    room = join("Ines", host=True, page=page)
    assert routes, "the document socket did not go through the test's route"
    routes[-1].send(hostile_presence())
    caret = page.locator(".cm-ySelectionCaret")
    expect(caret).to_have_count(1)
    styles = page.eval_on_selector_all(
        ".cm-ySelectionCaret, .cm-ySelection, .cm-yLineSelection, .cm-ySelectionInfo",
        "nodes => nodes.map(node => node.getAttribute('style') || '')",
    )
    assert styles
    for style in styles:
        assert "position" not in style, style
        assert "url(" not in style, style
        for colour in re.findall(r"(?:background-color|border-color):\s*([^;]+)", style):
            assert re.fullmatch(r"#[0-9a-fA-F]{3,8}", colour.strip()), style
    # Nothing covers the page: the Controls button is still what a click there reaches.
    hit = page.evaluate(
        "() => { const b = document.querySelector('[data-testid=controls-button]');"
        " const r = b.getBoundingClientRect();"
        " return document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2) === b; }"
    )
    assert hit is True
    room.wait_connected()
