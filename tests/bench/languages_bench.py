"""Per-language runner figures, one table: language chosen → its runtime ready (in a room page that
has loaded Python and sits idle, as when the interviewer switches), room opened → ready and →
first output (a candidate joining a room already in that language, cold browser cache), warm run
(median of 5) and the bytes a cold start of the runtime takes on the wire.

Run as `.venv/bin/python -m tests.bench.languages_bench [--samples N]` (also part of
`make bench-runners`). The programs are each language's `hello` from tests/runners/languages/.
Times come from the page's own clock; bytes from Chromium's encoded body sizes of every response
the page (its frames and workers included) received for the runtime.
"""

from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, BrowserContext, Request, ViewportSize, sync_playwright

from tests.bench import runners_page as steps
from tests.runners.languages import all_cases
from tests.runners.run_panel import RunPanel
from tests.support.chromium import launch_chromium
from tests.support.relay_process import RelayProcess
from tests.support.webui_pages import RoomPage

ROOT = Path(__file__).resolve().parents[2]
RESULTS = Path(__file__).resolve().parent / "results" / "languages.json"
VIEWPORT: ViewportSize = {"width": 1600, "height": 900}
TARGETS_MS = {"chosen_to_ready": 3000.0, "warm_run": 50.0}
#: Used where a language has no CASES file yet (Python and JavaScript predate them).
FALLBACK_HELLO = {"python": ("print(1+1)", "2\n"), "javascript": ("console.log(1+2)", "3\n")}
#: How long a page may take for one step before the figure counts as not finished.
STEP_LIMIT_MS = 120_000

WAIT_UNTIL = f"""
const waitUntil = (test, limit = {STEP_LIMIT_MS}) => new Promise((resolve) => {{
  const deadline = performance.now() + limit;
  const poll = () => {{
    const value = test();
    if (value) resolve(value);
    else if (performance.now() > deadline) resolve(null);
    else setTimeout(poll, 2);
  }};
  poll();
}});
"""

#: Chooses `language` in the picker; times to the status line saying its runtime is ready.
CHOOSE = (
    "async (language) => {"
    + WAIT_UNTIL
    + """
  const select = document.querySelector('[data-testid=language-select]');
  const status = document.querySelector('[data-testid=runner-status]');
  const t0 = performance.now();
  select.value = language;
  select.dispatchEvent(new Event('change'));
  const cold = status.dataset.state !== 'ready';
  const state = await waitUntil(() => ['ready', 'failed'].includes(status.dataset.state)
    && status.dataset.state);
  return { ms: performance.now() - t0, cold, state, text: status.textContent };
}"""
)

#: Clicks Join in a room already in `language`; Run as soon as the code has arrived. Times to
#: the status line saying that language is ready, and to the first output.
JOIN_READY_AND_RUN = (
    "async ([code, language]) => {"
    + steps.WAIT_RESULT
    + WAIT_UNTIL
    + """
  const t0 = performance.now();
  document.querySelector('[data-testid=join-button]').click();
  const button = await waitUntil(() => document.querySelector('[data-testid=run-button]'));
  const status = document.querySelector('[data-testid=runner-status]');
  const here = () => window.interviewDesk && window.interviewDesk.language() === language;
  let readyMs = null;
  const ready = waitUntil(() => here() && status.dataset.state === 'ready').then((ok) => {
    if (ok) readyMs = performance.now() - t0;
  });
  await waitUntil(() => here() && window.interviewDesk.sharedText() === code);
  const list = document.querySelector('[data-testid=output]');
  const before = list.querySelectorAll('[data-testid=run-entry]').length;
  button.click();
  const result = await waitResult(list, before, t0);
  await ready;
  return { ...result, readyMs, text: status.textContent };
}"""
)


@dataclass(frozen=True)
class Program:
    language: str
    label: str
    code: str
    output: str


