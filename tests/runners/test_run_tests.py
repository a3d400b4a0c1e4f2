"""Run tests in real browsers through the real runners: passes, failures with expected and actual,
an exception, a runaway stopped by the time limit while the rest still report; everyone sees the
results; hidden tests run in the host's browser only and stay off the candidate's page."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.runners.run_panel import RunPanel
from tests.runners.tests_pane import TestsPane, set_tests
from tests.support.relay_process import RelayProcess

pytestmark = pytest.mark.browser


def call(name: str, expression: str, expected: str, **extra: Any) -> dict[str, Any]:
    return {"id": name, "name": name, "kind": "function", "call": expression, "expected": expected}


def stdio(name: str, stdin: str, expected: str, compare: str = "trimmed") -> dict[str, Any]:
    return {"id": name, "name": name, "stdin": stdin, "expected": expected, "compare": compare}


PYTHON = """def add(a, b):
    return a + b

def divide(a, b):
    return a / b

def spin():
    while True:
        pass
"""
PYTHON_TESTS = [
    call("adds", "add(2, 3)", "5"),
    call("adds-wrong", "add(2, 2)", "5"),
    call("lists", "[add(1, 1), add(2, 2)]", "[2, 4]"),
    call("divides-by-zero", "divide(1, 0)", "0"),
    call("runaway", "spin()", "None"),
    call("after-runaway", "add(10, 20)", "30"),
]
PYTHON_STDIO = 'name = input()\nprint(f"Hello, {name}!")\n'
PYTHON_STDIO_TESTS = [
    stdio("greets", "Ada\n", "Hello, Ada!\n", "exact"),
    stdio("greets-trimmed", "Bob\n", "  Hello, Bob!  \n\n"),
    stdio("greets-wrong", "Cy\n", "Hi, Cy!"),
]

JAVASCRIPT = """function add(a, b) { return a + b; }
function divide(a, b) {
  if (b === 0) throw new RangeError('division by zero');
  return a / b;
}
function spin() { for (;;) {} }
const pairs = (xs) => xs.map((x) => [x, x * 2]);
"""
JAVASCRIPT_TESTS = [
    call("adds", "add(2, 3)", "5"),
    call("adds-wrong", "add(2, 2)", "5"),
    call("lists", "pairs([1, 2])", "[[1, 2], [2, 4]]"),
    call("divides-by-zero", "divide(1, 0)", "0"),
    call("runaway", "spin()", "undefined"),
    call("after-runaway", "add(10, 20)", "30"),
]
JAVASCRIPT_STDIO = "const name = readline();\nconsole.log(`Hello, ${name}!`);\n"


@pytest.fixture(scope="module")
def tests_pane(host: RunPanel) -> TestsPane:
    host.set_time_limit(2)
    return TestsPane(host)


def check_mixed_results(pane: TestsPane, error_word: str) -> None:
    shown = pane.shown()
    assert {name: case.status for name, case in shown.items()} == {
        "adds": "pass",
        "adds-wrong": "fail",
        "lists": "pass",
        "divides-by-zero": "error",
        "runaway": "timeout",
        "after-runaway": "pass",
    }
    assert shown["adds-wrong"].expected == "5"
    assert shown["adds-wrong"].actual == "4"
    assert error_word in shown["divides-by-zero"].error
    assert "TimeoutError" in shown["runaway"].error


@pytest.mark.parametrize(
    ("language", "code", "tests", "error_word"),
    [
        ("python", PYTHON, PYTHON_TESTS, "ZeroDivisionError"),
        ("javascript", JAVASCRIPT, JAVASCRIPT_TESTS, "RangeError"),
    ],
)
def test_function_tests_pass_fail_raise_and_time_out_and_the_rest_still_report(
    tests_pane: TestsPane,
    relay: RelayProcess,
    room: str,
    language: str,
    code: str,
    tests: list[dict[str, Any]],
    error_word: str,
) -> None:
    set_tests(tests_pane.page, relay, room, tests)
    assert tests_pane.run(code, language, len(tests)) == "3/6 passed"
    check_mixed_results(tests_pane, error_word)


def test_stdin_tests_compare_exactly_or_trimmed(
    tests_pane: TestsPane, relay: RelayProcess, room: str
) -> None:
    set_tests(tests_pane.page, relay, room, PYTHON_STDIO_TESTS)
    assert tests_pane.run(PYTHON_STDIO, "python", 3) == "2/3 passed"
    shown = tests_pane.shown()
    assert shown["greets-wrong"].status == "fail"
    assert shown["greets-wrong"].actual == "Hello, Cy!\n"
    set_tests(tests_pane.page, relay, room, PYTHON_STDIO_TESTS[1:])
    assert tests_pane.run(JAVASCRIPT_STDIO, "javascript", 2) == "1/2 passed"


def test_everyone_sees_the_results_and_hidden_tests_stay_with_the_host(
    tests_pane: TestsPane,
    relay: RelayProcess,
    room: str,
    open_room: Callable[..., RunPanel],
) -> None:
    hidden = {**call("secret-hidden-check", "add(-1, 1)", "0"), "hidden": True}
    set_tests(tests_pane.page, relay, room, [*PYTHON_TESTS[:3], hidden])
    candidate = TestsPane(open_room("Carl"))
    candidate.wait_for_tests(3)
    seen_before = candidate.last_run()
    assert tests_pane.run(PYTHON, "python", 4) == "3/4 passed"
    assert tests_pane.shown()["secret-hidden-check"].status == "pass"

    assert candidate.wait_for_results(seen_before) == "2/3 passed"
    assert set(candidate.shown()) == {"adds", "adds-wrong", "lists"}
    assert "secret-hidden-check" not in candidate.page.content()
    expect(candidate.page.get_by_test_id("tests-by")).to_contain_text("Alice")

    # The candidate runs the visible tests in their own browser; the host sees that run.
    host_before = tests_pane.last_run()
    candidate.panel.wait_ready()
    runs_before = candidate.panel.entries.count()
    candidate.page.keyboard.press("ControlOrMeta+Shift+Enter")
    assert tests_pane.wait_for_results(host_before, every_test=False) == "2/3 passed"
    assert tests_pane.shown()["adds-wrong"].status == "fail"
    assert candidate.panel.entries.count() == runs_before  # the shortcut ran the tests, not Run
    expect(tests_pane.page.get_by_test_id("tests-by")).to_contain_text("Carl")
    assert "secret-hidden-check" not in candidate.page.content()


def test_a_runaway_test_is_stopped_on_a_page_without_isolation_and_the_rest_report(
    relay: RelayProcess, room: str, open_room: Callable[..., RunPanel]
) -> None:
    """A candidate on another machine has no cross-origin isolation: the time limit terminates
    Python and a spare takes over, and the tests after the runaway still run."""
    lan = open_room("Lena", query="?runner-isolation=off")
    lan.wait_ready()
    lan.set_time_limit(2)
    pane = TestsPane(lan)
    set_tests(pane.page, relay, room, PYTHON_TESTS)
    assert pane.run(PYTHON, "python", len(PYTHON_TESTS)) == "3/6 passed"
    check_mixed_results(pane, "ZeroDivisionError")
