"""Relay benchmark: our relay against the reference Node y-websocket server, same load, same run.

Run as `.venv/bin/python -m tests.bench.relay_bench`. Prints a table and writes
tests/bench/results/relay.json. Every scenario runs on both servers back to
back, alternating which goes first, and is repeated; the table shows medians.
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
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import psutil

from tests.bench.relay_load import LoadRun, run_load, run_presence
from tests.bench.relay_report import render_table
from tests.bench.relay_servers import BenchServer, InterviewDeskRelay, NodeReference
from tests.bench.relay_stats import PER_ROOM, load_summary, median_of_runs, presence_summary

RESULTS = Path(__file__).resolve().parent / "results" / "relay.json"
PACED_CLIENTS = (10, 50, 200)
SATURATION_CLIENTS = 50
SATURATION_WINDOW = 4
QUIET_PERCENT = 15.0
CLIENT_PRIORITY = 10  # SCHED_RR priorities, when allowed
SERVER_PRIORITY = 20


class Bench:
    """The servers, the settings, and every figure gathered so far."""

    def __init__(self, servers: list[BenchServer], args: argparse.Namespace) -> None:
        self.servers = servers
        self.args = args
        self.report: dict[str, dict[str, Any]] = {
            server.name: {"idle_rss_mb": psutil.Process(server.pid).memory_info().rss / 2**20}
            for server in servers
        }
        self.sent: dict[str, int] = {server.name: 0 for server in servers}

    def scenario(self, key: str, run_one: Callable[[BenchServer], LoadRun]) -> None:
        """Runs `run_one` on every server, `repeats` times, alternating who goes first."""
        runs: dict[str, list[dict[str, Any]]] = {server.name: [] for server in self.servers}
        for repeat in range(self.args.repeats):
            order = self.servers if repeat % 2 == 0 else self.servers[::-1]
            for server in order:
                run = run_one(server)
                self.sent[server.name] += run.sent
                runs[server.name].append(load_summary(run))
        for name, summaries in runs.items():
            self.report[name][key] = median_of_runs(summaries)

    def run(self) -> dict[str, dict[str, Any]]:
        seconds = self.args.seconds
        for clients in PACED_CLIENTS:

            def paced(server: BenchServer, clients: int = clients) -> LoadRun:
                print(f"{server.name}: {clients} clients x 10 edits/s, {seconds:g} s", flush=True)
                rooms = server.new_rooms(clients // PER_ROOM)
                processes = 2 if clients > 50 else 1
                return run_load(server, rooms, "paced", seconds, processes=processes)

            self.scenario(f"paced_{clients}", paced)

        def saturate(server: BenchServer) -> LoadRun:
            print(f"{server.name}: {SATURATION_CLIENTS} clients as fast as accepted", flush=True)
            rooms = server.new_rooms(SATURATION_CLIENTS // PER_ROOM)
            window, length = SATURATION_WINDOW, self.args.saturation_seconds
            return run_load(server, rooms, "saturate", length, processes=2, window=window)

        self.scenario("saturation", saturate)
        for server in self.servers:
            print(f"{server.name}: presence, {self.args.presence_trials} joins and kills")
            room = server.new_rooms(1)[0]
            trials = run_presence(server, room, self.args.presence_trials)
            self.report[server.name]["presence"] = presence_summary(trials)
        return self.report

    def durability(self, relay: InterviewDeskRelay) -> None:
        """Every edit sent to our relay must still be there after SIGKILL and a restart."""
        relay.crash_and_restart()  # the restarted relay inherits CLIENT_PRIORITY: no matter
        self.report[relay.name]["durability"] = {
            "edits_sent": self.sent[relay.name],
            "characters_after_sigkill_restart": relay.stored_characters(),
        }


def raise_server_priority(servers: list[BenchServer]) -> None:
    """Servers above the load generators: as if the clients were on other machines."""
    for server in servers:
        os.sched_setscheduler(server.pid, os.SCHED_RR, os.sched_param(SERVER_PRIORITY))


def use_realtime_scheduling() -> bool:
    """SCHED_RR for this process and so for the servers and generators it starts.

    On a shared 2-core machine other work otherwise decides the latencies. Every
    loop here is bounded in time, and the kernel keeps 5% of each second for
    normal processes.
    """
    try:
        os.sched_setscheduler(0, os.SCHED_RR, os.sched_param(CLIENT_PRIORITY))
    except PermissionError:
        print("note: real-time scheduling is not allowed here; other work adds noise")
        return False
    return True


def wait_for_quiet(limit: float) -> float:
    """Waits (bounded) until other work leaves the machine mostly idle; returns its busy %."""
    deadline = time.monotonic() + limit
    while True:
        busy = float(psutil.cpu_percent(interval=2))
        if busy < QUIET_PERCENT or time.monotonic() > deadline:
            if busy >= QUIET_PERCENT:
                print(f"warning: the machine is {busy:.0f}% busy with other work")
            return busy
        print(f"waiting for a quiet machine ({busy:.0f}% busy)", flush=True)


def machine(busy_percent: float) -> dict[str, Any]:
    node = subprocess.run(["node", "--version"], capture_output=True, text=True, check=False)
    policy = os.sched_getscheduler(0)
    return {
        "cores": psutil.cpu_count(),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "node": node.stdout.strip(),
        # The load generators inherit these; the servers are raised above them.
        "scheduler": (
            f"SCHED_RR, servers at {SERVER_PRIORITY}, load generators at {CLIENT_PRIORITY}"
            if policy == os.SCHED_RR
            else "SCHED_OTHER"
        ),
        "niceness": os.nice(0),
        "busy_percent_before_start": busy_percent,
    }


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--seconds", type=float, default=10.0, help="length of each paced run")
    parser.add_argument("--saturation-seconds", type=float, default=5.0)
    parser.add_argument("--repeats", type=int, default=3, help="runs of each load scenario")
    parser.add_argument("--presence-trials", type=int, default=10)
    parser.add_argument("--output", type=Path, default=RESULTS)
    parser.add_argument(
        "--no-realtime",
        dest="realtime",
        action="store_false",
        help="leave servers and load generators in the normal scheduling class",
    )
    parser.add_argument(
        "--wait-quiet",
        type=float,
        help="seconds to wait for an idle machine first (default: 0 real-time, else 120)",
    )
    return parser.parse_args()


def main() -> None:
    args = parse_args()
    realtime = args.realtime and use_realtime_scheduling()
    busy = wait_for_quiet(
        args.wait_quiet if args.wait_quiet is not None else 0 if realtime else 120
    )
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="relay-bench-") as data_dir:
        relay = InterviewDeskRelay(Path(data_dir))
        reference = NodeReference()
        try:
            if realtime:
                raise_server_priority([relay, reference])
            bench = Bench([relay, reference], args)
            report = bench.run()
            bench.durability(relay)
        finally:
            relay.stop()
            reference.stop()
    document = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": machine(busy),
        "settings": {
            "seconds_per_paced_run": args.seconds,
            "seconds_per_saturation_run": args.saturation_seconds,
            "repeats": args.repeats,
            "clients_per_room": PER_ROOM,
            "paced_rate_per_client": 10,
            "saturation_window": SATURATION_WINDOW,
            "presence_trials": args.presence_trials,
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
