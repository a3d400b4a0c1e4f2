"""`make bench-hostile`: an innocent room keeps working while each attack of issue 10 runs.

The relay runs as `interview-desk serve` on 127.0.0.1. An innocent room has
two typing clients (an edit every 100 ms, alternating, timed until the other
sees it) and `/healthz` is asked every 50 ms, while one attack at a time runs
in a process of its own (tests/bench/hostile_attacks.py) for a few seconds.
Per attack it reports the innocent room's edit round trip p50/p99/max, the
`/healthz` p99, how much the data folder grew and the relay's memory. After
every attack the relay is restarted and every room's document, notes and runs
are checked against what was seen before.
"""

from __future__ import annotations

import asyncio
import json
import secrets
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp
from pycrdt import TransactionEvent

from tests.bench.hostile_attacks import ATTACKS
from tests.bench.relay_stats import percentile
from tests.support.relay_process import RelayProcess
from tests.support.yclient import fetch_document
from tests.support.ydoc_client import YClient

ATTACK_SECONDS = 6.0
RESULTS = Path(tempfile.gettempdir()) / "interview-desk-bench" / "hostile.json"
TARGETS = {"edit_p99_ms": 50.0, "healthz_p99_ms": 100.0, "growth_mb": 50.0}


@dataclass
class Samples:
    edits: list[float] = field(default_factory=list)
    healthz: list[float] = field(default_factory=list)
    failures: int = 0


