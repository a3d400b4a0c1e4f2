"""Ruby runs as everyone in the room sees it: output in the order it was written, Ruby's own
error text and backtrace, the stdin box, a fresh VM for every run, and the history for a late
joiner. The shared contract (time limit, Stop, memory bomb, attacks) is in
test_runner_contract.py and test_hostile_languages.py."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import expect

from tests.runners.run_panel import RESULT_TIMEOUT_MS, RunPanel

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


def test_an_exception_gives_rubys_message_and_backtrace(host: RunPanel) -> None:
    code = "puts 'before'\ndef foo(x)\n  x / 0\nend\nfoo(1)"
    outcome = host.run(code, "ruby")
    assert (outcome.status, outcome.output) == ("error", "before\n")
    assert outcome.error == (
        "main.rb:3:in 'Integer#/': divided by 0 (ZeroDivisionError)\n"
        "\tfrom main.rb:3:in 'Object#foo'\n"
        "\tfrom main.rb:5:in '<main>'"
    )


def test_a_misspelt_method_gets_rubys_suggestion(host: RunPanel) -> None:
    outcome = host.run("list = [3, 1, 2]\nputs list.lenght", "ruby")
    assert outcome.status == "error"
    assert outcome.error.startswith(
        "main.rb:2:in '<main>': undefined method 'lenght' for an instance of Array (NoMethodError)"
    )
    assert "Did you mean?  length" in outcome.error


def test_a_syntax_error_names_the_line_without_colour_codes(host: RunPanel) -> None:
    outcome = host.run("def area(w, h)\n  w *\nend\nputs area(2, 3)", "ruby")
    assert outcome.status == "error"
    assert outcome.error.startswith("main.rb:3: syntax errors found (SyntaxError)\n")
    assert "> 3 | end" in outcome.error
    assert "\x1b" not in outcome.error
    assert host.run("puts 'again'", "ruby").output == "again\n"


def test_gets_and_stdin_read_take_the_stdin_box(host: RunPanel) -> None:
    host.set_stdin("Ada\n41\nthe rest\nof it\n")
    try:
        code = (
            'name = gets.chomp\nage = gets.to_i\nputs "#{name} #{age + 1}"\n'
            "p STDIN.read\np gets\np $stdin.eof?"
        )
        outcome = host.run(code, "ruby")
    finally:
        host.set_stdin("")
    assert (outcome.status, outcome.error) == ("ok", "")
    assert outcome.output == 'Ada 42\n"the rest\\nof it\\n"\nnil\ntrue\n'


def test_exit_ends_the_program_with_its_status(host: RunPanel) -> None:
    ok = host.run("puts 'done'\nexit\nputs 'never'", "ruby")
    assert (ok.status, ok.output, ok.error) == ("ok", "done\n", "")
    failed = host.run("abort 'giving up'", "ruby")
    assert (failed.status, failed.output, failed.error) == (
        "error",
        "giving up\n",
        "SystemExit: exit status 1",
    )


def test_a_program_that_closes_its_worker_has_ended(host: RunPanel) -> None:
    outcome = host.run("require 'js'\nputs 'closing'\nJS.global.close\nputs 'never'", "ruby")
    assert (outcome.status, outcome.output, outcome.error) == ("ok", "closing\n", "")
    assert host.run("puts 'next'", "ruby").output == "next\n"


def test_nothing_a_run_defines_reaches_the_next(host: RunPanel) -> None:
    """Globals, monkey patches, top-level methods and constants, loaded libraries and JavaScript
    globals set through the `js` library all stay with the run that made them."""
    first = (
        "$count = 41\nclass String\n  def shout = upcase + '!'\nend\ndef helper = :mine\n"
        "LIMIT = 3\nrequire 'set'\nrequire 'js'\nJS.global[:leak] = 'yes'\nputs 'set up'"
    )
    assert host.run(first, "ruby").output == "set up\n"
    second = (
        "p [$count, ''.respond_to?(:shout), respond_to?(:helper, true), defined?(LIMIT)]\n"
        "p $LOADED_FEATURES.grep(/js\\.rb/).size\n"
        "require 'js'\np JS.global[:leak].typeof"
    )
    outcome = host.run(second, "ruby")
    assert (outcome.status, outcome.error) == ("ok", "")
    assert outcome.output == '[nil, false, false, nil]\n0\n"undefined"\n'


def test_late_joiner_sees_the_ruby_runs(host: RunPanel, open_room: Callable[..., RunPanel]) -> None:
    host.run("puts 'on the record'", "ruby")
    host.run("raise ArgumentError, 'bad input'", "ruby")
    dave = open_room("Dave")
    expect(dave.entries).to_have_count(host.entries.count())
    newest, previous = dave.entries.nth(0), dave.entries.nth(1)
    expect(newest).to_have_attribute("data-language", "ruby")
    expect(newest).to_have_attribute("data-status", "error")
    expect(newest.get_by_test_id("run-error")).to_have_text(
        "main.rb:1:in '<main>': bad input (ArgumentError)"
    )
    expect(previous).to_have_attribute("data-status", "ok")
    expect(previous.get_by_test_id("run-output")).to_have_text("on the record\n")


def test_nothing_of_ruby_loads_until_a_room_uses_it(
    open_room: Callable[..., RunPanel], host: RunPanel
) -> None:
    """A page in a Python room fetches neither the interpreter nor the runner's code (a chunk
    of its own); choosing Ruby loads both."""
    host.set_language("python")
    pat = open_room("Pat")
    pat.wait_ready()

    def ruby_resources() -> list[str]:
        names: list[str] = pat.page.evaluate(
            "performance.getEntriesByType('resource').map((entry) => entry.name)"
        )
        return [name for name in names if "/runtimes/ruby/" in name or "/ruby-sandbox-" in name]

    assert ruby_resources() == []
    pat.set_language("ruby")
    expect(pat.page.get_by_test_id("runner-status")).to_have_attribute(
        "data-state", "ready", timeout=RESULT_TIMEOUT_MS
    )
    loaded = ruby_resources()
    # Under the versioned folder the page was given: /runtimes/ruby/v…/dist/ruby+stdlib.wasm.
    assert any(name.endswith("/dist/ruby+stdlib.wasm") for name in loaded), loaded
    assert any("/ruby-sandbox-" in name for name in loaded), loaded
    pat.page.close()


def test_the_standard_library_and_bundled_gems_load(host: RunPanel) -> None:
    code = (
        "require 'json'\nrequire 'set'\nrequire 'prime'\nrequire 'matrix'\n"
        "p JSON.parse('[1, 2]'), Set[3, 3].size, Prime.first(4), Matrix[[1, 2]].transpose.to_a"
    )
    outcome = host.run(code, "ruby")
    assert (outcome.status, outcome.error) == ("ok", "")
    assert outcome.output == "[1, 2]\n1\n[2, 3, 5, 7]\n[[1], [2]]\n"


def test_the_program_is_main_rb_in_utf_8(host: RunPanel) -> None:
    """The `if __FILE__ == $0` idiom runs the script's main part, as `ruby main.rb` would."""
    code = "if __FILE__ == $PROGRAM_NAME\n  p __FILE__, __ENCODING__, 'héllo'.length, ARGV\nend"
    outcome = host.run(code, "ruby")
    assert (outcome.status, outcome.output) == ("ok", '"main.rb"\n#<Encoding:UTF-8>\n5\n[]\n')


