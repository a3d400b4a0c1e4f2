"""Relay benchmark: our relay against the reference Node y-websocket server, same load, same run.

Run as `.venv/bin/python -m tests.bench.relay_bench`. Prints a table and writes
tests/bench/results/relay.json. Every scenario runs on our relay, then on the
reference, back to back, so machine noise hits both alike.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import psutil  # type: ignore[import-untyped]

from tests.bench.relay_load import LoadRun, run_load, run_presence
from tests.bench.relay_report import render_table
from tests.bench.relay_servers import BenchServer, InterviewDeskRelay, NodeReference

RESULTS = Path(__file__).resolve().parent / "results" / "relay.json"
PACED_CLIENTS = (10, 50, 200)
SATURATION_CLIENTS = 50
PER_ROOM = 5
QUIET_PERCENT = 15.0
MAX_ATTEMPTS = 3
RETRY_BUDGET_SECONDS = 240.0


@dataclass(frozen=True)
class Patience:
    """How long to wait for other work to calm down, and what counts as disturbed."""

    wait_quiet: float  # seconds, before the first run and (up to 10 s) before each attempt
    noisy_cores: float  # other processes' CPU during a run above which it is repeated
    retry_until: float  # time.monotonic() after which nothing is repeated


def percentile(values: list[float], share: float) -> float | None:
    """Nearest-rank percentile; None when nothing was measured."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def load_summary(run: LoadRun) -> dict[str, Any]:
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
        "server_cpu_us_per_edit": round(run.cpu_us_per_edit, 1),
        "server_cpu_share": round(run.server_cpu_seconds / run.seconds, 2),
        "server_rss_mb": round(run.server_rss_bytes / 2**20, 1),
        "server_rss_before_mb": round(run.server_rss_before_bytes / 2**20, 1),
        "rooms": run.clients // PER_ROOM,
        "generator_cpu_share": [round(share, 2) for share in run.generator_cpu_share],
        "other_cpu_cores": round(run.other_cpu_cores, 2),
    }


def presence_summary(trials: list[dict[str, float | None]]) -> dict[str, Any]:
    summary: dict[str, Any] = {"trials": len(trials)}
    for phase in ("seen", "sees", "removed"):
        values = [t[phase] for t in trials if t[phase] is not None]
        summary[phase] = {
            "p50_ms": percentile(values, 0.5),  # type: ignore[arg-type]
            "max_ms": max(values, default=None),  # type: ignore[type-var]
            "timeouts": len(trials) - len(values),
        }
    return summary