def folder_bytes(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


class Innocent:
    """Two clients typing into one room; their round trips and /healthz, while measuring."""

    def __init__(self, relay: RelayProcess, room: str) -> None:
        self.relay = relay
        self.room = room
        self.clients: list[YClient] = []
        self.samples = Samples()
        self.running = False
        self.tasks: list[asyncio.Task[None]] = []

    async def start(self) -> None:
        self.clients = [
            await YClient(self.relay.ws_url, self.room, name).connect() for name in ("ana", "bo")
        ]
        await asyncio.gather(*(client.synced.wait() for client in self.clients))
        self.running = True
        self.tasks = [asyncio.create_task(self._type()), asyncio.create_task(self._ping())]

    def take(self) -> Samples:
        taken, self.samples = self.samples, Samples()
        return taken

    async def stop(self) -> str:
        self.running = False
        await asyncio.gather(*self.tasks, return_exceptions=True)
        code = self.clients[0].code()
        for client in self.clients:
            await client.close()
        return code

    async def _type(self) -> None:
        turn = 0
        while self.running:
            typist, watcher = self.clients[turn % 2], self.clients[(turn + 1) % 2]
            turn += 1
            target = len(typist.code()) + 1
            changed = asyncio.Event()
            stamps: list[float] = []

            def note(
                event: TransactionEvent,
                stamps: list[float] = stamps,
                changed: asyncio.Event = changed,
            ) -> None:
                # The document may not be read inside its own transaction: note the time only.
                stamps.append(time.perf_counter())
                changed.set()

            subscription = watcher.doc.observe(note)
            started = time.perf_counter()
            typist.insert(len(typist.code()), "abcdefghij"[turn % 10])
            try:
                async with asyncio.timeout(10):
                    while len(watcher.code()) < target:
                        await changed.wait()
                        changed.clear()
                self.samples.edits.append((stamps[-1] - started) * 1000)
            except TimeoutError:
                self.samples.failures += 1
            finally:
                watcher.doc.unobserve(subscription)
            await asyncio.sleep(0.1)

    async def _ping(self) -> None:
        async with aiohttp.ClientSession() as session:
            while self.running:
                started = time.perf_counter()
                try:
                    async with session.get(
                        self.relay.base_url + "/healthz", timeout=aiohttp.ClientTimeout(total=10)
                    ) as reply:
                        await reply.read()
                        ok = reply.status == 200
                except (aiohttp.ClientError, TimeoutError):
                    ok = False
                if ok:
                    self.samples.healthz.append((time.perf_counter() - started) * 1000)
                else:
                    self.samples.failures += 1
                await asyncio.sleep(0.05)


def host_json(relay: RelayProcess, method: str, path: str, body: Any = None) -> Any:
    import urllib.request

    request = urllib.request.Request(
        relay.base_url + path,
        data=None if body is None else json.dumps(body).encode(),
        method=method,
        headers={"Authorization": f"Bearer {relay.host_key}", "Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=120) as reply:
        return json.loads(reply.read())


async def room_state(relay: RelayProcess, room: str) -> dict[str, Any]:
    """What a room holds, as the relay serves it: code, notes and runs."""
    transcript = await asyncio.to_thread(
        host_json, relay, "GET", f"/api/rooms/{room}/export?format=json"
    )
    document = await fetch_document(relay.ws_url, room)
    return {
        "code": document.code,
        "notes": transcript["notes"],
        "runs": [(r["run_id"], r["code"], r["output"]) for r in transcript["runs"]],
    }


async def seed_innocent_room(relay: RelayProcess, room: str) -> None:
    """The host's notes and one finished run, so the restart check has something to keep."""
    async with aiohttp.ClientSession() as session:
        events = await session.ws_connect(f"{relay.ws_url}/ws/{room}/events")
        await events.send_json(
            {"type": "hello", "payload": {"name": "Host", "host_key": relay.host_key}}
        )
        welcome = await events.receive_json(timeout=10)
        while welcome["type"] != "welcome":
            welcome = await events.receive_json(timeout=10)
        notes = await YClient(
            relay.ws_url, room, "notes", kind="notes", token=welcome["payload"]["token"]
        ).connect()
        await notes.synced.wait()
        notes.notes.insert(0, "Strong on recursion.")
        await events.send_json(
            {"type": "execute-code", "payload": {"language": "python", "code": "print(2)"}}
        )
        while (event := await events.receive_json(timeout=10))["type"] != "execute-code":
            pass
        await events.send_json(
            {
                "type": "execution-result",
                "payload": {"run_id": event["payload"]["run_id"], "output": "2\n", "error": None},
            }
        )
        while (await events.receive_json(timeout=10))["type"] != "execution-result":
            pass
        await notes.close()
        await events.close()


def run_attack(name: str, relay: RelayProcess, room: str) -> dict[str, Any]:
    command = [
        sys.executable,
        "-m",
        "tests.bench.hostile_attacks",
        name,
        str(relay.port),
        room,
        relay.host_key,
        str(ATTACK_SECONDS),
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    if done.returncode != 0:
        return {"attack_failed": done.stderr.strip().splitlines()[-1:]}
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def summary(samples: Samples) -> dict[str, Any]:
    def ms(value: float | None) -> float | None:
        return None if value is None else round(value, 1)

    return {
        "edits": len(samples.edits),
        "edit_p50_ms": ms(percentile(samples.edits, 0.5)),
        "edit_p99_ms": ms(percentile(samples.edits, 0.99)),
        "edit_max_ms": ms(max(samples.edits, default=None)),
        "healthz_p99_ms": ms(percentile(samples.healthz, 0.99)),
        "failures": samples.failures,
    }


async def bench(data_dir: Path) -> dict[str, Any]:
    relay = RelayProcess(data_dir=data_dir, host_key=secrets.token_urlsafe(16)).start()
    rooms = {"innocent": relay.create_room("innocent")["room"]}
    await seed_innocent_room(relay, rooms["innocent"])
    rows: list[dict[str, Any]] = []
    innocent = Innocent(relay, rooms["innocent"])
    await innocent.start()
    await asyncio.sleep(2)
    rows.append({"attack": "none (baseline)", **summary(innocent.take())})
    big_room = relay.create_room("big")["room"]
    rooms["big"] = big_room
    for name in ATTACKS:
        # Storage attacks fill one room; the sync and export attacks read that same room.
        target = big_room if "big" in name or "runs" in name else relay.create_room(name)["room"]
        rooms.setdefault(name, target)
        before = folder_bytes(data_dir)
        innocent.take()
        result = await asyncio.to_thread(run_attack, name, relay, target)
        await asyncio.sleep(1.0)  # the journal and WAL settle
        assert relay.process is not None
        rows.append(
            {
                "attack": name,
                **summary(innocent.take()),
                "growth_mb": round((folder_bytes(data_dir) - before) / 1e6, 1),
                "relay_rss_mb": round(rss_mb(relay.process.pid), 1),
                "attacker": result,
            }
        )
        print(json.dumps(rows[-1]), flush=True)
    innocent_code = await innocent.stop()
    seen = {name: await room_state(relay, room) for name, room in rooms.items()}
    relay.stop()
    relay.start()
    after = {name: await room_state(relay, room) for name, room in rooms.items()}
    relay.stop()
    intact = {name: seen[name] == after[name] for name in rooms}
    return {
        "rows": rows,
        "intact_after_restart": intact,
        "innocent_code_kept": after["innocent"]["code"] == innocent_code,
        "innocent_notes": after["innocent"]["notes"],
        "innocent_runs": len(after["innocent"]["runs"]),
        "data_folder_mb": round(folder_bytes(data_dir) / 1e6, 1),
        "targets": TARGETS,
    }


def markdown(report: dict[str, Any]) -> str:
    lines = [
        "| attack | innocent edit p50 / p99 / max (ms) | `/healthz` p99 (ms) "
        "| data folder growth | relay RSS |",
        "|---|---|---|---|---|",
    ]
    for row in report["rows"]:
        growth = f"{row['growth_mb']} MB" if "growth_mb" in row else "—"
        rss = f"{row['relay_rss_mb']} MB" if "relay_rss_mb" in row else "—"
        lines.append(
            f"| {row['attack']} | {row['edit_p50_ms']} / {row['edit_p99_ms']} / "
            f"{row['edit_max_ms']} | {row['healthz_p99_ms']} | {growth} | {rss} |"
        )
    return "\n".join(lines)


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="hostile-bench-") as folder:
        report = asyncio.run(bench(Path(folder)))
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2))
    print(markdown(report))
    print("intact after restart:", report["intact_after_restart"])
    print("innocent code kept:", report["innocent_code_kept"], "notes:", report["innocent_notes"])
    print("results:", RESULTS)


if __name__ == "__main__":
    main()
