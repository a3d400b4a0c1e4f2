"""Runner benchmark: first output after the room opens (cold and warm browser cache), warm run
latency (Python and JavaScript), Stop → ready again (Python with the interrupt buffer, Python
by terminating with a warm spare as on a LAN page without cross-origin isolation, JavaScript),
and Pyodide against native CPython on a small CPU benchmark; then, per engine (Chromium, Firefox
ESR, WebKitGTK) and origin (loopback, LAN-style), join → Python ready, join → first output,
warm run and Stop → next output (tests/bench/runners_engines.py); and per language (chosen →
ready, opened → ready and first output, warm run, cold-start bytes: languages_bench.py).

Run as `.venv/bin/python -m tests.bench.runners_bench [--samples N] [--engines-only]
[--languages-only]`.
Everything goes through the real relay and the real room page in Debian's Chromium; times come
from the page's own clock (tests/bench/runners_page.py). Writes tests/bench/results/runners.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, Page, ViewportSize, sync_playwright

from tests.bench import languages_bench, runners_engines
from tests.bench import runners_page as steps
from tests.runners.run_panel import RunPanel
from tests.support.chromium import CHROMIUM, launch_chromium
from tests.support.chromium_engine import ChromiumEngine
from tests.support.deny_proxy import LAN_NAME
from tests.support.firefox import FirefoxEngine
from tests.support.relay_process import RelayProcess
from tests.support.webkit import WebKitEngine
from tests.support.webui_pages import RoomPage

RESULTS = Path(__file__).resolve().parent / "results" / "runners.json"
TARGETS_MS = {"first_output": 2000.0, "warm_run": 50.0, "ready_again": 200.0}
VIEWPORT: ViewportSize = {"width": 1600, "height": 900}

PY_GATED_LOOP = (
    "import sys\nif sys.stdin.readline().strip() == 'loop':\n    while True:\n        pass\n"
    "print('ready')"
)
JS_GATED_LOOP = "if (Date.now() < GATE) { for (;;) {} }\nconsole.log('ready');"
#: Pure-Python loop, recursive calls, dict and str work; prints the best of five, in seconds.
CPU_CODE = """import time
def work():
    total = 0
    for i in range(300000):
        total += i * i % 7
    def fib(n):
        return n if n < 2 else fib(n - 1) + fib(n - 2)
    fib(20)
    words = {}
    for i in range(50000):
        key = str(i % 1000)
        words[key] = words.get(key, "")[:20] + "x"
    return total
runs = []
for _ in range(5):
    start = time.perf_counter()
    work()
    runs.append(time.perf_counter() - start)
