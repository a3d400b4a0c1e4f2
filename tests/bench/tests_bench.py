"""Run tests benchmark: 20 function tests in Python and in JavaScript, from the click on Run tests
to every result shown in the presser's tab (the relay's stored `test-results` included), median
of N after one run that is not counted.

Run as `.venv/bin/python -m tests.bench.tests_bench [--samples N]`. The real relay, the real room
page in Debian's Chromium and the ordinary runners; times come from the page's own clock.
Writes tests/bench/results/tests.json.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from playwright.sync_api import sync_playwright

from tests.runners.run_panel import RunPanel
from tests.runners.tests_pane import TestsPane, set_tests
from tests.support.chromium import launch_chromium
from tests.support.relay_process import RelayProcess
from tests.support.webui_pages import RoomPage

RESULTS = Path(__file__).resolve().parent / "results" / "tests.json"
TARGET_MS = 300.0
CASES = 20
CODE = {
    "python": "def add(a, b):\n    return a + b\n",
    "javascript": "function add(a, b) { return a + b; }\n",
}

#: Clicks Run tests; resolves with the time until a new run is shown with every test passed.
CLICK_TO_RESULTS = """async (count) => {
  const summary = document.querySelector('[data-testid=tests-summary]');
  const button = document.querySelector('[data-testid=tests-button]');
  const before = summary.dataset.run ?? '';
  const waitFor = (test) => new Promise((resolve) => {
    const check = () => { if (test()) { observer.disconnect(); resolve(); } };
    const observer = new MutationObserver(check);
    observer.observe(document.body, { subtree: true, childList: true, attributes: true });
    check();
  });
  await waitFor(() => !button.disabled);
  const t0 = performance.now();
  button.click();
  await waitFor(() => (summary.dataset.run ?? '') !== before);
  const ms = performance.now() - t0;
  return { ms, summary: summary.textContent, passed: document.querySelectorAll(
    '[data-testid=test-case][data-status=pass]').length === count };
}"""


def tests_for(count: int) -> list[dict[str, Any]]:
    return [
        {"id": f"t{i}", "name": f"add {i}", "kind": "function", "call": f"add({i}, {i})",
         "expected": str(2 * i)}
        for i in range(count)
    ]  # fmt: skip


def measure(samples: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as data_dir:
        relay = RelayProcess(data_dir=Path(data_dir)).start()
        try:
            room = relay.create_room("bench: run tests")["room"]
            with sync_playwright() as driver:
                browser = launch_chromium(driver)
                page = browser.new_context(viewport={"width": 1600, "height": 900}).new_page()
                page.goto(f"{relay.base_url}/r/{room}#host={relay.host_key}")
                panel = RunPanel(RoomPage.join_here(page, "Bench"))
                panel.wait_ready()
                pane = TestsPane(panel)
                set_tests(page, relay, room, tests_for(CASES))
                pane.wait_for_tests(CASES)
                figures: dict[str, Any] = {}
                for language, code in CODE.items():
                    panel.set_code(code, language)
                    page.evaluate(CLICK_TO_RESULTS, CASES)  # not counted: first after a switch
                    times = []
                    for _ in range(samples):
                        result = page.evaluate(CLICK_TO_RESULTS, CASES)
                        assert result["passed"], result
                        assert result["summary"] == f"{CASES}/{CASES} passed", result
                        times.append(result["ms"])
                    figures[language] = {
                        "median": round(statistics.median(times), 1),
                        "min": round(min(times), 1),
                        "max": round(max(times), 1),
                        "runs": [round(t, 1) for t in times],
                    }
                browser.close()
        finally:
            relay.stop()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--samples", type=int, default=5, help="repetitions per figure")
    args = parser.parse_args()
    figures = measure(args.samples)
    print(f"Run tests, {CASES} cases, click → all results shown (median of {args.samples}):")
    for language, figure in figures.items():
        print(f"  {language:<11} {figure['median']:>7.1f} ms  (min {figure['min']}, max "
              f"{figure['max']}; target < {TARGET_MS:.0f} ms)")  # fmt: skip
    document = {
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "cpus": os.cpu_count(),
        "samples": args.samples,
        "cases": CASES,
        "target_ms": TARGET_MS,
        "click_to_all_results_ms": figures,
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(document, indent=2) + "\n")
    print(f"wrote {RESULTS}")


if __name__ == "__main__":
    main()
