"""The runner contract, the same for every language (`tests/runners/languages/<language>.py`):
exact output, the runtime's own error text, stdin, the time limit, Stop, a memory bomb, each
followed by a run that works; every run is shown alike in another person's page and to a late
joiner. One room for the module: the tests switch its language as people do."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from playwright.sync_api import Page, expect

from tests.runners.languages import LanguageCases, all_cases
from tests.runners.run_panel import RESULT_TIMEOUT_MS, RunOutcome, RunPanel

pytestmark = pytest.mark.browser

CASES = all_cases()
WITH_STDIN = [case for case in CASES if case.stdin is not None]


def by_language(case: LanguageCases) -> str:
    return case.language


@pytest.fixture(scope="module")
def bob(open_room: Callable[..., RunPanel], host: RunPanel) -> RunPanel:
    """A second person, watching every run."""
    return open_room("Bob")


@pytest.fixture
def limit(host: RunPanel) -> Iterator[Callable[[int], None]]:
    """Sets the time limit for one test; the default (10 s) comes back after it."""
    yield host.set_time_limit
    host.set_time_limit(10)


def run_hello(panel: RunPanel, case: LanguageCases) -> RunOutcome:
    code, output = case.hello
    outcome = panel.run(code, case.language)
    assert (outcome.status, outcome.output, outcome.error) == ("ok", output, ""), outcome
    return outcome


def seen_by(bob: RunPanel, before: int, mine: RunOutcome) -> None:
    """Another page shows the run the same way: status, output, error and who ran it."""
    assert bob.wait_result(before + 1) == mine


def test_there_are_cases_for_python_and_javascript() -> None:
    assert {"python", "javascript"} <= {case.language for case in CASES}


@pytest.mark.parametrize("case", CASES, ids=by_language)
def test_output_is_exact_for_everyone(host: RunPanel, bob: RunPanel, case: LanguageCases) -> None:
    before = bob.entries.count()
    mine = run_hello(host, case)
    assert mine.by == "Alice"
    seen_by(bob, before, mine)
    expect(host.entries.first).to_have_attribute("data-language", case.language)


@pytest.mark.parametrize("case", CASES, ids=by_language)
def test_error_gives_the_runtime_text(host: RunPanel, bob: RunPanel, case: LanguageCases) -> None:
    code, text = case.error
    before = bob.entries.count()
    mine = host.run(code, case.language)
    assert mine.status == "error", mine
    assert text in mine.error
    seen_by(bob, before, mine)
    run_hello(host, case)


@pytest.mark.parametrize("case", WITH_STDIN, ids=by_language)
def test_stdin_box_feeds_the_program(host: RunPanel, case: LanguageCases) -> None:
    assert case.stdin is not None
    host.set_stdin(case.stdin.stdin)
    try:
        outcome = host.run(case.stdin.code, case.language)
    finally:
        host.set_stdin("")
    assert (outcome.status, outcome.output, outcome.error) == ("ok", case.stdin.output, ""), outcome


@pytest.mark.parametrize("case", CASES, ids=by_language)
def test_time_limit_ends_a_loop_and_the_next_run_works(
    host: RunPanel, bob: RunPanel, limit: Callable[[int], None], case: LanguageCases
) -> None:
    limit(2)
    before = bob.entries.count()
    mine = host.run(case.loop, case.language)
    assert (mine.status, mine.error) == ("timeout", "TimeoutError: stopped after 2 s"), mine
    seen_by(bob, before, mine)
    run_hello(host, case)


@pytest.mark.parametrize("case", CASES, ids=by_language)
def test_stop_ends_a_loop_and_the_next_run_works(
    host: RunPanel, bob: RunPanel, limit: Callable[[int], None], case: LanguageCases
) -> None:
    limit(600)
    host.set_language(case.language)
    host.wait_ready()
    before = host.start(case.loop, case.language)
    stop = host.page.get_by_test_id("stop-button")
    expect(stop).to_be_enabled()
    stop.click()
    mine = host.wait_result(before + 1)
    assert (mine.status, mine.error) == ("stopped", "Stopped: stopped by Alice"), mine
    seen_by(bob, before, mine)
    run_hello(host, case)


@pytest.mark.parametrize("case", CASES, ids=by_language)
def test_memory_bomb_is_survived_and_the_next_run_works(
    host: RunPanel, open_room: Callable[..., RunPanel], case: LanguageCases
) -> None:
    """In a tab of its own. Where the engine ends the runner's frame by crashing its process
    (V8 out of heap), Playwright reports the whole page as crashed: the page's survival then
    shows in the result it still sends after its time limit, and the next run is the host's."""
    mallory = open_room("Mallory")
    crashed: list[Page] = []
    mallory.page.on("crash", lambda page: crashed.append(page))
    mallory.set_time_limit(4)
    before = host.entries.count()
    mallory.start(case.memory_bomb, case.language)
    outcome = host.wait_result(before + 1)
    assert outcome.by == "Mallory"
    assert outcome.status in {"error", "timeout"}, outcome
    if crashed:
        run_hello(host, case)
    else:
        assert mallory.page.evaluate("1 + 1") == 2
        run_hello(mallory, case)
    mallory.page.close()


@pytest.fixture(scope="module")
def dave(open_room: Callable[..., RunPanel], host: RunPanel) -> RunPanel:
    """Joins after every run above."""
    late = open_room("Dave")
    expect(late.entries).to_have_count(host.entries.count(), timeout=RESULT_TIMEOUT_MS)
    return late


@pytest.mark.parametrize("case", CASES, ids=by_language)
def test_late_joiner_sees_the_history(dave: RunPanel, case: LanguageCases) -> None:
    entries = dave.page.locator(
        f'[data-testid=output] [data-testid=run-entry][data-language="{case.language}"]'
    )
    shown = [
        (
            entry.get_attribute("data-status"),
            entry.get_by_test_id("run-output").text_content(),
            entry.get_by_test_id("run-error").text_content() or "",
        )
        for entry in entries.all()
    ]
    assert {"ok", "error", "timeout", "stopped"} <= {status for status, _, _ in shown}, shown
    assert ("ok", case.hello[1], "") in shown
    assert any(status == "error" and case.error[1] in error for status, _, error in shown), shown
