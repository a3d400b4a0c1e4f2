"""The tests pane as a person uses it: press Run tests, read the summary and each test's result.
Tests are put in the room the way a host's tools do it: a `set-tests` event with the host key."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from playwright.sync_api import Locator, Page, expect

from tests.runners.run_panel import RESULT_TIMEOUT_MS, RunPanel
from tests.support.relay_process import RelayProcess


@dataclass(frozen=True)
class CaseShown:
    """One test of the pane, as shown."""

    test: str
    status: str
    expected: str
    actual: str
    error: str


def set_tests(
    page: Page, relay: RelayProcess, room: str, tests: list[dict[str, Any]], **options: Any
) -> None:
    """Replaces the room's tests over a host socket of the page's own; waits for the relay."""
    page.evaluate(
        """([url, hello, payload]) => new Promise((resolve, reject) => {
            const socket = new WebSocket(url);
            socket.onopen = () => {
              socket.send(JSON.stringify({type: 'hello', payload: hello}));
              socket.send(JSON.stringify({type: 'set-tests', payload}));
            };
            socket.onmessage = (event) => {
              const message = JSON.parse(event.data);
              if (message.type === 'error') reject(new Error(message.payload.message));
              if (message.type === 'tests' && message.payload.tests.length === payload.tests.length
                  && JSON.stringify(message.payload.tests.map((t) => t.id))
                     === JSON.stringify(payload.tests.map((t) => t.id))) {
                socket.close();
                resolve(null);
              }
            };
        })""",
        [
            f"{relay.ws_url}/ws/{room}/events",
            {"name": "Test tools", "host_key": relay.host_key},
            {"tests": tests, **options},
        ],
    )


@dataclass
class TestsPane:
    """The room's tests pane in one tab."""

    panel: RunPanel

    __test__ = False  # not a test class, whatever pytest thinks of the name

    @property
    def page(self) -> Page:
        return self.panel.page

    @property
    def cases(self) -> Locator:
        return self.page.get_by_test_id("test-case")

    @property
    def summary(self) -> Locator:
        return self.page.get_by_test_id("tests-summary")

    def wait_for_tests(self, count: int) -> None:
        expect(self.cases).to_have_count(count, timeout=RESULT_TIMEOUT_MS)

    def run(self, code: str, language: str, count: int) -> str:
        """Puts `code` in the editor, presses Run tests, waits for every result; the summary."""
        same = self.page.evaluate(
            "([code, language]) => window.interviewDesk.sharedText() === code"
            " && window.interviewDesk.language() === language",
            [code, language],
        )
        if not same:  # typing over a remote cursor can be flaky: only when the code differs
            self.panel.set_code(code, language)
        self.wait_for_tests(count)
        button = self.page.get_by_test_id("tests-button")
        expect(button).to_be_enabled(timeout=RESULT_TIMEOUT_MS)
        before = self.last_run()
        button.click()
        return self.wait_for_results(before)

    def last_run(self) -> str:
        """The id of the test run the pane shows ('' before any)."""
        return self.summary.get_attribute("data-run") or ""

    def wait_for_results(self, before: str = "", *, every_test: bool = True) -> str:
        """Waits until a run other than `before` is shown (with a result for every test, unless
        the run may have left some out: a candidate's run has none for hidden tests)."""
        self.page.wait_for_function(
            """([before, everyTest]) => {
                const run = document.querySelector('[data-testid=tests-summary]').dataset.run;
                const cases = [...document.querySelectorAll('[data-testid=test-case]')];
                return run && run !== before && (!everyTest || cases.every((c) =>
                  ['pass', 'fail', 'error', 'timeout'].includes(c.dataset.status)));
            }""",
            arg=[before, every_test],
            timeout=RESULT_TIMEOUT_MS,
        )
        return self.summary.text_content() or ""

    def shown(self) -> dict[str, CaseShown]:
        """Every test by its name, with what its entry shows."""
        found: list[dict[str, str]] = self.page.evaluate(
            """() => [...document.querySelectorAll('[data-testid=test-case]')].map((c) => {
                const text = (id) => c.querySelector(`[data-testid=${id}]`)?.textContent ?? '';
                return {test: c.querySelector('.test-case-name').textContent,
                        status: c.dataset.status, expected: text('test-expected'),
                        actual: text('test-actual'), error: text('test-error')};
            })"""
        )
        return {case["test"]: CaseShown(**case) for case in found}
