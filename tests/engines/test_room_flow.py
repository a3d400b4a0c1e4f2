"""The whole room flow in every engine, on both kinds of origin: join, people list, co-typing with
a Chromium peer, Python output, traceback, the stdin box, interactive `input()`, JavaScript, and
Stop followed by the next run. The tests of a module share one room, in this order."""

from __future__ import annotations

import pytest

from tests.engines.conftest import ENGINE_PERSON, PEER, Room
from tests.support.engine_page import by_testid

pytestmark = pytest.mark.engines

#: Engines with a blocking `input()`: SharedArrayBuffer where cross-origin isolated, JavaScript
#: Promise Integration elsewhere (Chromium ≥ 137, Firefox ≥ 153). WebKitGTK has neither and
#: takes input from the stdin box only.
INTERACTIVE_INPUT = {"chromium", "firefox"}


def share(room: Room, code: str, language: str) -> None:
    room.share(code, language)


def test_both_people_are_listed_in_both_pages(shared_room: Room) -> None:
    shared_room.person.wait_participants(ENGINE_PERSON, PEER)
    shared_room.peer.room.expect_participants(ENGINE_PERSON, PEER)


def test_the_origin_is_what_the_test_means(shared_room: Room) -> None:
    """Loopback is a secure context; the LAN-style name over HTTP is not (no isolation)."""
    secure, isolated = shared_room.person.page.evaluate(
        "() => [window.isSecureContext, window.crossOriginIsolated]"
    )
    assert secure is (shared_room.origin == "loopback")
    if shared_room.origin == "lan":
        assert isolated is False


def test_typing_reaches_the_peer_and_back(shared_room: Room) -> None:
    share(shared_room, "# shared notes", "python")
    shared_room.person.type_at_end(" typed in " + shared_room.engine)
    shared_room.peer.room.expect_text("# shared notes typed in " + shared_room.engine)
    shared_room.peer.room.go_to_end()
    shared_room.peer.room.type(" and by the peer")
    shared_room.person.wait_text(" and by the peer", contains=True)
    assert shared_room.person.editor_text() == shared_room.peer.room.text()


def test_python_loads_and_says_so(shared_room: Room) -> None:
    status = shared_room.person.wait_python_ready()
    assert "Python 3" in status["text"]


def test_python_output(shared_room: Room) -> None:
    share(shared_room, "print(6 * 7)\nprint('second line')", "python")
    outcome = shared_room.person.run()
    assert (outcome.status, outcome.output) == ("ok", "42\nsecond line\n"), outcome
    assert outcome.by == ENGINE_PERSON
    shared_room.peer.wait_result()
    assert shared_room.peer.entries.first.get_by_test_id("run-output").text_content() == (
        "42\nsecond line\n"
    )


def test_python_traceback(shared_room: Room) -> None:
    share(shared_room, "def f():\n    return 1 / 0\nf()", "python")
    outcome = shared_room.person.run()
    assert outcome.status == "error", outcome
    assert "ZeroDivisionError" in outcome.error
    assert "line 2, in f" in outcome.error


def test_python_reads_the_stdin_box(shared_room: Room) -> None:
    share(shared_room, "print(input().upper())\nprint(input())", "python")
    shared_room.person.set_stdin("from the box\nsecond")
    try:
        outcome = shared_room.person.run()
    finally:
        shared_room.person.set_stdin("")
    assert (outcome.status, outcome.output) == ("ok", "FROM THE BOX\nsecond\n"), outcome


def test_interactive_input_where_the_engine_can_block(shared_room: Room) -> None:
    share(shared_room, "name = input('Name? ')\nprint('Hello', name)", "python")
    person = shared_room.person
    person.press_run()
    asked = person.answer_input("Ada")
    outcome = person.wait_finished()
    if shared_room.engine in INTERACTIVE_INPUT:
        assert asked, f"{shared_room.engine} on {shared_room.origin} did not ask for input"
        assert outcome.status == "ok", outcome
        assert outcome.output.endswith("Hello Ada\n"), outcome
    else:
        assert not asked
        assert outcome.status in {"ok", "error"}  # EOF without the box: a clear end, no hang


def test_javascript_run(shared_room: Room) -> None:
    share(
        shared_room,
        "const xs = [1, 2, 3];\nconsole.log(xs.map((x) => x * 2).join(','));",
        "javascript",
    )
    outcome = shared_room.person.run()
    assert (outcome.status, outcome.output) == ("ok", "2,4,6\n"), outcome


def test_javascript_error(shared_room: Room) -> None:
    share(shared_room, "null.x;", "javascript")
    outcome = shared_room.person.run()
    assert outcome.status == "error", outcome
    assert "TypeError" in outcome.error


@pytest.mark.parametrize(
    ("language", "loop", "after"),
    [
        ("python", "while True:\n    pass", "print('after stop')"),
        ("javascript", "while (true) {}", "console.log('after stop')"),
    ],
)
def test_stop_then_the_next_run(shared_room: Room, language: str, loop: str, after: str) -> None:
    person = shared_room.person
    if language == "python":
        person.wait_python_ready()
    person.page.fill(by_testid("time-limit"), "600")
    try:
        share(shared_room, loop, language)
        person.press_run()
        person.wait_running()
        person.press_stop()
        stopped = person.wait_finished()
        assert stopped.status == "stopped", stopped
        share(shared_room, after, language)
        outcome = person.run()
    finally:
        person.page.fill(by_testid("time-limit"), "10")
    assert (outcome.status, outcome.output) == ("ok", "after stop\n"), outcome
