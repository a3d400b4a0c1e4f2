"""The run panel as a person uses it: put code in the editor, press Run, read the newest entry."""

from __future__ import annotations

from dataclasses import dataclass

from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Locator, Page, expect

from tests.support.webui_pages import MOD, RoomPage

#: Loading Pyodide on a busy two-core machine can take several seconds; runs themselves are quick.
RESULT_TIMEOUT_MS = 60_000


@dataclass(frozen=True)
class RunOutcome:
    """One entry of the output panel, as shown."""

    status: str
    output: str
    error: str
    by: str


@dataclass
class RunPanel:
    """The room's run panel in one browser tab."""

    room: RoomPage

    @property
    def page(self) -> Page:
        return self.room.page

    @property
    def entries(self) -> Locator:
        return self.page.get_by_test_id("output").get_by_test_id("run-entry")

    def set_code(self, code: str, language: str | None = None) -> None:
        """Replaces the shared document with `code` (inserted as text: no auto-indent)."""
        if language is not None:
            self.set_language(language)
        for attempt in range(3):
            self.room.editor.locator(".cm-content").click()
            self.page.keyboard.press(f"{MOD}+a")
            if code:
                self.page.keyboard.insert_text(code)
            else:
                self.page.keyboard.press("Delete")
            try:
                self.room.expect_text(code)
                return
            except PlaywrightError:
                if attempt == 2:
                    raise

    def set_language(self, language: str) -> None:
        if self.page.evaluate("window.interviewDesk.language()") != language:
            self.room.select_language(language)
        self.page.wait_for_function("l => window.interviewDesk.language() === l", arg=language)

    def set_time_limit(self, seconds: int) -> None:
        self.page.get_by_test_id("time-limit").fill(str(seconds))

    def set_stdin(self, text: str) -> None:
        self.page.get_by_test_id("stdin").fill(text)

    def start(self, code: str, language: str = "python") -> int:
        """Presses Run; returns how many entries there were before."""
        self.set_code(code, language)
        before = self.entries.count()
        button = self.page.get_by_test_id("run-button")
        expect(button).to_be_enabled(timeout=RESULT_TIMEOUT_MS)
        button.click()
        expect(self.entries).to_have_count(before + 1)
        return before

    def wait_result(self, expected_entries: int | None = None) -> RunOutcome:
        """The newest entry once it has finished."""
        if expected_entries is not None:
            expect(self.entries).to_have_count(expected_entries, timeout=RESULT_TIMEOUT_MS)
        newest = self.entries.first
        expect(newest).not_to_have_attribute("data-status", "running", timeout=RESULT_TIMEOUT_MS)
        return RunOutcome(
            status=newest.get_attribute("data-status") or "",
            output=newest.get_by_test_id("run-output").text_content() or "",
            error=newest.get_by_test_id("run-error").text_content() or "",
            by=newest.get_by_test_id("run-by").text_content() or "",
        )

    def run(self, code: str, language: str = "python") -> RunOutcome:
        """Runs `code` and waits for its result, as this tab shows it."""
        before = self.start(code, language)
        return self.wait_result(before + 1)

    def wait_ready(self) -> None:
        """Waits until the Python runtime has loaded (the progress bar is gone)."""
        expect(self.page.get_by_test_id("runner-status")).to_have_attribute(
            "data-state", "ready", timeout=RESULT_TIMEOUT_MS
        )