def measure(
    servers: list[BenchServer],
    seconds: float,
    saturation_seconds: float,
    trials: int,
    patience: Patience,
) -> dict[str, dict[str, Any]]:
    report: dict[str, dict[str, Any]] = {
        server.name: {"idle_rss_mb": psutil.Process(server.pid).memory_info().rss / 2**20}
        for server in servers
    }
    for clients in PACED_CLIENTS:
        key = f"paced_{clients}"

        def paced(server: BenchServer, clients: int = clients) -> LoadRun:
            print(f"{server.name}: {clients} clients x 10 edits/s for {seconds:g} s", flush=True)
            rooms = server.new_rooms(clients // PER_ROOM)
            return run_load(server, rooms, "paced", seconds, processes=2 if clients > 50 else 1)

        quietest(servers, report, key, paced, patience)

    def saturate(server: BenchServer) -> LoadRun:
        print(f"{server.name}: {SATURATION_CLIENTS} clients, as fast as accepted", flush=True)
        rooms = server.new_rooms(SATURATION_CLIENTS // PER_ROOM)
        return run_load(server, rooms, "saturate", saturation_seconds, processes=2)

    quietest(servers, report, "saturation", saturate, patience)
    for server in servers:
        print(f"{server.name}: presence, {trials} joins and kills", flush=True)
        room = server.new_rooms(1)[0]
        report[server.name]["presence"] = presence_summary(run_presence(server, room, trials))
    for server in servers:
        entry = report[server.name][f"paced_{PACED_CLIENTS[-1]}"]
        grown = entry["server_rss_mb"] - entry["server_rss_before_mb"]
        report[server.name]["rss_per_room_kb"] = round(1024 * grown / entry["rooms"], 1)
    return report


def quietest(
    servers: list[BenchServer],
    report: dict[str, dict[str, Any]],
    key: str,
    run_one: Callable[[BenchServer], LoadRun],
    patience: Patience,
) -> None:
    """Runs a scenario on every server; again while other work disturbed it, within budget."""
    best: dict[str, LoadRun] = {}
    for attempt in range(1, MAX_ATTEMPTS + 1):
        left = patience.retry_until - time.monotonic()
        if patience.wait_quiet > 0 and left > 0:
            wait_for_quiet(min(10.0, patience.wait_quiet, left))
        runs = {server.name: run_one(server) for server in servers}
        for name, run in runs.items():
            report[name]["edits_sent_all_runs"] = (
                report[name].get("edits_sent_all_runs", 0) + run.sent
            )
        noise = max(run.other_cpu_cores for run in runs.values())
        if not best or noise < max(run.other_cpu_cores for run in best.values()):
            best = runs
        if (
            noise <= patience.noisy_cores
            or attempt == MAX_ATTEMPTS
            or time.monotonic() > patience.retry_until
        ):
            break
        print(f"  other work took {noise:.2f} cores during that run; running it again", flush=True)
    for name, run in best.items():
        report[name][key] = {**load_summary(run), "attempts": attempt}


def durability(relay: InterviewDeskRelay, report: dict[str, Any]) -> dict[str, int]:
    """Every edit sent to our relay must still be there after SIGKILL and a restart."""
    relay.crash_and_restart()
    return {
        "edits_sent": report["edits_sent_all_runs"],
        "characters_after_sigkill_restart": relay.stored_characters(),
    }


def use_realtime_scheduling() -> bool:
    """SCHED_RR for this process and so for the servers and generators it starts.

    On a shared 2-core machine other work otherwise decides the latencies. Every
    loop here is bounded in time, and the kernel still keeps 5% of each second
    for normal processes.
    """
    try:
        os.sched_setscheduler(0, os.SCHED_RR, os.sched_param(10))
    except PermissionError:
        print("note: not allowed to use real-time scheduling; other work adds noise")
        return False
    return True


def wait_for_quiet(limit: float) -> float:
    """Waits (bounded) until other work leaves the machine mostly idle; returns its busy %."""
    deadline = time.monotonic() + limit
    while True:
        busy = float(psutil.cpu_percent(interval=2))
        if busy < QUIET_PERCENT or time.monotonic() > deadline:
            if busy >= QUIET_PERCENT:
                print(
                    f"warning: the machine is {busy:.0f}% busy with other work; figures are noisy"
                )
            return busy
        print(f"waiting for a quiet machine ({busy:.0f}% busy)", flush=True)


def machine() -> dict[str, Any]:
    node = subprocess.run(["node", "--version"], capture_output=True, text=True, check=False)
    return {
        "cores": psutil.cpu_count(),
        # Servers and load generators inherit both: `chrt -r 10` keeps other work from
        # delaying them on a shared machine.
        "niceness": os.nice(0),
        "scheduler": {os.SCHED_OTHER: "SCHED_OTHER", os.SCHED_RR: "SCHED_RR"}.get(
            os.sched_getscheduler(0), str(os.sched_getscheduler(0))
        ),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "node": node.stdout.strip(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0, help="length of each load run")
    parser.add_argument("--saturation-seconds", type=float, default=5.0)
    parser.add_argument("--presence-trials", type=int, default=10)
    parser.add_argument("--output", type=Path, default=RESULTS)
    parser.add_argument(
        "--wait-quiet",
        type=float,
        help="seconds to wait for an idle machine (default 0 with real-time scheduling, else 120)",
    )
    parser.add_argument(
        "--noisy-cores",
        type=float,
        help="repeat a run if others took more CPU (default: never with real-time, else 0.3)",
    )
    parser.add_argument(
        "--no-realtime",
        dest="realtime",
        action="store_false",
        help="leave the servers and load generators in the normal scheduling class",
    )
    args = parser.parse_args()
    realtime = args.realtime and use_realtime_scheduling()
    if args.wait_quiet is None:
        args.wait_quiet = 0.0 if realtime else 120.0
    if args.noisy_cores is None:
        args.noisy_cores = float("inf") if realtime else 0.3
    busy_at_start = wait_for_quiet(args.wait_quiet)
    patience = Patience(args.wait_quiet, args.noisy_cores, time.monotonic() + RETRY_BUDGET_SECONDS)
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="relay-bench-") as data_dir:
        relay = InterviewDeskRelay(Path(data_dir))
        reference = NodeReference()
        try:
            report = measure(
                [relay, reference],
                args.seconds,
                args.saturation_seconds,
                args.presence_trials,
                patience,
            )
            report[relay.name]["durability"] = durability(relay, report[relay.name])
        finally:
            relay.stop()
            reference.stop()
    document = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {**machine(), "busy_percent_before_start": busy_at_start},
        "settings": {
            "seconds_per_paced_run": args.seconds,
            "seconds_per_saturation_run": args.saturation_seconds,
            "clients_per_room": PER_ROOM,
            "paced_rate_per_client": 10,
            "saturation_window": 4,
            "presence_trials": args.presence_trials,
            "repeat_runs_above_other_cores": None if realtime else args.noisy_cores,
        },
        "ours": relay.name,
        "reference": reference.name,
        "servers": report,
        "wall_seconds": round(time.monotonic() - started, 1),
    }
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(document, indent=2) + "\n")
    print(render_table(document))
    print(f"\nwrote {args.output}")


if __name__ == "__main__":
    main()
