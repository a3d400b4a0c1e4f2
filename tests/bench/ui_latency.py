"""Edit-to-screen latency between two real browsers on loopback, and presence-leave time.

Run as `.venv/bin/python -m tests.bench.ui_latency`. Two separate Chromium processes join
one room through the real relay: the writer presses a key, the reader's page notes when the
character is in its editor's DOM and when the next frame after that starts. Both ends stamp
`performance.timeOrigin + now()`, one clock for every process on this machine. Edits are one
at a time (the next key waits for the reader), so each figure is one edit's own trip.
Prints a table and writes tests/bench/results/ui_latency.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import psutil
from playwright.sync_api import Browser, Page, sync_playwright

from tests.support.chromium import launch_chromium
from tests.support.relay_process import RelayProcess
from tests.support.webui_pages import RoomPage

RESULTS = Path(__file__).resolve().parent / "results" / "ui_latency.json"
TARGET_P99_MS = 30.0
NOISY_CORES = 0.3  # other processes' CPU during a run above which it is repeated
MAX_ATTEMPTS = 3
KEY = "1"  # no digits in the names on screen, so counting them counts edits

WRITER_PROBE = """() => {
  window.__sent = [];
  document.addEventListener('keydown', e => {
    if (e.key === '1') window.__sent.push(performance.timeOrigin + e.timeStamp);
  }, true);
}"""

READER_PROBE = """() => {
  window.__dom = []; window.__frame = [];
  const content = document.querySelector('[data-testid=editor] .cm-content');
  let seen = 0;
  let waiter = null;
  // Resolves once edit n has reached a frame: event-driven, so waiting costs the reader no CPU.
  window.__framed = n => new Promise(resolve => {
    if (window.__frame.length >= n) resolve(); else waiter = { n, resolve };
  });
  new MutationObserver(() => {
    const now = performance.timeOrigin + performance.now();
    const count = content.textContent.split('1').length - 1;
    while (seen < count) {
      seen += 1;
      const index = seen - 1;
      window.__dom[index] = now;
      requestAnimationFrame(() => {
        window.__frame[index] = performance.timeOrigin + performance.now();
        if (waiter && window.__frame.length >= waiter.n) { waiter.resolve(); waiter = null; }
      });
    }
  }).observe(content, { childList: true, subtree: true, characterData: true });
}"""

# Stamps every y-websocket document update (message 0, sync 2) as it leaves or arrives, to
# split each trip into writer, wire-and-relay, and reader.
SOCKET_PROBE = """(() => {
  window.__wsOut = []; window.__wsIn = [];
  const isUpdate = data => {
    const bytes = data instanceof ArrayBuffer ? new Uint8Array(data)
      : ArrayBuffer.isView(data) ? new Uint8Array(data.buffer, data.byteOffset, 2) : null;
    return bytes !== null && bytes.length >= 2 && bytes[0] === 0 && bytes[1] === 2;
  };
  const send = WebSocket.prototype.send;
  WebSocket.prototype.send = function (data) {
    if (isUpdate(data)) window.__wsOut.push(performance.timeOrigin + performance.now());
    return send.call(this, data);
  };
  const Original = window.WebSocket;
  window.WebSocket = class extends Original {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', e => {
        if (isUpdate(e.data)) window.__wsIn.push(performance.timeOrigin + e.timeStamp);
      });
    }
  };
})()"""

LEAVE_PROBE = """() => {
  window.__left = [];
  const list = document.querySelector('[data-testid=participants]');
  let last = list.querySelectorAll('[data-testid=participant]').length;
  new MutationObserver(() => {
    const count = list.querySelectorAll('[data-testid=participant]').length;
    if (count < last) window.__left.push(performance.timeOrigin + performance.now());
    last = count;
  }).observe(list, { childList: true, subtree: true });
}"""


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def summary(values: list[float]) -> dict[str, float | int]:
    return {
        "count": len(values),
        "p50_ms": round(percentile(values, 0.50), 2),
        "p90_ms": round(percentile(values, 0.90), 2),
        "p99_ms": round(percentile(values, 0.99), 2),
        "max_ms": round(max(values), 2),
        "mean_ms": round(statistics.fmean(values), 2),
    }


def own_cpu_seconds() -> dict[int, float]:
    """CPU seconds so far of this process and every descendant (relay, driver, browsers)."""
    me = psutil.Process()
    seconds: dict[int, float] = {}
    for process in [me, *me.children(recursive=True)]:
        try:
            times = process.cpu_times()
            seconds[process.pid] = times.user + times.system
        except psutil.Error:
            continue
    return seconds


class LoadMeter:
    """How many cores other work on the machine used while we measured (noise to report)."""

    def __init__(self) -> None:
        self.started = time.monotonic()
        self.system = psutil.cpu_times()
        self.own = own_cpu_seconds()

    def other_cores(self) -> float:
        wall = time.monotonic() - self.started
        now = psutil.cpu_times()
        busy = float((sum(now) - now.idle) - (sum(self.system) - self.system.idle))
        own_now = own_cpu_seconds()
        own = sum(value - self.own.get(pid, 0.0) for pid, value in own_now.items())
        return max(0.0, (busy - own) / wall)


def settle(max_seconds: float = 30.0, window: float = 0.5, idle_share: float = 0.2) -> None:
    """Waits until our browsers are idle (a room page warms up a Python runtime on load)."""
    deadline = time.monotonic() + max_seconds
    while time.monotonic() < deadline:
        before = own_cpu_seconds()
        time.sleep(window)
        after = own_cpu_seconds()
        used = sum(value - before.get(pid, 0.0) for pid, value in after.items())
        if used < idle_share * window:
            return


def join(browser: Browser, relay: RelayProcess, room: str, name: str) -> RoomPage:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.add_init_script(SOCKET_PROBE)
    page = context.new_page()
    return RoomPage.join(page, relay.base_url, room, name)


def measure_edits(writer: RoomPage, reader: RoomPage, edits: int, warmup: int) -> dict[str, Any]:
    writer.go_to_end()
    reader.page.evaluate(READER_PROBE)
    writer.page.evaluate(WRITER_PROBE)
    out_before: int = writer.page.evaluate("window.__wsOut.length")
    in_before: int = reader.page.evaluate("window.__wsIn.length")
    total = warmup + edits
    for done in range(1, total + 1):
        writer.page.keyboard.press(KEY)
        reader.page.evaluate("n => window.__framed(n)", done)
    sent: list[float] = writer.page.evaluate("window.__sent")
    dom: list[float] = reader.page.evaluate("window.__dom")
    frame: list[float] = reader.page.evaluate("window.__frame")
    out: list[float] = writer.page.evaluate("window.__wsOut")[out_before:]
    arrived: list[float] = reader.page.evaluate("window.__wsIn")[in_before:]
    assert len(sent) == total == len(dom) == len(frame), (len(sent), len(dom), len(frame))
    assert reader.text() == writer.text() == KEY * total
    counted = range(warmup, total)
    figures = {
        "edit_to_dom": summary([dom[i] - sent[i] for i in counted]),
        "edit_to_next_frame": summary([frame[i] - sent[i] for i in counted]),
    }
    if len(out) == total == len(arrived):  # one update message per edit each way: split the trip
        figures["writer_key_to_socket"] = summary([out[i] - sent[i] for i in counted])
        figures["socket_to_socket"] = summary([arrived[i] - out[i] for i in counted])
        figures["reader_socket_to_dom"] = summary([dom[i] - arrived[i] for i in counted])
    return figures


def measure_leaves(
    browser: Browser, relay: RelayProcess, room: str, watcher: Page, rounds: int
) -> dict[str, Any]:
    watcher.evaluate(LEAVE_PROBE)
    leave_ms: list[float] = []
    for round_number in range(rounds):
        guest = join(browser, relay, room, f"Guest {chr(65 + round_number % 26)}")
        watcher.wait_for_function(
            "n => document.querySelectorAll('[data-testid=participant]').length === n", arg=3
        )
        closed_at = time.time() * 1000
        guest.page.context.close()
        watcher.wait_for_function("n => window.__left.length >= n", arg=round_number + 1)
        left: list[float] = watcher.evaluate("window.__left")
        leave_ms.append(left[-1] - closed_at)
    return {"tab_closed_to_presence_gone": summary(leave_ms)}


def run(edits: int, warmup: int, leaves: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as data_dir, sync_playwright() as driver:
        relay = RelayProcess(data_dir=Path(data_dir)).start()
        try:
            room = relay.create_room("UI latency")["room"]
            writer_browser = launch_chromium(driver)
            reader_browser = launch_chromium(driver)
            try:
                writer = join(writer_browser, relay, room, "Writer")
                reader = join(reader_browser, relay, room, "Reader")
                writer.expect_participants("Writer", "Reader")
                reader.expect_participants("Writer", "Reader")
                settle()
                meter = LoadMeter()
                figures = measure_edits(writer, reader, edits, warmup)
                figures["other_load_cores"] = round(meter.other_cores(), 2)
                figures |= measure_leaves(reader_browser, relay, room, writer.page, leaves)
                figures["chromium"] = writer_browser.version
            finally:
                writer_browser.close()
                reader_browser.close()
        finally:
            relay.stop()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--edits", type=int, default=200)
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--leaves", type=int, default=10)
    args = parser.parse_args()
    attempts = []
    for _ in range(MAX_ATTEMPTS):
        attempts.append(run(args.edits, args.warmup, args.leaves))
        if attempts[-1]["other_load_cores"] <= NOISY_CORES:
            break
        print(
            f"other work used {attempts[-1]['other_load_cores']} cores meanwhile: measuring again"
        )
    figures = min(attempts, key=lambda attempt: float(attempt["other_load_cores"]))
    figures["attempts"] = len(attempts)
    report = {
        "benchmark": "ui_latency",
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {
            "cpus": os.cpu_count(),
            "arch": platform.machine(),
            "system": platform.platform(),
            "python": platform.python_version(),
        },
        "target_p99_ms": TARGET_P99_MS,
        **figures,
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(report, indent=2) + "\n")
    print(f"Edit-to-screen latency, two Chromium {figures['chromium']} processes on loopback")
    print(f"{'measure':<34}{'n':>5}{'p50':>9}{'p90':>9}{'p99':>9}{'max':>9}  (ms)")
    for key in (
        "edit_to_dom",
        "edit_to_next_frame",
        "writer_key_to_socket",
        "socket_to_socket",
        "reader_socket_to_dom",
        "tab_closed_to_presence_gone",
    ):
        if key not in figures:
            continue
        row = figures[key]
        print(
            f"{key:<34}{row['count']:>5}{row['p50_ms']:>9}{row['p90_ms']:>9}{row['p99_ms']:>9}{row['max_ms']:>9}"
        )
    verdict = "met" if figures["edit_to_next_frame"]["p99_ms"] < TARGET_P99_MS else "MISSED"
    print(f"other work on the machine meanwhile: {figures['other_load_cores']} cores")
    print(f"target p99 < {TARGET_P99_MS:.0f} ms (edit to next frame): {verdict}")
    print(f"written to {RESULTS}")


if __name__ == "__main__":
    main()
