"""Start-up in Firefox ESR and WebKitGTK (the engine of Safari and the macOS window), for the
start-up benchmark: our room page against stock Pyodide, each opened in a fresh page (cold
cache) and then opened again in the same page (warm cache), on loopback.

There is no network emulation outside Chromium's DevTools, so these engines get no throttled
figure. WebKit opens the room with `?runner-isolation=off`, where a candidate lands after the
one reload that drops isolation (a blob: worker in a sandboxed frame does not start there with
COEP): the figure is a join, not that first visit's reload.
"""

from __future__ import annotations

import statistics
from typing import Any

from tests.bench import startup_pages as steps
from tests.support.engine_page import Engine, EnginePage, by_testid
from tests.support.firefox import FirefoxEngine
from tests.support.webkit import WebKitEngine

#: The stock page's promise, as the evaluate call's result.
STOCK_RESULT = "() => window.stock"


def _ours(page: EnginePage, url: str, name: str) -> dict[str, float]:
    page.goto(url)
    page.wait_for_selector(by_testid("join-name"))
    page.fill(by_testid("join-name"), name)
    result: dict[str, Any] = page.evaluate(steps.JOIN_AND_RUN)
    assert result["output"] == "2\n", result
    how = (result.get("startup") or {}).get("how")
    return {
        "open_to_output_ms": result["outputMs"],
        # Python may be ready before the join click (it starts with the page).
        "join_to_ready_ms": max(0.0, (result["readyMs"] or result["outputMs"]) - result["joinMs"]),
        "join_to_output_ms": result["outputMs"] - result["joinMs"],
        "snapshot": 1.0 if how == "snapshot" else 0.0,
    }


def _stock(page: EnginePage, url: str) -> dict[str, float]:
    page.goto(url)
    result: dict[str, Any] = page.evaluate(STOCK_RESULT, None)
    assert result["output"] == "2", result
    return {"open_to_output_ms": result["outputMs"]}


def _median(rows: list[dict[str, float]], key: str) -> float:
    return round(statistics.median(row[key] for row in rows), 1)


def measure_engine(engine: Engine, room_url: str, stock_url: str, n: int) -> dict[str, Any]:
    """n rounds, each: ours cold then warm in one page, stock cold then warm in another."""
    rows: dict[str, list[dict[str, float]]] = {
        "ours_cold": [],
        "ours_warm": [],
        "stock_cold": [],
        "stock_warm": [],
    }
    for index in range(n):
        page = engine.new_page()
        try:
            rows["ours_cold"].append(_ours(page, room_url, f"Cold {index}"))
            rows["ours_warm"].append(_ours(page, room_url, f"Warm {index}"))
        finally:
            page.close()
        page = engine.new_page()
        try:
            rows["stock_cold"].append(_stock(page, stock_url))
            rows["stock_warm"].append(_stock(page, stock_url))
        finally:
            page.close()
    figures: dict[str, Any] = {}
    for cache in ("cold", "warm"):
        ours, stock = rows[f"ours_{cache}"], rows[f"stock_{cache}"]
        open_ours = _median(ours, "open_to_output_ms")
        open_stock = _median(stock, "open_to_output_ms")
        figures[cache] = {
            "ours_open_to_output_ms": open_ours,
            "ours_join_to_ready_ms": _median(ours, "join_to_ready_ms"),
            "ours_join_to_output_ms": _median(ours, "join_to_output_ms"),
            "stock_open_to_output_ms": open_stock,
            "ratio_open_to_output": round(open_ours / open_stock, 2),
            "from_snapshot": f"{sum(row['snapshot'] for row in ours):.0f} of {len(ours)}",
            "runs": rows[f"ours_{cache}"],
        }
    return figures


def measure_engines(room_url: str, stock_url: str, n: int) -> dict[str, Any]:
    results: dict[str, Any] = {}
    for name in ("firefox", "webkit"):
        engine: Engine = FirefoxEngine() if name == "firefox" else WebKitEngine()
        try:
            query = "?runner-isolation=off" if name == "webkit" else ""
            results[name] = {"version": engine.version()}
            results[name].update(measure_engine(engine, room_url + query, stock_url, n))
        finally:
            engine.close()
        for cache in ("cold", "warm"):
            figures = results[name][cache]
            print(
                f"{name} {cache}: ours open→output {figures['ours_open_to_output_ms']} ms, "
                f"join→ready {figures['ours_join_to_ready_ms']} ms, "
                f"join→output {figures['ours_join_to_output_ms']} ms "
                f"(snapshot {figures['from_snapshot']}); stock open→output "
                f"{figures['stock_open_to_output_ms']} ms; ratio {figures['ratio_open_to_output']}",
                flush=True,
            )
    return results
