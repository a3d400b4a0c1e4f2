"""The room over plain HTTP by a LAN name (not a secure context): no isolation is offered, and
Python still prints, stops for real and asks for input() through JavaScript Promise Integration."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.runners.conftest import VIEWPORT
from tests.runners.run_panel import RunPanel
from tests.support.deny_proxy import LAN_NAME, shared_proxy
from tests.support.relay_process import RelayProcess
from tests.support.webui_pages import RoomPage

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def lan_relay(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RelayProcess]:
    data_dir: Path = tmp_path_factory.mktemp("lan-relay")
    process = RelayProcess(data_dir=data_dir, extra_args=["--allow-host", LAN_NAME]).start()
    yield process
    try:
        process.stop()
    finally:
        print("---- relay log ----\n" + process.logs())


@dataclass
class LanVisit:
    """The room page as opened by its LAN name, and the headers it was served with."""

    page: Page
    headers: dict[str, str]


@pytest.fixture(scope="module")
def lan_visit(browser: Browser, lan_relay: RelayProcess) -> Iterator[LanVisit]:
    room = lan_relay.create_room("LAN")["room"]
    base = shared_proxy().route(lan_relay.port)
    context = browser.new_context(viewport=VIEWPORT)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    reply = page.goto(f"{base}/r/{room}")
    assert reply is not None
    yield LanVisit(page, reply.headers)
    context.close()
    shared_proxy().unroute(lan_relay.port)
    assert not errors, "uncaught errors in the page:\n" + "\n".join(errors)


@pytest.fixture(scope="module")
def candidate(lan_visit: LanVisit) -> RunPanel:
    panel = RunPanel(RoomPage.join_here(lan_visit.page, "Lan"))
    panel.wait_ready()
    return panel


def test_the_lan_page_is_not_offered_isolation(candidate: RunPanel, lan_visit: LanVisit) -> None:
    page = candidate.page
    assert "cross-origin-embedder-policy" not in lan_visit.headers
    assert "cross-origin-opener-policy" not in lan_visit.headers
    assert page.evaluate("[isSecureContext, self.crossOriginIsolated]") == [False, False]
    assert "runner-isolation" not in page.url


def test_python_and_javascript_run_over_the_lan(candidate: RunPanel) -> None:
    assert candidate.run("print(6 * 7)").output == "42\n"
    assert candidate.run("console.log(6 * 7)", "javascript").output == "42\n"


def test_stop_ends_the_loop_and_the_next_run_answers(candidate: RunPanel) -> None:
    before = candidate.start("print('spinning', flush=True)\nwhile True:\n    pass")
    expect(candidate.entries.first.get_by_test_id("run-output")).to_have_text("spinning\n")
    candidate.page.get_by_test_id("stop-button").click()
    outcome = candidate.wait_result(before + 1)
    assert (outcome.status, outcome.output) == ("stopped", "spinning\n")
    assert candidate.run("print('after stop')").output == "after stop\n"


def test_input_asks_the_candidate_over_the_lan(candidate: RunPanel) -> None:
    before = candidate.start("name = input('Name? ')\nprint('Hi', name)")
    field = candidate.page.get_by_test_id("stdin-line")
    expect(field).to_be_visible()
    field.fill("Grace")
    field.press("Enter")
    outcome = candidate.wait_result(before + 1)
    assert (outcome.status, outcome.output) == ("ok", "Name? Grace\nHi Grace\n")
