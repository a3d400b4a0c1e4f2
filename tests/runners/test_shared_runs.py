"""Run, as everyone in the room sees it: results, errors, time limit, Stop, stdin, history."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import expect

from tests.runners.run_panel import RunPanel

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def bob(open_room: Callable[..., RunPanel], host: RunPanel) -> RunPanel:
    return open_room("Bob")


def test_python_print_reaches_every_participant(host: RunPanel, bob: RunPanel) -> None:
    before = bob.entries.count()
    mine = host.run("print(1+1)")
    assert (mine.status, mine.output, mine.error, mine.by) == ("ok", "2\n", "", "Alice")
    theirs = bob.wait_result(before + 1)
    assert (theirs.status, theirs.output, theirs.by) == ("ok", "2\n", "Alice")


def test_javascript_console_log_reaches_every_participant(host: RunPanel, bob: RunPanel) -> None:
    before = bob.entries.count()
    mine = host.run("console.log(1+2)", "javascript")
    assert (mine.status, mine.output, mine.error) == ("ok", "3\n", "")
    theirs = bob.wait_result(before + 1)
    assert (theirs.status, theirs.output) == ("ok", "3\n")


def test_the_participant_who_presses_run_runs_it(host: RunPanel, bob: RunPanel) -> None:
    before = host.entries.count()
    outcome = bob.run("print('from bob')")
    assert (outcome.status, outcome.output, outcome.by) == ("ok", "from bob\n", "Bob")
    assert host.wait_result(before + 1).output == "from bob\n"


def test_python_syntax_error_gives_the_compiler_message(host: RunPanel) -> None:
    outcome = host.run("print('a'\nx = 1")
    assert outcome.status == "error"
    assert 'File "<main>", line 1' in outcome.error
    assert "SyntaxError" in outcome.error
    assert host.run("print('again')").output == "again\n"


def test_python_runtime_error_gives_a_traceback_without_runner_frames(host: RunPanel) -> None:
    outcome = host.run("print('before')\ndef f():\n    return 1 / 0\nf()")
    assert outcome.status == "error"
    assert outcome.output == "before\n"
    assert outcome.error.startswith("Traceback (most recent call last):")
    assert 'File "<main>", line 4, in <module>' in outcome.error
    assert 'File "<main>", line 3, in f' in outcome.error
    assert outcome.error.rstrip().endswith("ZeroDivisionError: division by zero")
    assert "_pyodide" not in outcome.error
    assert "run_program" not in outcome.error


def test_javascript_runtime_error_names_the_line(host: RunPanel) -> None:
    outcome = host.run("console.log('before');\nconsole.log(x);", "javascript")
    assert outcome.status == "error"
    assert outcome.output == "before\n"
    assert outcome.error.splitlines()[0] == "ReferenceError: x is not defined"
    assert "main.js:2:" in outcome.error


def test_javascript_syntax_error_names_the_line(host: RunPanel) -> None:
    outcome = host.run("let a = 1;\nconsole.log(a;", "javascript")
    assert outcome.status == "error"
    assert outcome.error.startswith("SyntaxError:")
    assert "main.js:2:" in outcome.error
    assert host.run("console.log('again')", "javascript").output == "again\n"


def test_javascript_objects_are_shown_readably(host: RunPanel) -> None:
    code = "console.log({a: 1, b: 'x', c: [1, 2]}, new Map([[1, 'one']]))"
    outcome = host.run(code, "javascript")
    assert outcome.output == "{ a: 1, b: 'x', c: [ 1, 2 ] } Map(1) { 1 => 'one' }\n"


def test_javascript_async_code_is_awaited(host: RunPanel) -> None:
    code = "setTimeout(() => console.log('later'), 50);\nawait null;\nconsole.log('now');"
    assert host.run(code, "javascript").output == "now\nlater\n"


@pytest.mark.parametrize(
    ("language", "loop"),
    [("python", "print('spinning')\nwhile True:\n    pass"), ("javascript", "while (true) {}")],
)
def test_time_limit_ends_a_runaway_loop(host: RunPanel, language: str, loop: str) -> None:
    host.set_time_limit(2)
    try:
        outcome = host.run(loop, language)
    finally:
        host.set_time_limit(10)
    assert outcome.status == "timeout"
    assert outcome.error == "TimeoutError: stopped after 2 s"
    again = "print('ready')" if language == "python" else "console.log('ready')"
    assert host.run(again, language).output == "ready\n"


@pytest.mark.parametrize(
    ("language", "loop"),
    [("python", "while True:\n    pass"), ("javascript", "for (;;) {}")],
)
def test_stop_button_ends_the_run(host: RunPanel, bob: RunPanel, language: str, loop: str) -> None:
    before = host.start(loop, language)
    stop = host.page.get_by_test_id("stop-button")
    expect(stop).to_be_enabled()
    stop.click()
    outcome = host.wait_result(before + 1)
    assert (outcome.status, outcome.error) == ("stopped", "Stopped: stopped by Alice")
    assert bob.wait_result(before + 1).status == "stopped"
    again = "print('ready')" if language == "python" else "console.log('ready')"
    assert host.run(again, language).output == "ready\n"


@pytest.fixture(scope="module")
def carol(open_room: Callable[..., RunPanel]) -> RunPanel:
    """A tab served without cross-origin isolation, as a candidate on plain HTTP is."""
    panel = open_room("Carol", query="?runner-isolation=off")
    panel.wait_ready()
    return panel


def test_a_page_that_opts_out_is_really_not_isolated(carol: RunPanel) -> None:
    assert carol.page.evaluate("self.crossOriginIsolated") is False
    assert carol.page.evaluate("typeof SharedArrayBuffer") == "undefined"


def test_stop_without_cross_origin_isolation_terminates_and_recovers(carol: RunPanel) -> None:
    """Without SharedArrayBuffer, Stop removes the frame and the spare takes over."""
    before = carol.start("print('spinning', flush=True)\nwhile True:\n    pass")
    expect(carol.entries.first.get_by_test_id("run-output")).to_have_text("spinning\n")
    carol.page.get_by_test_id("stop-button").click()
    outcome = carol.wait_result(before + 1)
    assert (outcome.status, outcome.error) == ("stopped", "Stopped: stopped by Carol")
    assert outcome.output == "spinning\n"
    assert carol.run("print('ready')").output == "ready\n"


def test_stdin_box_feeds_input_line_by_line(host: RunPanel) -> None:
    host.set_stdin("Ada\n42\n")
    try:
        code = (
            "name = input('name? ')\nage = int(input())\nprint(name, age + 1)\n"
            "try:\n    input()\nexcept EOFError:\n    print('end of input')"
        )
        outcome = host.run(code)
    finally:
        host.set_stdin("")
    assert outcome.status == "ok"
    assert outcome.output == "name? Ada 43\nend of input\n"


def test_interactive_input_on_an_isolated_page(host: RunPanel, bob: RunPanel) -> None:
    before = host.start("name = input('Name? ')\nprint('Hi', name)")
    field = host.page.get_by_test_id("stdin-line")
    expect(field).to_be_visible()
    field.fill("Grace")
    field.press("Enter")
    outcome = host.wait_result(before + 1)
    assert (outcome.status, outcome.output) == ("ok", "Name? Grace\nHi Grace\n")
    assert bob.wait_result(before + 1).output == "Name? Grace\nHi Grace\n"


def test_interactive_input_without_isolation_waits_on_a_promise(
    carol: RunPanel, host: RunPanel
) -> None:
    """No SharedArrayBuffer, but JavaScript Promise Integration (Chromium): input() still asks."""
    assert carol.page.evaluate("typeof WebAssembly.Suspending") == "function"
    before = carol.start("a = input('First? ')\nb = input()\nprint(a + b)")
    for answer in ("Ada", "Lovelace"):
        field = carol.page.get_by_test_id("stdin-line")
        expect(field).to_be_visible()
        field.fill(answer)
        field.press("Enter")
    outcome = carol.wait_result(before + 1)
    assert (outcome.status, outcome.output) == ("ok", "First? Ada\nLovelace\nAdaLovelace\n")
    assert host.wait_result(before + 1).output == outcome.output


def test_stdin_box_still_feeds_input_without_isolation(carol: RunPanel) -> None:
    carol.set_stdin("x\n")
    try:
        code = "print(input('? '))\ntry:\n    input()\nexcept EOFError:\n    print('eof')"
        outcome = carol.run(code)
    finally:
        carol.set_stdin("")
    assert (outcome.status, outcome.output) == ("ok", "? x\neof\n")


def test_huge_output_is_cut_to_fit_one_event(host: RunPanel, bob: RunPanel) -> None:
    before = bob.entries.count()
    outcome = host.run("print('start')\nprint('x' * 300000)\nprint('end')")
    assert outcome.status == "ok"
    assert outcome.output.startswith("start\n")
    assert outcome.output.endswith("end\n")
    assert "characters cut" in outcome.output
    assert bob.wait_result(before + 1).output == outcome.output


def test_late_joiner_gets_the_run_history(
    host: RunPanel, open_room: Callable[..., RunPanel]
) -> None:
    host.run("print('for the record')")
    dave = open_room("Dave")
    expect(dave.entries).to_have_count(host.entries.count())
    newest = dave.wait_result()
    assert (newest.status, newest.output, newest.by) == ("ok", "for the record\n", "Alice")
    statuses = {entry.get_attribute("data-status") for entry in dave.entries.all()}
    assert {"ok", "error", "timeout", "stopped"} <= statuses
