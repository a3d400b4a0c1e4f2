"""The runner benchmark per engine and origin: join → Python ready, join → first output, warm
run and Stop → next output, in Chromium, Firefox ESR and WebKitGTK, each on loopback and on the
LAN-style origin (tests/support/deny_proxy.py). Times come from the page's own clock
(tests/bench/runners_page.py); a Chromium peer writes the code, the engine page runs it."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from typing import Any

from playwright.sync_api import Browser

from tests.bench import runners_page as steps
from tests.runners.run_panel import RunPanel
from tests.support.deny_proxy import shared_proxy
from tests.support.engine_page import Engine, EnginePage, by_testid
from tests.support.engine_room import EngineRoom
from tests.support.relay_process import RelayProcess
from tests.support.webui_pages import RoomPage

ORIGINS = ("loopback", "lan")
PY_GATED_LOOP = (
    "import sys\nif sys.stdin.readline().strip() == 'loop':\n    while True:\n        pass\n"
    "print('ready')"
)

#: Clicks Join; resolves with the times (from the click) to Python ready and to the first
#: output of the shared code, Run being pressed as soon as the code has arrived.
JOIN_READY_AND_RUN = (
    "async (code) => {"
    + steps.WAIT_RESULT
    + """
  const t0 = performance.now();
  let readyMs = null;
  const ready = waitFor(() => {
    const s = document.querySelector('[data-testid=runner-status]');
    if (!s) return false;
    if (s.dataset.state === 'failed' || /failed/i.test(s.textContent)) return 'failed';
    return s.dataset.state === 'ready' ? 'ready' : false;
  }).then((state) => { readyMs = performance.now() - t0; return state; });
  document.querySelector('[data-testid=join-button]').click();
  const button = await waitFor(() => document.querySelector('[data-testid=run-button]'));
  await waitFor(() => window.interviewDesk && window.interviewDesk.sharedText() === code);
  const list = document.querySelector('[data-testid=output]');
  const before = list.querySelectorAll('[data-testid=run-entry]').length;
  await waitFor(() => !button.disabled);
  button.click();
  const result = await waitResult(list, before, t0);
  const state = await ready;
  return { ...result, readyMs, state };
}"""
)


def summary(values: list[float]) -> dict[str, Any]:
    return {
        "median": round(statistics.median(values), 1),
        "min": round(min(values), 1),
        "max": round(max(values), 1),
        "runs": [round(value, 1) for value in values],
    }


def open_join_step(page: EnginePage, base_url: str, room: str) -> None:
    """Opens the room and waits until its join step has settled (an engine that cannot use
    isolation reloads once without it before anyone joins)."""
    page.goto(f"{base_url}/r/{room}")
    page.wait_for_selector(by_testid("join-name"))
    page.wait_for("() => !(self.crossOriginIsolated && typeof SharedArrayBuffer !== 'function')")
    page.wait_for_selector(by_testid("join-name"))


def joins(engine: Engine, base_url: str, room: str, n: int) -> dict[str, Any]:
    """n fresh people (fresh storage, warm HTTP cache where the engine keeps one per context)."""
    ready: list[float] = []
    first: list[float] = []
    for index in range(n):
        page = engine.new_page()
        try:
            open_join_step(page, base_url, room)
            page.fill(by_testid("join-name"), f"Person {index}")
            result = page.evaluate(JOIN_READY_AND_RUN, "print(1+1)")
            assert result["state"] == "ready", result
            assert result["output"] == "2\n", result
            ready.append(result["readyMs"])
            first.append(result["ms"])
        finally:
            page.close()
    return {"python_ready_ms": summary(ready), "first_output_ms": summary(first)}


def warm_and_stop(person: EngineRoom, peer: RunPanel, n: int) -> dict[str, Any]:
    page = person.page
    peer.set_code("print(1+1)", "python")
    person.wait_code("print(1+1)", "python")
    person.wait_python_ready()
    page.evaluate(steps.RUN_ONCE)  # not counted: the first run after joining
    warm: list[float] = []
    for _ in range(n):
        time.sleep(0.3)
        result = page.evaluate(steps.RUN_ONCE)
        assert result["output"] == "2\n", result
        warm.append(result["ms"])
    peer.set_code(PY_GATED_LOOP, "python")
    person.wait_code(PY_GATED_LOOP, "python")
    page.fill(by_testid("time-limit"), "600")
    again: list[float] = []
    for _ in range(n):
        time.sleep(1.0)  # lets a spare interpreter finish loading, as between real runs
        page.fill(by_testid("stdin"), "loop")
        before = page.evaluate(steps.START_LOOP)
        stop_at = int(time.time() * 1000) + 1000
        result = page.evaluate(steps.STOP_AND_RERUN, [before, stop_at, "go"])
        assert (result["status"], result["output"]) == ("stopped", "ready\n"), result
        again.append(result["readyAgainMs"])
    page.fill(by_testid("stdin"), "")
    return {"warm_run_ms": summary(warm), "stop_next_output_ms": summary(again)}


def measure_engine(
    engine: Engine, relay: RelayProcess, peer_browser: Browser, n: int
) -> dict[str, Any]:
    figures: dict[str, Any] = {}
    for origin in ORIGINS:
        lan = origin == "lan"
        base_url = shared_proxy().route(relay.port) if lan else relay.base_url
        room = relay.create_room(f"bench: {engine.name} on {origin}")["room"]
        context = peer_browser.new_context()
        try:
            peer = RunPanel(RoomPage.join(context.new_page(), relay.base_url, room, "Peer"))
            peer.set_code("print(1+1)", "python")
            row: dict[str, Any] = {}
            # A figure that cannot be had is reported as such; the others are still measured.
            try:
                row |= joins(engine, base_url, room, n)
            except Exception as error:
                row["join_error"] = f"{type(error).__name__}: {error}"[:300]
            person = EngineRoom.join(engine.new_page(), base_url, room, "Bench")
            try:
                row |= warm_and_stop(person, peer, n)
            except Exception as error:
                row["run_error"] = f"{type(error).__name__}: {error}"[:300]
            finally:
                person.page.close()
        finally:
            context.close()
        figures[origin] = row
        print(f"{engine.name} on {origin}: {table_cells(row)}", flush=True)
    return figures


def measure_all(
    engines: dict[str, Callable[[], Engine]], relay: RelayProcess, peer: Browser, n: int
) -> dict[str, Any]:
    results: dict[str, Any] = {}
    for name, start in engines.items():
        engine = start()
        try:
            results[name] = {"version": engine.version()} | measure_engine(engine, relay, peer, n)
        except Exception as error:  # one engine failing must not hide the others' figures
            results[name] = {"error": f"{type(error).__name__}: {error}"[:2000]}
            print(f"{name}: failed: {results[name]['error']}", flush=True)
        finally:
            engine.close()
    return results


FIGURES = ("python_ready_ms", "first_output_ms", "warm_run_ms", "stop_next_output_ms")


def table_cells(row: dict[str, Any]) -> str:
    return " | ".join(cell(row.get(key)) for key in FIGURES)


def cell(figures: dict[str, Any] | None) -> str:
    if figures is None:
        return "did not finish"
    median = float(figures["median"])
    return f"{median / 1000:.2f} s" if median >= 1000 else f"{median:.0f} ms"


def markdown_table(results: dict[str, Any]) -> str:
    """README's table: one row per engine and origin, medians."""
    lines = [
        "| engine | origin | join → Python ready | join → first output | warm run"
        " | Stop → next output |",
        "|---|---|---|---|---|---|",
    ]
    for name, figures in results.items():
        for origin in ORIGINS:
            if origin in figures:
                lines.append(f"| {name} | {origin} | {table_cells(figures[origin])} |")
            else:
                lines.append(f"| {name} | {origin} | failed: {figures.get('error', '?')[:80]} |||")
    return "\n".join(lines)
