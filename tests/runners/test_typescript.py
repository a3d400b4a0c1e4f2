"""TypeScript runs as everyone in the room sees it: type errors printed the way tsc prints them
and the program still run, syntax errors as the run's error, runtime errors on the TypeScript
line, the stdin box through readline(), and the history for a late joiner. The shared contract
(time limit, Stop, memory bomb, attacks) is in test_runner_contract.py and
test_hostile_languages.py."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.runners.run_panel import RESULT_TIMEOUT_MS, RunPanel

LANGUAGES_JSON = Path(__file__).resolve().parents[2] / "desktop" / "languages.json"

pytestmark = pytest.mark.browser


def typescript_files() -> list[str]:
    """The runtime files desktop/languages.json lists for TypeScript."""
    languages = json.loads(LANGUAGES_JSON.read_text(encoding="utf-8"))["languages"]
    entry = next(language for language in languages if language["id"] == "typescript")
    files: list[str] = entry["runtime"]["files"]
    return files


@pytest.fixture(scope="module")
def bob(open_room: Callable[..., RunPanel], host: RunPanel) -> RunPanel:
    return open_room("Bob")


def test_typed_code_runs_for_everyone(host: RunPanel, bob: RunPanel) -> None:
    code = (
        "interface Point { x: number; y: number }\n"
        "const norm = (p: Point): number => Math.hypot(p.x, p.y);\n"
        "enum Colour { Red, Green }\n"
        "const seen: Map<string, Point> = new Map([['a', { x: 3, y: 4 }]]);\n"
        "console.log(norm(seen.get('a')!), Colour.Green, [3, 1, 2].toSorted());"
    )
    before = bob.entries.count()
    mine = host.run(code, "typescript")
    assert (mine.status, mine.output, mine.error) == ("ok", "5 1 [ 1, 2, 3 ]\n", "")
    theirs = bob.wait_result(before + 1)
    assert (theirs.status, theirs.output, theirs.by) == ("ok", mine.output, "Alice")
    expect(host.entries.first).to_have_attribute("data-language", "typescript")


def test_a_type_error_is_printed_like_tsc_and_the_program_still_runs(host: RunPanel) -> None:
    code = (
        "console.log('start');\nconst n: number = 2;\n"
        "const s: number = 'x';\nconsole.log(n + 1, s);"
    )
    outcome = host.run(code, "typescript")
    assert (outcome.status, outcome.error) == ("ok", "")
    assert outcome.output == (
        "main.ts(3,7): error TS2322: Type 'string' is not assignable to type 'number'.\n"
        "start\n"
        "3 x\n"
    )


def test_several_type_errors_come_in_tsc_order(host: RunPanel) -> None:
    code = "let a: string = 1;\nfunction f(x: number) { return x; }\nf('y');\nmissing();"
    outcome = host.run(code, "typescript")
    lines = outcome.output.splitlines()
    assert lines[0] == (
        "main.ts(1,5): error TS2322: Type 'number' is not assignable to type 'string'."
    )
    assert lines[1].startswith("main.ts(3,3): error TS2345: Argument of type 'string'")
    assert lines[2] == "main.ts(4,1): error TS2304: Cannot find name 'missing'."
    # The program ran too, and failed on the undefined name.
    assert outcome.status == "error"
    assert outcome.error.splitlines()[0] == "ReferenceError: missing is not defined"


def test_a_syntax_error_is_the_runs_error_and_nothing_runs(host: RunPanel) -> None:
    outcome = host.run("console.log('never');\nlet a = (1 + ;", "typescript")
    assert (outcome.status, outcome.output) == ("error", "")
    assert outcome.error == "main.ts(2,14): error TS1109: Expression expected."
    assert host.run("console.log('again')", "typescript").output == "again\n"


def test_a_runtime_error_names_the_typescript_line(host: RunPanel) -> None:
    code = (
        "type Shape = { kind: 'circle'; r: number };\n"
        "interface Unused {\n  a: string;\n}\n"
        "function area(s: Shape): number {\n"
        "  throw new RangeError(`bad shape ${s.kind}`);\n"
        "}\n"
        "console.log('before');\n"
        "area({ kind: 'circle', r: 1 });"
    )
    outcome = host.run(code, "typescript")
    assert (outcome.status, outcome.output) == ("error", "before\n")
    lines = outcome.error.splitlines()
    assert lines[0] == "RangeError: bad shape circle"
    assert "main.ts:6:9" in lines[1]
    assert "main.ts:9:1" in lines[2]
    assert "main.js" not in outcome.error


def test_top_level_await_and_timers_are_awaited(host: RunPanel) -> None:
    code = (
        "const wait = (ms: number) => new Promise<void>((done) => setTimeout(done, ms));\n"
        "setTimeout(() => console.log('later'), 30);\n"
        "await wait(1);\n"
        "console.log('now');"
    )
    assert host.run(code, "typescript").output == "now\nlater\n"


def test_the_stdin_box_feeds_readline(host: RunPanel) -> None:
    host.set_stdin("Ada\n41\n")
    try:
        code = (
            "const name: string | null = readline();\n"
            "const age = Number(readline());\n"
            "console.log(`${name} ${age + 1}`, readline());"
        )
        outcome = host.run(code, "typescript")
    finally:
        host.set_stdin("")
    assert (outcome.status, outcome.output, outcome.error) == ("ok", "Ada 42 null\n", "")


def test_the_program_runs_in_a_fresh_strict_realm(host: RunPanel) -> None:
    first = host.run("(globalThis as any).leftover = 1;\nconsole.log('set');", "typescript")
    assert first.output == "set\n"
    code = (
        "console.log(typeof (globalThis as any).leftover);\n"
        "console.log((function (this: unknown) { return this; })());"
    )
    assert host.run(code, "typescript").output == "undefined\nundefined\n"


def test_late_joiner_sees_the_typescript_history(
    host: RunPanel, open_room: Callable[..., RunPanel]
) -> None:
    host.run("const x: number = 'late';\nconsole.log('for the record');", "typescript")
    dave = open_room("Dave")
    expect(dave.entries).to_have_count(host.entries.count())
    newest = dave.wait_result()
    assert newest.output == (
        "main.ts(1,7): error TS2322: Type 'string' is not assignable to type 'number'.\n"
        "for the record\n"
    )
    assert (newest.status, newest.by) == ("ok", "Alice")
    expect(dave.entries.first).to_have_attribute("data-language", "typescript")


def test_nothing_of_typescript_loads_until_a_room_uses_it(
    host: RunPanel, open_room: Callable[..., RunPanel]
) -> None:
    """A page in a Python room fetches neither the compiler nor the compiler frame's code (a
    chunk of its own); choosing TypeScript loads both, and the status line names the version."""
    host.set_language("python")
    pat = open_room("Pat")
    pat.wait_ready()

    def typescript_resources() -> list[str]:
        names: list[str] = pat.page.evaluate(
            "performance.getEntriesByType('resource').map((entry) => entry.name)"
        )
        return [n for n in names if "/runtimes/typescript/" in n or "/compiler-sandbox-" in n]

    assert typescript_resources() == []
    # Every request from here on (the page's resource timing buffer holds only 250 entries).
    requested: list[str] = []
    pat.page.on("request", lambda request: requested.append(request.url))
    pat.set_language("typescript")
    status = pat.page.get_by_test_id("runner-status")
    expect(status).to_have_attribute("data-state", "ready", timeout=RESULT_TIMEOUT_MS)
    expect(status).to_have_text("TypeScript 5.9.3")
    files = [url.split("/runtimes/typescript/", 1)[1] for url in requested if "/runtimes/" in url]
    # Versioned folders (`v<digest>/`) are the relay's; the files are those languages.json lists.
    assert sorted(name.split("/", 1)[1] for name in files) == sorted(typescript_files())
    assert any("/compiler-sandbox-" in url for url in requested), requested
    pat.page.close()


SLOW_TO_CHECK = """type D = "0" | "1" | "2" | "3" | "4" | "5" | "6" | "7" | "8" | "9";
type T = `${D}${D}`;
type P = { [K in T]: { [J in T]: { [L in D]: [K, J, L] } } };
type Y = P[keyof P];
type Z = Y[keyof Y];
declare const q: Z[keyof Z];
const g: [string, string, string] = q;
console.log(g);
"""


def test_a_stop_during_a_compile_brings_a_compiler_from_the_same_bytes(
    host: RunPanel, open_room: Callable[..., RunPanel]
) -> None:
    """Stop while the compiler works removes its frame and worker; the new compiler gets the
    bytes the page already has (each runtime file is requested once) and the next run works."""
    host.set_language("python")
    pat = open_room("Pat")
    requested: list[str] = []
    pat.page.on("request", lambda request: requested.append(request.url))
    pat.set_language("typescript")
    pat.wait_ready()
    # A type whose check takes seconds (100,000 tuple types); Stop half a second into it.
    pat.set_code(SLOW_TO_CHECK)
    before = pat.entries.count()
    states: list[str] = pat.page.evaluate(
        """async () => {
          const status = document.querySelector('[data-testid=runner-status]');
          const seen = [];
          new MutationObserver(() => seen.push(status.dataset.state)).observe(
            status, { attributes: true, attributeFilter: ['data-state'] });
          document.querySelector('[data-testid=run-button]').click();
          const until = async (done) => {
            for (let i = 0; i < 3000 && !done(); i++) await new Promise((ok) => setTimeout(ok, 1));
          };
          const stop = document.querySelector('[data-testid=stop-button]');
          await until(() => !stop.disabled);
          // The compile starts once the relay has the run; it then takes seconds.
          await new Promise((ok) => setTimeout(ok, 500));
          stop.click();
          await until(() => seen.at(-1) === 'ready');
          return seen;
        }"""
    )
    assert "loading" in states, f"the Stop came after the compile: {states}"
    stopped = pat.wait_result(before + 1)
    assert stopped.status == "stopped", stopped
    outcome = pat.run("console.log(6 * 7);\n", "typescript")
    assert (outcome.status, outcome.output) == ("ok", "42\n"), outcome
    fetched = [url for url in requested if "/runtimes/typescript/" in url]
    names = sorted(url.split("/runtimes/typescript/", 1)[1].split("/", 1)[1] for url in fetched)
    assert names == sorted(typescript_files())
    pat.page.close()
