"""The hostile-code suite's network and page probes (tests/runners/attacks.py and
tests/runners/test_hostile_code.py), run by the engine page: nothing reaches the probe server
(the stand-in for the network), the relay's API, the page's DOM, its storage, or a popup."""

from __future__ import annotations

import uuid

import pytest

from tests.engines.conftest import Room
from tests.runners.attacks import NETWORK_ATTACKS, Attack, fill
from tests.runners.conftest import ProbeServer
from tests.runners.test_hostile_code import (
    DOM_JS,
    DOM_PY,
    NAVIGATE_JS,
    NAVIGATE_PY,
    POPUP_JS,
    POPUP_PY,
    STORAGE_JS,
    STORAGE_PY,
)
from tests.support.engine_page import by_testid

pytestmark = pytest.mark.engines

LANGUAGES = ["python", "javascript"]


@pytest.fixture
def marker() -> str:
    return f"a-{uuid.uuid4().hex[:10]}"


#: In WebKit a fetch from Pyodide's worker that the frame's CSP refuses never settles: the
#: request never leaves (the probe server is asked), but the program waits until its limit.
NEVER_SETTLES_IN_WEBKIT = {"python-js-fetch", "python-pyfetch"}


def run_probe(room: Room, code: str, language: str, limit: str = "30", **values: str) -> str:
    """Runs the probe from the engine page (the peer writes it); what it printed."""
    code = fill(code, **values)
    # A blocked request must end with a message, not run into the limit; a slow engine (WebKit
    # next to a loading spare interpreter) gets room for that.
    room.person.page.fill(by_testid("time-limit"), limit)
    room.share(code, language)
    outcome = room.person.run()
    shown = outcome.output + outcome.error
    assert "REACHED" not in shown, shown
    return shown


@pytest.mark.parametrize("attack", NETWORK_ATTACKS, ids=lambda attack: attack.name)
def test_network_request_is_blocked(
    shared_room: Room, probe: ProbeServer, marker: str, attack: Attack
) -> None:
    shared_room.person.wait_python_ready()
    hangs = shared_room.engine == "webkit" and attack.name in NEVER_SETTLES_IN_WEBKIT
    shown = run_probe(
        shared_room,
        attack.code,
        attack.language,
        limit="8" if hangs else "30",
        probe=probe.url(""),
        ws_probe=probe.url("").replace("http://", "ws://"),
        marker=marker,
    )
    # Each engine words its network errors its own way; Chromium's are the suite's own.
    if shared_room.engine == "chromium":
        assert attack.expect in shown, shown
    elif hangs:
        assert "blocked" in shown or "TimeoutError" in shown, shown
    else:
        assert "blocked" in shown or attack.expect in shown, shown
    assert probe.reached(marker) == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_page_dom_is_out_of_reach(shared_room: Room, language: str) -> None:
    shown = run_probe(shared_room, DOM_PY if language == "python" else DOM_JS, language)
    assert shown.strip() == "[]"


@pytest.mark.parametrize("language", LANGUAGES)
def test_storage_is_out_of_reach(shared_room: Room, language: str) -> None:
    shared_room.person.page.evaluate(
        "() => localStorage.setItem('interview-secret', 'storage-secret')"
    )
    shown = run_probe(shared_room, STORAGE_PY if language == "python" else STORAGE_JS, language)
    assert "storage-secret" not in shown
    assert ("False False" if language == "python" else "undefined undefined") in shown


@pytest.mark.parametrize("language", LANGUAGES)
def test_popups_and_navigation_are_refused(
    shared_room: Room, probe: ProbeServer, marker: str, language: str
) -> None:
    url = shared_room.person.page.evaluate("() => location.href")
    python = language == "python"
    shown = run_probe(
        shared_room, POPUP_PY if python else POPUP_JS, language, probe=probe.url(""), marker=marker
    )
    assert "blocked:" in shown
    shown = run_probe(
        shared_room,
        NAVIGATE_PY if python else NAVIGATE_JS,
        language,
        probe=probe.url(""),
        marker=marker,
    )
    assert "blocked:" in shown or "no error" in shown
    assert shared_room.person.page.evaluate("() => location.href") == url
    assert probe.reached(marker) == []