print(f"{min(runs):.4f}")
"""


def summary(values: list[float]) -> dict[str, Any]:
    return {
        "median": round(statistics.median(values), 1),
        "min": round(min(values), 1),
        "max": round(max(values), 1),
        "runs": [round(value, 1) for value in values],
    }


def join(page: Page, relay: RelayProcess, room: str, name: str, query: str = "") -> RunPanel:
    page.goto(f"{relay.base_url}/r/{room}{query}")
    return RunPanel(RoomPage.join_here(page, name))


def first_output(
    browser_for: Callable[[], Browser], relay: RelayProcess, warm: bool, n: int
) -> dict[str, Any]:
    """Join → Run → `2` shown, from the click on Join (the room opens and Python starts)."""
    room = relay.create_room("bench: first output")["room"]
    browser = browser_for()
    setup = join(browser.new_context(viewport=VIEWPORT).new_page(), relay, room, "Setup")
    setup.set_code("print(1+1)", "python")
    context = browser.new_context(viewport=VIEWPORT)
    if warm:  # one load first, so that the HTTP cache holds Pyodide
        join(context.new_page(), relay, room, "Preload").wait_ready()
    times: list[float] = []
    for index in range(n):
        if not warm and index > 0:
            browser.close()
            browser = browser_for()
            context = browser.new_context(viewport=VIEWPORT)
        page = context.new_page()
        page.goto(f"{relay.base_url}/r/{room}")
        page.get_by_test_id("join-name").fill(f"Person {index}")
        result = page.evaluate(steps.JOIN_AND_RUN, "print(1+1)")
        assert result["output"] == "2\n", result
        times.append(result["ms"])
        page.close()
    browser.close()
    return summary(times)


def warm_runs(panel: RunPanel, language: str, code: str, expected: str, n: int) -> dict[str, Any]:
    panel.set_code(code, language)
    panel.page.evaluate(steps.RUN_ONCE)  # not counted: the first run after a language switch
    times: list[float] = []
    for _ in range(n):
        time.sleep(0.3)  # a person's pace between runs (the next JavaScript frame warms up)
        result = panel.page.evaluate(steps.RUN_ONCE)
        assert result["output"] == expected, result
        times.append(result["ms"])
    return summary(times)


def stop_cycles(panel: RunPanel, language: str, n: int, settle_s: float) -> dict[str, Any]:
    stops: list[float] = []
    readies: list[float] = []
    stdin = panel.page.get_by_test_id("stdin")
    for _ in range(n):
        time.sleep(settle_s)  # lets a spare interpreter finish loading, as between real runs
        if language == "python":
            panel.set_code(PY_GATED_LOOP, "python")
            stdin.fill("loop")
            after = "go"
        else:
            gate = int(time.time() * 1000) + 1500
            panel.set_code(JS_GATED_LOOP.replace("GATE", str(gate)), "javascript")
            after = ""
        before = panel.page.evaluate(steps.START_LOOP)
        stop_at = int(time.time() * 1000) + 1600
        result = panel.page.evaluate(steps.STOP_AND_RERUN, [before, stop_at, after])
        assert (result["status"], result["output"]) == ("stopped", "ready\n"), result
        stops.append(result["stopMs"])
        readies.append(result["readyAgainMs"])
    stdin.fill("")
    return {"stop_ms": summary(stops), "ready_again_ms": summary(readies)}


def cpu_ratio(panel: RunPanel) -> dict[str, Any]:
    panel.set_code(CPU_CODE, "python")
    pyodide_s = float(panel.page.evaluate(steps.RUN_ONCE)["output"])
    command = [sys.executable, "-c", CPU_CODE]
    native = subprocess.run(command, capture_output=True, text=True, check=True)
    native_s = float(native.stdout)
    return {
        "pyodide_s": pyodide_s,
        "cpython_s": native_s,
        "cpython_version": platform.python_version(),
        "ratio": round(pyodide_s / native_s, 2),
    }


def chromium_version() -> str:
    reply = subprocess.run([str(CHROMIUM), "--version"], capture_output=True, text=True)
    return reply.stdout.strip().split(" built")[0]


def measure_engines(samples: int) -> dict[str, Any]:
    """The per-engine table; prints it as README shows it."""
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as driver:
        relay = RelayProcess(
            data_dir=Path(tmp) / "relay", extra_args=["--allow-host", LAN_NAME]
        ).start()
        peer = launch_chromium(driver)
        try:
            engines = runners_engines.measure_all(
                {
                    "chromium": lambda: ChromiumEngine.launch(driver),
                    "firefox": FirefoxEngine,
                    "webkit": WebKitEngine,
                },
                relay,
                peer,
                samples,
            )
        finally:
            peer.close()
            relay.stop()
    print(runners_engines.markdown_table(engines))
    return engines


def measure_languages(samples: int) -> dict[str, Any]:
    """The per-language table; prints it as README shows it."""
    figures = languages_bench.measure(samples)
    print(languages_bench.markdown_table(figures))
    return figures


def measure(
    samples: int, engines_only: bool = False, languages_only: bool = False
) -> dict[str, Any]:
    results: dict[str, Any] = {}
    if engines_only:
        return {"engines": measure_engines(samples)}
    if languages_only:
        return {"languages": measure_languages(samples)}
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as driver:
        relay = RelayProcess(data_dir=Path(tmp) / "relay").start()
        try:
            results["first_output_cold_ms"] = first_output(
                lambda: launch_chromium(driver), relay, warm=False, n=samples
            )
            report("first output, cold cache", results["first_output_cold_ms"], "first_output")
            results["first_output_warm_ms"] = first_output(
                lambda: launch_chromium(driver), relay, warm=True, n=samples
            )
            report("first output, warm cache", results["first_output_warm_ms"], "first_output")
            browser = launch_chromium(driver)
            room = relay.create_room("bench: runs")["room"]
            panel = join(browser.new_context(viewport=VIEWPORT).new_page(), relay, room, "Host")
            panel.wait_ready()
            results["python_runtime"] = panel.page.get_by_test_id("runner-status").inner_text()
            results["warm_run_ms"] = {
                "python": warm_runs(panel, "python", "print(1+1)", "2\n", samples * 4),
                "javascript": warm_runs(
                    panel, "javascript", "console.log(1+2)", "3\n", samples * 4
                ),
            }
            for language, figures in results["warm_run_ms"].items():
                report(f"warm run, {language}", figures, "warm_run")
            results["stop"] = {
                "python_interrupt": stop_cycles(panel, "python", samples, settle_s=0.5),
                "javascript": stop_cycles(panel, "javascript", samples, settle_s=0.5),
            }
            lan = join(
                browser.new_context(viewport=VIEWPORT).new_page(),
                relay,
                room,
                "Candidate",
                query="?runner-isolation=off",
            )
            lan.wait_ready()
            results["stop"]["python_terminate_spare"] = stop_cycles(lan, "python", samples, 8.0)
            for kind, figures in results["stop"].items():
                report(f"stop, {kind}: stopped shown", figures["stop_ms"], None)
                report(f"stop, {kind}: ready again", figures["ready_again_ms"], "ready_again")
            results["cpu"] = cpu_ratio(panel)
            print(
                f"CPU benchmark: Pyodide {results['cpu']['pyodide_s']} s, CPython "
                f"{results['cpu']['cpython_version']} {results['cpu']['cpython_s']} s, "
                f"ratio {results['cpu']['ratio']}x"
            )
            browser.close()
        finally:
            relay.stop()
    results["languages"] = measure_languages(samples)
    results["engines"] = measure_engines(samples)
    return results


def report(label: str, figures: dict[str, Any], target: str | None) -> None:
    goal = f" (target < {TARGETS_MS[target]:.0f} ms)" if target else ""
    print(
        f"{label}: median {figures['median']} ms, min {figures['min']}, max {figures['max']}{goal}",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--samples", type=int, default=5, help="repetitions per figure")
    parser.add_argument(
        "--engines-only", action="store_true", help="only the per-engine and origin table"
    )
    parser.add_argument("--languages-only", action="store_true", help="only the per-language table")
    args = parser.parse_args()
    started = time.time()
    results = measure(args.samples, args.engines_only, args.languages_only)
    load = Path("/proc/loadavg").read_text().split()[:3] if Path("/proc/loadavg").exists() else []
    document = {
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
            "chromium": chromium_version(),
            "load_average_after": load,
        },
        "samples": args.samples,
        "targets_ms": TARGETS_MS,
        "seconds": round(time.time() - started, 1),
        **results,
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(document, indent=2) + "\n")
    print(f"wrote {RESULTS}")


if __name__ == "__main__":
    main()
