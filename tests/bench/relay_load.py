"""Drives the Node load generators and the presence probe, and watches the server's CPU.

The generators connect, report `ready`, and start on one `go` line, so the server's
CPU time is sampled exactly around the load and not around the connection set-up.
"""

from __future__ import annotations

import json
import subprocess
import threading
import time
from dataclasses import dataclass, field
from typing import Any

import psutil

from tests.bench.relay_servers import NODE_TOOLS, BenchServer, node_executable

DRAIN_SECONDS = 3.0


@dataclass
class LoadRun:
    """What one load run measured, merged over its generator processes."""

    mode: str
    clients: int
    seconds: float
    sent: int = 0
    completed: int = 0
    completed_in_window: int = 0
    closes: int = 0
    latencies_ms: list[float] = field(default_factory=list)
    server_cpu_seconds: float = 0.0
    server_rss_bytes: int = 0
    server_rss_before_bytes: int = 0
    generator_cpu_share: list[float] = field(default_factory=list)
    other_cpu_cores: float = 0.0

    @property
    def edits_per_second(self) -> float:
        return self.completed_in_window / self.seconds

    @property
    def cpu_us_per_edit(self) -> float:
        return 1e6 * self.server_cpu_seconds / max(self.completed, 1)


class Generator:
    """One load-generator process and the lines it prints."""

    def __init__(self, config: dict[str, Any]) -> None:
        self.process = subprocess.Popen(
            [node_executable(), str(NODE_TOOLS / "load-generator.mjs"), json.dumps(config)],
            cwd=NODE_TOOLS,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        self.events: dict[str, dict[str, Any]] = {}
        self.arrived = threading.Condition()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        with self.process.stdout as output:
            for line in output:
                event = json.loads(line)
                with self.arrived:
                    self.events[event["event"]] = event
                    self.arrived.notify_all()

    def wait_for(self, name: str, timeout: float) -> dict[str, Any]:
        with self.arrived:
            if not self.arrived.wait_for(lambda: name in self.events, timeout):
                self.process.kill()
                raise RuntimeError(f"load generator gave no {name!r} within {timeout} s")
            return self.events[name]

    def go(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write("go\n")
        self.process.stdin.close()

    def close(self) -> None:
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def cpu_seconds(process: psutil.Process) -> float:
    times = process.cpu_times()
    return float(times.user + times.system)


def machine_busy_seconds() -> float:
    """CPU seconds the whole machine spent busy, all cores together."""
    times = psutil.cpu_times()
    return float(times.user + times.nice + times.system + times.irq + times.softirq)


def run_load(
    server: BenchServer,
    rooms: list[str],
    mode: str,
    seconds: float,
    processes: int = 1,
    per_room: int = 5,
    rate: float = 10.0,
    window: int = 4,
) -> LoadRun:
    """Rooms of `per_room` clients, split whole over `processes` generators."""
    groups = [rooms[index::processes] for index in range(processes)]
    common = {"serverUrl": server.ws_base, "perRoom": per_room, "mode": mode, "rate": rate}
    settings = {**common, "window": window, "seconds": seconds, "drainSeconds": DRAIN_SECONDS}
    watched = psutil.Process(server.pid)
    rss_before = watched.memory_info().rss
    generators = [Generator({**settings, "rooms": group}) for group in groups if group]
    try:
        for generator in generators:
            ready = generator.wait_for("ready", 90)
            if not ready["presenceComplete"]:
                print(f"  warning: not every client saw its room's presence before {mode} load")
        loaders = [psutil.Process(generator.process.pid) for generator in generators]
        before, loaders_before = cpu_seconds(watched), [cpu_seconds(p) for p in loaders]
        busy_before = machine_busy_seconds()
        started = time.monotonic()
        for generator in generators:
            generator.go()
        results = [g.wait_for("result", seconds + DRAIN_SECONDS + 60) for g in generators]
        elapsed = time.monotonic() - started
        run = LoadRun(mode, len(rooms) * per_room, seconds)
        run.server_cpu_seconds = cpu_seconds(watched) - before
        run.server_rss_bytes = watched.memory_info().rss
        run.server_rss_before_bytes = rss_before
        loader_seconds = [
            cpu_seconds(p) - start for p, start in zip(loaders, loaders_before, strict=True)
        ]
        run.generator_cpu_share = [used / elapsed for used in loader_seconds]
        # Other people's work on this machine during the run: the noise in the figures.
        busy = machine_busy_seconds() - busy_before
        run.other_cpu_cores = (busy - run.server_cpu_seconds - sum(loader_seconds)) / elapsed
        for result in results:
            run.sent += result["sent"]
            run.completed += result["completed"]
            run.completed_in_window += result["completedInWindow"]
            run.closes += result["closes"]
            run.latencies_ms.extend(result["latencies"])
        run.seconds = max(result["seconds"] for result in results)
    finally:
        for generator in generators:
            generator.close()
    return run


def run_presence(
    server: BenchServer, room: str, trials: int, observers: int = 4
) -> list[dict[str, float | None]]:
    """Join and removal times (ms) of `trials` participants coming and being killed."""
    config = {
        "serverUrl": server.ws_base,
        "room": room,
        "observers": observers,
        "trials": trials,
        "timeoutSeconds": 5,
    }
    completed = subprocess.run(
        [node_executable(), str(NODE_TOOLS / "presence-probe.mjs"), json.dumps(config)],
        cwd=NODE_TOOLS,
        capture_output=True,
        text=True,
        timeout=60 + trials * 15,
        check=True,
    )
    for line in completed.stdout.splitlines():
        event = json.loads(line)
        if event["event"] == "result":
            trials_seen: list[dict[str, float | None]] = event["trials"]
            return trials_seen
    raise RuntimeError(f"presence probe printed no result: {completed.stderr}")
