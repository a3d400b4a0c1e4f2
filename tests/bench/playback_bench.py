"""Playback: time to open it and to jump along the timeline for a room with many edits.

Run as `.venv/bin/python -m tests.bench.playback_bench [--edits N ...]`. For each N, a host
in a real Chromium types N single characters into a fresh room through the real relay (each
one its own stored update), then opens Playback five times: the figure is from the click to
the timeline showing, which covers fetching the history, decoding it and building the
snapshots. Jumps set the slider to random places and time the page's own handler (replay and
render). The machine's load average is recorded with the figures: other work skews them.
Prints a table and writes tests/bench/results/playback.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from playwright.sync_api import Page, sync_playwright

from tests.support.chromium import launch_chromium
from tests.support.host_api import host_get
from tests.support.relay_process import RelayProcess
from tests.support.webui_pages import RoomPage

RESULTS = Path(__file__).resolve().parent / "results" / "playback.json"
JUMPS = 200
OPENS = 5

OPEN = """() => new Promise(resolve => {
  const start = performance.now();
  const view = document.querySelector('[data-testid=playback-view]');
  document.querySelector('[data-testid=playback-button]').click();
  // Shown once the history is fetched, decoded and snapshotted, and the last step rendered.
  const check = () =>
    view.hidden ? requestAnimationFrame(check) : resolve(performance.now() - start);
  check();
})"""

JUMP = """places => places.map(place => {
  const slider = document.querySelector('[data-testid=playback-slider]');
  slider.value = String(place);
  const start = performance.now();
  slider.dispatchEvent(new Event('input'));
  return performance.now() - start;
})"""


def type_edits(room: RoomPage, count: int) -> None:
    """Types `count` characters in lines of 60, so the document grows like real code."""
    room.go_to_end()
    left = count
    while left > 0:
        chunk = min(60, left)
        room.type("x" * (chunk - 1) + ("\n" if chunk == 60 else "x"))
        left -= chunk


def measure(page: Page, relay: RelayProcess, room: str, edits: int) -> dict[str, Any]:
    host = RoomPage.join(page, relay.base_url, room, "Grace", relay.host_key)
    type_edits(host, edits)
    text = host.text()
    host.page.wait_for_function(
        "expected => window.interviewDesk.sharedText() === expected", arg=text
    )
    stored = len(host_get(relay, f"/api/rooms/{room}/history")["updates"])
    opens = []
    for _ in range(OPENS):
        opens.append(float(page.evaluate(OPEN)))
        page.keyboard.press("Escape")
        page.get_by_test_id("playback-dialog").wait_for(state="hidden")
    page.evaluate(OPEN)
    places = [random.randrange(stored) for _ in range(JUMPS)]
    jumps = sorted(float(ms) for ms in page.evaluate(JUMP, places))
    shown = page.get_by_test_id("playback-code").text_content() or ""
    # The last jump's text must be the replayed code, or the figures mean nothing.
    assert len(shown) > 0, page.get_by_test_id("playback-message").text_content()
    return {
        "edits_typed": edits,
        "updates_stored": stored,
        "open_median_ms": round(statistics.median(opens), 1),
        "open_max_ms": round(max(opens), 1),
        "jump_median_ms": round(statistics.median(jumps), 2),
        "jump_p95_ms": round(jumps[int(len(jumps) * 0.95) - 1], 2),
        "jump_max_ms": round(jumps[-1], 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, nargs="+", default=[500, 2000, 5000])
    args = parser.parse_args()
    rows = []
    with sync_playwright() as driver:
        browser = launch_chromium(driver)
        for edits in args.edits:
            with tempfile.TemporaryDirectory() as data:
                relay = RelayProcess(data_dir=Path(data)).start()
                try:
                    room = relay.create_room("Playback bench")["room"]
                    context = browser.new_context(viewport={"width": 1280, "height": 800})
                    rows.append(measure(context.new_page(), relay, room, edits))
                    context.close()
                finally:
                    relay.stop()
            print(rows[-1], flush=True)
        browser.close()
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(
        json.dumps(
            {
                "when": datetime.now(UTC).isoformat(timespec="seconds"),
                "machine": f"{platform.system()} {platform.machine()}",
                "load_average_1m": round(os.getloadavg()[0], 2),
                "rows": rows,
            },
            indent=2,
        )
        + "\n"
    )


if __name__ == "__main__":
    main()
