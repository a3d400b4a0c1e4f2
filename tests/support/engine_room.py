"""The room page as a person uses it, in any engine (tests/support/engine_page.py): join, type,
read the people list, run, stop, answer `input()`. Selectors as in tests/support/webui_pages.py."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tests.support.engine_page import DEFAULT_WAIT_S, EngineError, EnginePage, by_testid

#: The newest run entry as {status, output, error, by, runs}; null if there is none.
_NEWEST = """() => {
  const entries = document.querySelectorAll('[data-testid=output] [data-testid=run-entry]');
  const e = entries[0];
  if (!e) return null;
  const text = (id) => (e.querySelector(`[data-testid=${id}]`) || {}).textContent || '';
  return { status: e.dataset.status, output: text('run-output'), error: text('run-error'),
           by: text('run-by'), runs: entries.length };
}"""


#: "joined" once the room shows; "reloaded" if the page reloaded itself (an engine that cannot
#: use cross-origin isolation reloads once without it) and shows the join step again.
_JOINED_OR_RELOADED = """([before, joinName]) => {
  const status = document.querySelector('[data-testid=connection-status]');
  if (status) return 'joined';
  if (location.href !== before && document.querySelector(joinName)) return 'reloaded';
  return null;
}"""


#: False while the page is about to reload itself without isolation: an isolated page without
#: SharedArrayBuffer (WebKit) cannot use it, and the page drops it by reloading.
_SETTLED = "() => !(self.crossOriginIsolated && typeof SharedArrayBuffer !== 'function')"


@dataclass(frozen=True)
class Outcome:
    """One finished run, as this page shows it."""

    status: str
    output: str
    error: str
    by: str


@dataclass
class EngineRoom:
    """A joined room page in one engine."""

    page: EnginePage

    @classmethod
    def join(
        cls, page: EnginePage, base_url: str, room: str, name: str, host_key: str | None = None
    ) -> EngineRoom:
        fragment = f"#host={host_key}" if host_key else ""
        page.goto(f"{base_url}/r/{room}{fragment}")
        for _ in range(3):
            page.wait_for_selector(by_testid("join-name"))
            page.wait_for(_SETTLED)
            before = page.evaluate("() => location.href")
            page.fill(by_testid("join-name"), name)
            page.click(by_testid("join-button"))
            if page.wait_for(_JOINED_OR_RELOADED, [before, by_testid("join-name")], 30) == "joined":
                joined = cls(page)
                joined.wait_connected()
                return joined
        raise EngineError(f"{page.engine}: the join step came back three times")

    def wait_connected(self) -> None:
        self.page.wait_for(
            "(s) => { const e = document.querySelector(s);"
            " return e && e.dataset.state === 'connected'; }",
            by_testid("connection-status"),
            30,
        )

    def runtime(self) -> dict[str, str]:
        """The runner status line: {state, text} (`data-state` loading|ready|busy|failed)."""
        value: dict[str, str] = self.page.evaluate(
            "(s) => { const e = document.querySelector(s);"
            " return { state: e.dataset.state || '', text: e.textContent || '' }; }",
            by_testid("runner-status"),
        )
        return value

    def wait_python_ready(self) -> dict[str, str]:
        """Waits until Python has loaded; a failed load fails here (never taken for ready)."""
        status: dict[str, str] = self.page.wait_for(
            """(s) => { const e = document.querySelector(s);
              if (!e) return null;
              const state = e.dataset.state, text = e.textContent || '';
              if (state === 'failed' || /failed/i.test(text)) return { state: 'failed', text };
              return state === 'ready' ? { state, text } : null; }""",
            by_testid("runner-status"),
        )
        if status["state"] != "ready":
            raise EngineError(f"{self.page.engine}: Python did not load: {status['text']}")
        return status

    # --- the document and presence -------------------------------------------------------

    def editor_text(self) -> str:
        value = self.page.evaluate("() => window.interviewDesk.editorText()")
        assert isinstance(value, str)
        return value

    def wait_text(self, expected: str, contains: bool = False) -> None:
        test = "t.includes(e)" if contains else "t === e"
        self.page.wait_for(
            f"(e) => {{ const t = window.interviewDesk.editorText(); return {test}; }}",
            expected,
            30,
        )

    def type_at_end(self, text: str) -> None:
        """Real keystrokes at the end of the document."""
        self.page.click(f"{by_testid('editor')} .cm-content")
        self.page.press("Control+End")
        self.page.type(text)

    def wait_participants(self, *names: str) -> None:
        self.page.wait_for(
            """(names) => {
              const shown = [...document.querySelectorAll(
                '[data-testid=participants] [data-testid=participant] .participant-name')]
                .map((e) => e.textContent).sort();
              return JSON.stringify(shown) === JSON.stringify(names);
            }""",
            sorted(names),
            30,
        )

    # --- runs ------------------------------------------------------------------------

    def newest(self) -> dict[str, Any] | None:
        value: dict[str, Any] | None = self.page.evaluate(_NEWEST)
        return value

    def wait_code(self, code: str, language: str) -> None:
        """Waits until the shared code and language (set by a peer) have arrived here."""
        self.page.wait_for(
            "([c, l]) => window.interviewDesk.sharedText() === c"
            " && window.interviewDesk.language() === l",
            [code, language],
            30,
        )

    def set_stdin(self, text: str) -> None:
        self.page.fill(by_testid("stdin"), text)

    def press_run(self) -> int:
        """Clicks Run once it is enabled; returns how many entries there were before."""
        self.page.wait_for("(s) => !document.querySelector(s).disabled", by_testid("run-button"))
        newest = self.newest()
        before = 0 if newest is None else int(newest["runs"])
        started = f"(n) => {{ const r = ({_NEWEST})(); return r && r.runs > n; }}"
        self.page.click(by_testid("run-button"))
        try:
            self.page.wait_for(started, before, 15)
        except EngineError:
            # Seen once in ~12 runs of the tier (Chromium, LAN origin): a click that started no
            # run. Say what the page told the person, and press Run again as a person would.
            told = self.page.evaluate(
                "() => [...document.querySelectorAll("
                "'[data-testid=toast], [data-testid=run-notice]')].map(e => e.textContent)"
            )
            print(f"Run started nothing within 15 s; the page said {told!r}; pressing again")
            self.page.click(by_testid("run-button"))
            self.page.wait_for(started, before, 30)
        return before

    def wait_finished(self, timeout_s: float = DEFAULT_WAIT_S) -> Outcome:
        found = self.page.wait_for(
            f"() => {{ const r = ({_NEWEST})(); return r && r.status !== 'running' ? r : null; }}",
            None,
            timeout_s,
        )
        return Outcome(found["status"], found["output"], found["error"], found["by"])

    def wait_running(self) -> None:
        self.page.wait_for(
            f"() => {{ const r = ({_NEWEST})(); return r && r.status === 'running'; }}"
        )

    def run(self, timeout_s: float = DEFAULT_WAIT_S) -> Outcome:
        """Runs the shared code from this page and waits for its result."""
        self.press_run()
        return self.wait_finished(timeout_s)

    def press_stop(self) -> None:
        self.page.wait_for("(s) => !document.querySelector(s).disabled", by_testid("stop-button"))
        self.page.click(by_testid("stop-button"))

    def answer_input(self, line: str) -> bool:
        """Types `line` and Enter into the run's input field if the run asks; False if the run
        finished without asking (this engine has only the stdin box)."""
        asked = self.page.wait_for(
            f"""(s) => {{
              if (document.querySelector(s)) return 'asked';
              const r = ({_NEWEST})();
              return r && r.status !== 'running' ? 'finished' : null; }}""",
            by_testid("stdin-line"),
        )
        if asked != "asked":
            return False
        self.page.click(by_testid("stdin-line"))
        self.page.type(line)
        self.page.press("Enter")
        return True
