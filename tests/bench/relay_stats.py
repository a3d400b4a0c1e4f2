"""Turns load runs and presence trials into the figures the relay benchmark reports."""

from __future__ import annotations

import statistics
from typing import Any

from tests.bench.relay_load import LoadRun

PER_ROOM = 5


def percentile(values: list[float], share: float) -> float | None:
    """Nearest-rank percentile; None when nothing was measured."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def load_summary(run: LoadRun) -> dict[str, Any]:
    """One run's figures (latencies in ms over every edit)."""
    rooms = run.clients // PER_ROOM
    grown_mb = (run.server_rss_bytes - run.server_rss_before_bytes) / 2**20
    return {
        "clients": run.clients,
        "seconds": round(run.seconds, 2),
        "sent": run.sent,
        "completed": run.completed,
        "lost": run.sent - run.completed,
        "socket_closes": run.closes,
        "edits_per_second": round(run.edits_per_second, 1),
        "p50_ms": percentile(run.latencies_ms, 0.50),
        "p99_ms": percentile(run.latencies_ms, 0.99),
        "max_ms": max(run.latencies_ms, default=None),
        "over_20ms": sum(1 for latency in run.latencies_ms if latency > 20),
        "server_cpu_us_per_edit": round(run.cpu_us_per_edit, 1),
        "server_cpu_share": round(run.server_cpu_seconds / run.seconds, 2),
        "server_rss_mb": round(run.server_rss_bytes / 2**20, 1),
        "rss_growth_per_room_kb": round(1024 * grown_mb / max(rooms, 1), 1),
        "generator_cpu_share": [round(share, 2) for share in run.generator_cpu_share],
        "other_cpu_cores": round(run.other_cpu_cores, 2),
    }


def median_of_runs(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """Each numeric figure's median over repeated runs; counts of trouble are summed."""
    merged: dict[str, Any] = {"repeats": len(runs), "runs": runs}
    for key, first in runs[0].items():
        values = [run[key] for run in runs if run[key] is not None]
        if key in ("sent", "completed", "lost", "socket_closes", "over_20ms"):
            merged[key] = sum(values)
        elif isinstance(first, int | float) and values:
            merged[key] = statistics.median(values)
    return merged


def presence_summary(trials: list[dict[str, float | None]]) -> dict[str, Any]:
    """Median and worst of each presence phase; phases that never finished count as timeouts."""
    summary: dict[str, Any] = {"trials": len(trials), "raw": trials}
    for phase in ("seen", "sees", "removed"):
        values = [value for trial in trials if (value := trial[phase]) is not None]
        summary[phase] = {
            "p50_ms": percentile(values, 0.5),
            "max_ms": max(values, default=None),
            "timeouts": len(trials) - len(values),
        }
    return summary