def test_deep_recursion_works_and_too_deep_is_rubys_stack_error(host: RunPanel) -> None:
    code = "def depth(n) = n.zero? ? 0 : 1 + depth(n - 1)\np depth(5_000)\ndepth(10_000_000)"
    outcome = host.run(code, "ruby")
    assert (outcome.status, outcome.output) == ("error", "5000\n")
    assert outcome.error.startswith(
        "main.rb:1:in 'Object#depth': stack level too deep (SystemStackError)"
    )


def test_a_memory_bomb_meets_rubys_no_memory_error(host: RunPanel) -> None:
    """The interpreter's memory is capped (1 GiB), so the bomb ends in Ruby's own error well
    within the time limit, and the page and the next run are unharmed."""
    outcome = host.run("a = []\nloop { a << 'x' * 10_000_000 }", "ruby")
    assert outcome.status == "error", outcome
    assert "failed to allocate memory (NoMemoryError)" in outcome.error
    assert host.run("puts 'after'", "ruby").output == "after\n"


def test_ruby_is_highlighted_as_ruby(host: RunPanel) -> None:
    host.set_code('def greet(name)\n  puts "hi #{name}" unless name.nil?\nend', "ruby")
    expect(host.room.editor).to_have_attribute("data-language", "ruby")
    for keyword in ("def", "unless", "end"):
        host.room.expect_token(keyword, "tok-keyword")
    host.room.expect_token('"hi #{', "tok-string")
