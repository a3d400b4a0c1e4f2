"""User code inside the real window: it cannot reach the shell, and cannot freeze the page.

QtWebEngine ran sandboxed frames in the page's own renderer until the shell
turned on --site-per-process; these tests run hostile code in both languages
in the interviewer's own window and watch the page keep working.
"""

from __future__ import annotations

import json
import time
from collections.abc import AsyncIterator, Callable

import pytest

from tests.desktop.app_process import AppProcess
from tests.desktop.cdp import PageSession, WindowPage
from tests.desktop.window_steps import (
    NEWEST_RUN,
    choose_language,
    close_like_a_window_manager,
    create_room_in_window,
    enter_room_as_host,
    finished_run,
    replace_code,
    run_code,
    start_run,
)

pytestmark = pytest.mark.window

Launch = Callable[..., AppProcess]

JS_PROBE = """
const probes = {
  parent: () => typeof parent.pywebview,
  top: () => typeof top.pywebview,
  self: () => typeof self.pywebview,
  qt: () => typeof parent.qt,
  call: () => typeof parent.pywebview._bridge.call,
};
for (const [name, probe] of Object.entries(probes)) {
  let seen;
  try { seen = probe(); } catch (error) { seen = 'blocked ' + error.name; }
  console.log(name + ': ' + seen);
}
"""

PY_PROBE = """
import js
for name in ("pywebview", "parent", "top", "qt"):
    try:
        print(name + ":", type(getattr(js, name)).__name__)
    except Exception as error:
        print(name + ":", "blocked", type(error).__name__)
try:
    print("eval:", js.eval("typeof parent.pywebview"))
except Exception as error:
    print("eval:", "blocked", type(error).__name__)
"""


@pytest.fixture
async def room_page(display: str, launch: Launch) -> AsyncIterator[PageSession]:
    """The interviewer's window, inside a fresh room, with Python loaded."""
    app = launch(display)
    app.wait_for_port()
    async with WindowPage(app.devtools_port) as page:
        await create_room_in_window(page)
        await enter_room_as_host(page)
        await page.wait_for("!!document.querySelector('[data-testid=\"run-button\"]')")
        yield page
    close_like_a_window_manager(app)
    assert app.wait() == 0, app.logs()


async def test_the_page_itself_has_the_bridge_the_probes_look_for(room_page: PageSession) -> None:
    # Without this, the probes below could pass because there is nothing to find. pywebview
    # injects the bridge after the page has loaded, so a busy machine may see it late.
    await room_page.wait_for("typeof window.pywebview === 'object'")
    assert await room_page.evaluate("typeof window.pywebview") == "object"


async def test_javascript_user_code_cannot_reach_the_python_bridge(room_page: PageSession) -> None:
    result = await run_code(room_page, "javascript", JS_PROBE)
    lines = dict(line.split(": ", 1) for line in result["output"].strip().splitlines())
    assert set(lines) == {"parent", "top", "self", "qt", "call"}, result
    for name, seen in lines.items():
        assert seen == "undefined" or seen.startswith("blocked"), (name, seen)


async def test_python_user_code_cannot_reach_the_python_bridge(room_page: PageSession) -> None:
    result = await run_code(room_page, "python", PY_PROBE)
    lines = dict(line.split(": ", 1) for line in result["output"].strip().splitlines())
    assert set(lines) == {"pywebview", "parent", "top", "qt", "eval"}, result
    for name, seen in lines.items():
        assert seen.startswith("blocked") or seen in ("undefined", "JsNull"), (name, seen)


async def page_keeps_working(page: PageSession) -> None:
    """Timers fire and the DOM updates while user code spins."""
    for _ in range(5):
        fired = await page.evaluate(
            "new Promise(done => setTimeout(() => done(performance.now()), 20))"
        )
        assert isinstance(fired, float | int)
        assert await page.evaluate(f"{NEWEST_RUN}.dataset.status") == "running"


@pytest.mark.parametrize(
    ("language", "loop", "after"),
    [
        ("javascript", "while (true) {}", "console.log(6 * 7)"),
        ("python", "while True:\n    pass", "print(6 * 7)"),
    ],
)
async def test_runaway_loop_leaves_the_window_responsive_and_stop_ends_it(
    room_page: PageSession, language: str, loop: str, after: str
) -> None:
    await room_page.evaluate(
        "(() => { const l = document.querySelector('[data-testid=\"time-limit\"]');"
        " l.value = '600'; l.dispatchEvent(new Event('change')); return true; })()"
    )
    await choose_language(room_page, language)
    await replace_code(room_page, loop)
    await start_run(room_page)
    await room_page.wait_for(f"{NEWEST_RUN}.dataset.status === 'running'")
    await page_keeps_working(room_page)

    started = time.monotonic()
    await room_page.evaluate(
        "document.querySelector('[data-testid=\"stop-button\"]').click(), true"
    )
    stopped = await finished_run(room_page)
    assert stopped["error"].startswith("Stopped:"), stopped
    assert time.monotonic() - started < 60  # a bound on the test, not a speed target

    result = await run_code(room_page, language, after)
    assert (result["output"].strip(), result["error"]) == ("42", ""), json.dumps(result)
