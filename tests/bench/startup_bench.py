"""Start-up benchmark: stock Pyodide (`loadPyodide` in a plain worker, the same files from the
same relay) against our runner (snapshot, files fetched by the page), side by side in one run.

Figures: page open → Python ready and → first output (`print(1+1)` shown), cold and warm
browser cache; our join click → ready and → first output; a cold join over a throttled link
(DevTools network emulation, 20 Mbit/s and 5 ms) with the Pyodide bytes on the wire; and, on a
page without cross-origin isolation, Stop → the next output (warm spare) and Stop → the
replacement spare ready, all in Chromium; then, in Firefox ESR and WebKitGTK, open → first
output and join → first output, ours against stock, cold and warm (startup_engines.py).
Run as `.venv/bin/python -m tests.bench.startup_bench [--samples N]`; writes
tests/bench/results/startup.json.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, BrowserContext, Page, ViewportSize, sync_playwright

from tests.bench import startup_pages as steps
from tests.bench.startup_engines import measure_engines
from tests.runners.run_panel import RunPanel
from tests.support.chromium import launch_chromium
from tests.support.relay_process import RelayProcess
from tests.support.webui_pages import RoomPage

RESULTS = Path(__file__).resolve().parent / "results" / "startup.json"
VIEWPORT: ViewportSize = {"width": 1400, "height": 900}
#: 20 Mbit/s both ways, 5 ms latency (DevTools wants bytes per second).
THROTTLE = {
    "offline": False,
    "latency": 5,
    "downloadThroughput": 2_500_000,
    "uploadThroughput": 2_500_000,
}
SPARE_LOOP = (
    "import sys\nif sys.stdin.readline().strip() == 'loop':\n"
    "    print('spinning', flush=True)\n    while True:\n        pass\nprint('ready')"
)
TARGETS = {
    "warm_join_to_output_ms": 1000.0,
    "ratio_to_stock": 0.6,
    "throttled_cold_join_ms": 3000.0,
    "spare_after_stop_ms": 1000.0,
}


def summary(values: list[float]) -> dict[str, Any]:
    return {
        "median": round(statistics.median(values), 1),
        "min": round(min(values), 1),
        "max": round(max(values), 1),
        "runs": [round(value, 1) for value in values],
    }


def throttle(page: Page) -> None:
    session = page.context.new_cdp_session(page)
    session.send("Network.enable")
    session.send("Network.emulateNetworkConditions", THROTTLE)


def stock_once(context: BrowserContext, url: str, slow: bool) -> dict[str, Any]:
    page = context.new_page()
    if slow:
        throttle(page)
    page.goto(url)
    result: dict[str, Any] = page.evaluate("window.stock")
    assert result["output"] == "2", result
    page.close()
    return result


def ours_once(context: BrowserContext, url: str, name: str, slow: bool) -> dict[str, Any]:
    page = context.new_page()
    if slow:
        throttle(page)
    page.goto(url)
    page.get_by_test_id("join-name").fill(name)
    result: dict[str, Any] = page.evaluate(steps.JOIN_AND_RUN)
    assert result["output"] == "2\n", result
    files = page.evaluate(steps.WIRE_BYTES, result["startup"])
    result["wire"] = sum(entry["transferSize"] for entry in files)
    result["files"] = files
    page.close()
    return result


def compare(
    browser: Browser,
    relay: RelayProcess,
    room: str,
    stock_url: str,
    *,
    warm: bool,
    slow: bool,
    n: int,
) -> dict[str, Any]:
    """n joins of each, interleaved, each in a fresh context (cold) or one primed context each."""
    ours: list[dict[str, Any]] = []
    stock: list[dict[str, Any]] = []
    room_url = f"{relay.base_url}/r/{room}"
    primed: tuple[BrowserContext, BrowserContext] | None = None
    if warm:
        primed = (browser.new_context(viewport=VIEWPORT), browser.new_context(viewport=VIEWPORT))
        ours_once(primed[0], room_url, "Primer", False)
        stock_once(primed[1], stock_url, False)
    for index in range(n):
        for kind, results in (("ours", ours), ("stock", stock)):
            context = (
                (primed[0] if kind == "ours" else primed[1])
                if primed
                else browser.new_context(viewport=VIEWPORT)
            )
            if kind == "ours":
                results.append(ours_once(context, room_url, f"Person {index}", slow))
            else:
                results.append(stock_once(context, stock_url, slow))
            if not primed:
                context.close()
    if primed:
        for context in primed:
            context.close()

    def figure(
        rows: list[dict[str, Any]], key: Callable[[dict[str, Any]], float]
    ) -> dict[str, Any]:
        return summary([key(row) for row in rows])

    return {
        "ours": {
            "open_to_ready_ms": figure(ours, lambda r: r["readyMs"]),
            "open_to_output_ms": figure(ours, lambda r: r["outputMs"]),
            "join_to_ready_ms": figure(ours, lambda r: max(0.0, r["readyMs"] - r["joinMs"])),
            "join_to_output_ms": figure(ours, lambda r: r["outputMs"] - r["joinMs"]),
            "wire_bytes": figure(ours, lambda r: r["wire"]),
            "started": sorted({r["startup"]["how"] for r in ours}),
            "steps_ms": per_key(ours, "steps"),
            "fetched_by_page_ms": per_key(ours, "fetchedByPage"),
            "files": ours[-1]["files"],
        },
        "stock": {
            "open_to_ready_ms": figure(stock, lambda r: r["readyMs"]),
            "open_to_output_ms": figure(stock, lambda r: r["outputMs"]),
            "wire_bytes": figure(stock, lambda r: r["wire"]),
        },
    }


def per_key(rows: list[dict[str, Any]], field: str) -> dict[str, Any]:
    """Each key of the start-up records' `field` (steps, page fetches), summarised over rows."""
    keys = rows[0]["startup"][field]
    return {key: summary([row["startup"][field].get(key, 0.0) for row in rows]) for key in keys}


