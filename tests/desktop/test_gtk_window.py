"""The desktop window with pywebview's GTK back end (WebKitGTK, the engine closest to macOS's
WKWebView): the interviewer creates a room in it, joins, and runs Python and JavaScript there,
typing with real keystrokes; closing the window like a window manager ends the app with 0."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.desktop import x11
from tests.desktop.gtk_window import GTK_PYTHON, GtkWindow
from tests.desktop.window_steps import HOST_CONSOLE_READY, TITLE

pytestmark = pytest.mark.window


def by_testid(name: str) -> str:
    return f"document.querySelector('[data-testid=\"{name}\"]')"


#: False while the page is about to reload itself without isolation (it cannot use it there).
SETTLED = "!(self.crossOriginIsolated && typeof SharedArrayBuffer !== 'function')"
NEWEST_RUN = 'document.querySelector(\'[data-testid="output"] [data-testid="run-entry"]\')'
RUNTIME_SETTLED = (
    f"(() => {{ const e = {by_testid('runner-status')};"
    " const failed = e.dataset.state === 'failed' || /failed/i.test(e.textContent);"
    " return failed || e.dataset.state === 'ready' ? [e.dataset.state, e.textContent, failed]"
    " : null; })()"
)


@pytest.fixture
def gtk_window(display: str, tmp_path: Path) -> Iterator[GtkWindow]:
    if not GTK_PYTHON.exists():
        pytest.fail(f"the GTK window test needs {GTK_PYTHON}: run `make setup`")
    window = GtkWindow(tmp_path, display).start()
    try:
        yield window
    finally:
        window.stop()
        print("---- app log ----\n" + window.logs())


def enter_a_new_room(window: GtkWindow) -> None:
    window.wait_for(HOST_CONSOLE_READY)
    window.evaluate(f"{by_testid('new-room-button')}.click(), true")
    window.wait_for(f"{by_testid('room-card')}?.getAttribute('data-room')")
    window.evaluate(f"{by_testid('open-room-button')}.click(), true")
    for _ in range(3):
        window.wait_for(f"location.pathname.startsWith('/r/') && !!{by_testid('join-name')}")
        window.wait_for(SETTLED)
        # An engine that cannot use cross-origin isolation reloads the page once without it,
        # which brings the join step back: join again then.
        before = window.evaluate("location.href")
        window.evaluate(
            f"(() => {{ {by_testid('join-name')}.value = 'Interviewer';"
            f" {by_testid('join-button')}.click(); return true; }})()"
        )
        joined = window.wait_for(
            f"{by_testid('connection-status')} ? 'joined'"
            f" : location.href !== {json.dumps(before)} && {by_testid('join-name')}"
            " ? 'again' : null"
        )
        if joined == "joined":
            break
    window.wait_for(f"{by_testid('connection-status')}?.dataset.state === 'connected'")


def type_code(window: GtkWindow, language: str, code: str) -> None:
    """Chooses the language, then replaces the editor's text with real keystrokes."""
    window.evaluate(
        f"(() => {{ const s = {by_testid('language-select')}; s.value = {json.dumps(language)};"
        " s.dispatchEvent(new Event('change')); return true; })()"
    )
    window.wait_for(f"window.interviewDesk.language() === {json.dumps(language)}")
    window.evaluate("document.querySelector('.cm-content').focus(), true")
    native = x11.wait_for_window(window.display, TITLE)
    x11.xdotool(window.display, "windowfocus", "--sync", str(native))
    x11.xdotool(window.display, "key", "ctrl+a")
    x11.xdotool(window.display, "type", "--delay", "30", code)
    window.wait_for(f"window.interviewDesk.editorText() === {json.dumps(code)}", timeout=30)


def run_in_window(window: GtkWindow) -> dict[str, str]:
    window.wait_for(f"!{by_testid('run-button')}.disabled")
    before = window.evaluate(
        'document.querySelectorAll(\'[data-testid="output"] [data-testid="run-entry"]\').length'
    )
    window.evaluate(f"{by_testid('run-button')}.click(), true")
    window.wait_for(
        'document.querySelectorAll(\'[data-testid="output"] [data-testid="run-entry"]\')'
        f".length > {before} && {NEWEST_RUN}.dataset.status !== 'running'"
    )
    result: dict[str, str] = window.evaluate(
        f"(() => {{ const e = {NEWEST_RUN}; return {{ status: e.dataset.status,"
        " output: e.querySelector('[data-testid=\"run-output\"]').textContent,"
        " error: e.querySelector('[data-testid=\"run-error\"]').textContent }; })()"
    )
    return result


def test_gtk_window_runs_python_and_javascript(gtk_window: GtkWindow) -> None:
    engine = gtk_window.evaluate("navigator.userAgent")
    assert "AppleWebKit" in engine, engine
    assert "Chrome" not in engine, engine
    enter_a_new_room(gtk_window)
    _, text, failed = gtk_window.wait_for(RUNTIME_SETTLED)
    assert not failed, f"Python did not load in the GTK window: {text}"

    type_code(gtk_window, "python", "print(6 * 7)")
    assert run_in_window(gtk_window) == {"status": "ok", "output": "42\n", "error": ""}

    type_code(gtk_window, "javascript", "console.log([1, 2].map(x => x * 3).join())")
    assert run_in_window(gtk_window) == {"status": "ok", "output": "3,6\n", "error": ""}

    [native, *_] = x11.find_windows(gtk_window.display, TITLE)
    x11.send_delete_window(gtk_window.display, native)
    assert gtk_window.wait() == 0, gtk_window.logs()