def programs() -> list[Program]:
    """Every language of desktop/languages.json that has a hello program, in the list's order."""
    listed = json.loads((ROOT / "desktop" / "languages.json").read_text())["languages"]
    hello = {**FALLBACK_HELLO, **{case.language: case.hello for case in all_cases()}}
    return [
        Program(entry["id"], entry["label"], *hello[entry["id"]])
        for entry in listed
        if entry["id"] in hello
    ]


def summary(values: list[float]) -> dict[str, Any]:
    if not values:
        return {"median": None, "runs": []}
    return {
        "median": round(statistics.median(values), 1),
        "min": round(min(values), 1),
        "max": round(max(values), 1),
        "runs": [round(value, 1) for value in values],
    }


def host_post(relay: RelayProcess, path: str, body: dict[str, Any]) -> dict[str, Any]:
    request = urllib.request.Request(
        relay.base_url + path,
        data=json.dumps(body).encode(),
        method="POST",
        headers={"Authorization": f"Bearer {relay.host_key}", "Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=10) as reply:
        answer: dict[str, Any] = json.loads(reply.read())
        return answer


def room_in(relay: RelayProcess, program: Program) -> str:
    """A new room in the program's language with the program in the editor (from a template)."""
    template = host_post(
        relay,
        "/api/templates",
        {"title": f"bench {program.language}", "language": program.language, "code": program.code},
    )
    room: str = host_post(relay, "/api/rooms", {"template": template["id"]})["room"]
    return room


def wire_bytes(requests: list[Request], only: str | None = None) -> dict[str, Any]:
    """Encoded body bytes of the finished requests (their URLs containing `only`, if given)."""
    total = 0
    files: dict[str, int] = {}
    for request in requests:
        if not request.url.startswith("http") or (only is not None and only not in request.url):
            continue  # blob: and data: URLs are made in the page, not fetched
        size = max(0, request.sizes()["responseBodySize"])
        total += size
        name = request.url.rsplit("/", 1)[-1].split("?")[0] or request.url
        files[name] = files.get(name, 0) + size
    return {"bytes": total, "files": files}


def recorder(context: BrowserContext) -> list[Request]:
    finished: list[Request] = []
    context.on("requestfinished", lambda request: finished.append(request))
    return finished


def join_page(context: BrowserContext, relay: RelayProcess, room: str) -> RunPanel:
    page = context.new_page()
    page.goto(f"{relay.base_url}/r/{room}")
    return RunPanel(RoomPage.join_here(page, "Host"))


def chosen_to_ready(browser: Browser, relay: RelayProcess, program: Program) -> dict[str, Any]:
    """In a fresh context (cold cache): join a Python room, let it settle, choose the language."""
    room = relay.create_room(f"bench: choose {program.language}")["room"]
    context = browser.new_context(viewport=VIEWPORT)
    finished = recorder(context)
    panel = join_page(context, relay, room)
    panel.wait_ready()
    time.sleep(2.0)  # the JavaScript frame warms after Python; then the page is idle
    seen = len(finished)
    result: dict[str, Any] = panel.page.evaluate(CHOOSE, program.language)
    time.sleep(0.2)
    result["wire"] = wire_bytes(finished[seen:])
    context.close()
    return result


def joined_in_language(browser: Browser, relay: RelayProcess, program: Program) -> dict[str, Any]:
    """A candidate joins a room already in the language (fresh context, cold cache)."""
    room = room_in(relay, program)
    context = browser.new_context(viewport=VIEWPORT)
    finished = recorder(context)
    page = context.new_page()
    page.goto(f"{relay.base_url}/r/{room}")
    page.get_by_test_id("join-name").fill("Candidate")
    result: dict[str, Any] = page.evaluate(JOIN_READY_AND_RUN, [program.code, program.language])
    if result.get("output") != program.output:
        result["ms"] = None
    if program.language == "python":
        result["wire"] = wire_bytes(finished, only="/pyodide/")
    context.close()
    return result


def warm_runs(browser: Browser, relay: RelayProcess, program: Program, n: int) -> dict[str, Any]:
    context = browser.new_context(viewport=VIEWPORT)
    panel = join_page(context, relay, room_in(relay, program))
    panel.set_language(program.language)
    panel.wait_ready()
    panel.page.evaluate(steps.RUN_ONCE)  # not counted: the first run of the page
    times: list[float] = []
    for _ in range(n):
        time.sleep(0.3)  # a person's pace between runs
        result = panel.page.evaluate(steps.RUN_ONCE)
        if result["output"] == program.output:
            times.append(result["ms"])
    runtime = panel.page.get_by_test_id("runner-status").inner_text()
    context.close()
    return {**summary(times), "runtime": runtime}


def measure_language(
    browser: Browser, relay: RelayProcess, program: Program, samples: int
) -> dict[str, Any]:
    chosen = [chosen_to_ready(browser, relay, program) for _ in range(samples)]
    joined = [joined_in_language(browser, relay, program) for _ in range(samples)]
    wire = chosen[0]["wire"] if program.language != "python" else joined[0]["wire"]
    return {
        "label": program.label,
        "chosen_to_ready_ms": summary(
            [c["ms"] for c in chosen if c["state"] == "ready" and c["cold"]]
        ),
        "chosen_states": sorted(
            {f"{c['state']}{'' if c['cold'] else ' (was ready)'}" for c in chosen}
        ),
        "opened_to_ready_ms": summary([j["readyMs"] for j in joined if j["readyMs"] is not None]),
        "opened_to_first_output_ms": summary([j["ms"] for j in joined if j["ms"] is not None]),
        "warm_run_ms": warm_runs(browser, relay, program, 5),
        "cold_start_wire": wire,
    }


def measure(samples: int) -> dict[str, Any]:
    figures: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as driver:
        relay = RelayProcess(data_dir=Path(tmp) / "relay").start()
        browser = launch_chromium(driver)
        try:
            for program in programs():
                figures[program.language] = measure_language(browser, relay, program, samples)
                print(row(program.language, figures[program.language]), flush=True)
        finally:
            browser.close()
            relay.stop()
    return figures


def ms(figure: dict[str, Any]) -> str:
    median = figure.get("median")
    return "not finished" if median is None else f"{median / 1000:.2f} s"


def chosen(figure: dict[str, Any]) -> str:
    """Python is loaded with the room, JavaScript warmed after it: ready before being chosen."""
    if figure["chosen_to_ready_ms"].get("median") is None and figure["chosen_states"] == [
        "ready (was ready)"
    ]:
        return "ready already"
    return ms(figure["chosen_to_ready_ms"])


def megabytes(count: int) -> str:
    return "0" if count == 0 else f"{count / 1_000_000:.1f} MB"


TABLE_HEAD = (
    "| language | runtime | chosen → ready | opened → ready | opened → first output "
    "| warm run | cold start on the wire |\n|---|---|---|---|---|---|---|"
)


def row(language: str, figure: dict[str, Any]) -> str:
    warm = figure["warm_run_ms"]
    warm_text = "not finished" if warm.get("median") is None else f"{warm['median']} ms"
    return (
        f"| {figure['label']} | {warm['runtime']} | {chosen(figure)} "
        f"| {ms(figure['opened_to_ready_ms'])} | {ms(figure['opened_to_first_output_ms'])} "
        f"| {warm_text} | {megabytes(figure['cold_start_wire']['bytes'])} |"
    )


def markdown_table(figures: dict[str, Any]) -> str:
    return "\n".join([TABLE_HEAD, *(row(language, f) for language, f in figures.items())])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--samples", type=int, default=5, help="repetitions per figure")
    args = parser.parse_args()
    started = time.time()
    figures = measure(args.samples)
    print(markdown_table(figures))
    load = Path("/proc/loadavg").read_text().split()[:3]
    document = {
        "measured_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "load_average_after": load,
        "samples": args.samples,
        "targets_ms": TARGETS_MS,
        "seconds": round(time.time() - started, 1),
        "languages": figures,
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(document, indent=2) + "\n")
    print(f"load average after: {' '.join(load)}; wrote {RESULTS}")


if __name__ == "__main__":
    main()