def spare_cycles(browser: Browser, relay: RelayProcess, room: str, n: int) -> dict[str, Any]:
    page = browser.new_context(viewport=VIEWPORT).new_page()
    page.goto(f"{relay.base_url}/r/{room}?runner-isolation=off")
    panel = RunPanel(RoomPage.join_here(page, "Stopper"))
    panel.wait_ready()
    panel.set_code(SPARE_LOOP, "python")
    again: list[float] = []
    spare: list[float] = []
    for _ in range(n):
        page.wait_for_function(
            "document.querySelectorAll('iframe[data-python-startup]').length >= 2"
        )
        time.sleep(1.0)  # the stopped worker's core is free again, as between real runs
        panel.set_stdin("loop")
        result = page.evaluate(steps.STOP_AND_SPARE)
        assert result["output"] == "ready\n", result
        again.append(result["againMs"])
        spare.append(result["spareReadyMs"])
    page.context.close()
    return {"stop_to_next_output_ms": summary(again), "stop_to_new_spare_ready_ms": summary(spare)}


def measure(samples: int) -> dict[str, Any]:
    results: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as driver:
        relay = RelayProcess(data_dir=Path(tmp) / "relay").start()
        stock_server = steps.StockServer(f"{relay.base_url}/pyodide/").start()
        try:
            browser = launch_chromium(driver)
            room = relay.create_room("bench: start-up")["room"]
            # The other engines get a room of their own (the spare cycles change this one's code).
            engines_room = relay.create_room("bench: start-up in other engines")["room"]
            for each in (engines_room, room):
                setup = browser.new_context(viewport=VIEWPORT).new_page()
                setup.goto(f"{relay.base_url}/r/{each}")
                RunPanel(RoomPage.join_here(setup, "Setup")).set_code("print(1+1)", "python")
                if each != room:
                    setup.context.close()
            stock_url = f"http://127.0.0.1:{stock_server.port}/stock.html"
            for label, warm, slow, n in (
                ("cold", False, False, samples),
                ("warm", True, False, samples),
                ("cold_20mbit", False, True, max(3, samples // 2)),
            ):
                results[label] = compare(browser, relay, room, stock_url, warm=warm, slow=slow, n=n)
                report(label, results[label])
            setup.context.close()
            results["spare"] = spare_cycles(browser, relay, room, samples)
            print(
                f"spare (no isolation): Stop → next output median "
                f"{results['spare']['stop_to_next_output_ms']['median']} ms, Stop → new spare "
                f"ready {results['spare']['stop_to_new_spare_ready_ms']['median']} ms",
                flush=True,
            )
            browser.close()
            results["engines"] = measure_engines(
                f"{relay.base_url}/r/{engines_room}", stock_url, max(3, samples // 2)
            )
        finally:
            stock_server.stop()
            relay.stop()
    return results


def report(label: str, figures: dict[str, Any]) -> None:
    ours, stock = figures["ours"], figures["stock"]
    ratio = ours["open_to_output_ms"]["median"] / stock["open_to_output_ms"]["median"]
    print(
        f"{label}: ours open→ready {ours['open_to_ready_ms']['median']} ms, open→output "
        f"{ours['open_to_output_ms']['median']} ms, join→output "
        f"{ours['join_to_output_ms']['median']} ms ({'/'.join(ours['started'])}, "
        f"{ours['wire_bytes']['median'] / 1e6:.2f} MB); stock "
        f"open→ready {stock['open_to_ready_ms']['median']} ms, open→output "
        f"{stock['open_to_output_ms']['median']} ms ({stock['wire_bytes']['median'] / 1e6:.2f} MB);"
        f" ratio {ratio:.2f}",
        flush=True,
    )
    figures["ratio_open_to_output"] = round(ratio, 2)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--samples", type=int, default=5, help="joins per figure")
    args = parser.parse_args()
    load_before = os.getloadavg()
    started = time.time()
    results = measure(args.samples)
    document = {
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {
            "cpus": os.cpu_count(),
            "load_average_before": [round(x, 2) for x in load_before],
            "load_average_after": [round(x, 2) for x in os.getloadavg()],
        },
        "samples": args.samples,
        "targets": TARGETS,
        "seconds": round(time.time() - started, 1),
        **results,
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(document, indent=2) + "\n")
    print(
        f"load average before {document['machine']['load_average_before']}, after "
        f"{document['machine']['load_average_after']}; wrote {RESULTS}"
    )


if __name__ == "__main__":
    main()
