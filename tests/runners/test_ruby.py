"""Ruby runs as everyone in the room sees it: output in the order it was written, Ruby's own
error text and backtrace, the stdin box, a fresh VM for every run, and the history for a late
joiner. The shared contract (time limit, Stop, memory bomb, attacks) is in
test_runner_contract.py and test_hostile_languages.py."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.runners.run_panel import RunPanel

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def bob(open_room: Callable[..., RunPanel], host: RunPanel) -> RunPanel:
    return open_room("Bob")


def test_puts_p_print_and_stderr_come_out_in_order(host: RunPanel, bob: RunPanel) -> None:
    code = (
        "puts 'one'\n$stderr.puts 'two'\np [3, :four, 'five']\nprint 'six'\n"
        "warn 'seven'\n$stdout.write(\"\\n\")\nputs nil\np({a: 1})"
    )
    before = bob.entries.count()
    mine = host.run(code, "ruby")
    expected = 'one\ntwo\n[3, :four, "five"]\nsix' + "seven\n\n\n" + "{a: 1}\n"
    assert (mine.status, mine.output, mine.error) == ("ok", expected, "")
    theirs = bob.wait_result(before + 1)
    assert (theirs.status, theirs.output, theirs.by) == ("ok", expected, "Alice")
