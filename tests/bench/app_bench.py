"""Desktop app: launch to an interactive host console, close to exit, and the bundle's size.

Run as `.venv/bin/python -m tests.bench.app_bench`. Each launch starts the real app under a
private Xvfb and measures, from the moment before the process is spawned:
relay listening (its `Host console:` line), window mapped (xdotool), and the host console
interactive (the page's own clock: `performance.timeOrigin` + DOMContentLoaded end, after
which the "New interview" button is live; checked over DevTools). Then it closes the window
as a window manager does and times the exit. The first launch is cold (fresh profile and
data folder); the rest are warm. The PyInstaller app in dist/ is measured the same way
(built first if missing, as `make bundle` does). Writes tests/bench/results/app.json.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tests.desktop import x11
from tests.desktop.app_process import AppProcess
from tests.desktop.cdp import WindowPage
from tests.desktop.window_steps import HOST_CONSOLE_READY, TITLE, close_like_a_window_manager

ROOT = Path(__file__).resolve().parents[2]
RESULTS = Path(__file__).resolve().parent / "results" / "app.json"
BUNDLE = ROOT / "dist" / "interview-desk"
TARGET_INTERACTIVE_S = 1.5
TARGET_BUNDLE_MB = 300.0

PAGE_READY_AT = """(() => {
  const nav = performance.getEntriesByType('navigation')[0];
  return performance.timeOrigin + nav.domContentLoadedEventEnd;
})()"""


def _wait_mapped(display: str, app: AppProcess, started: float, timeout: float = 60.0) -> float:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if x11.find_windows(display, TITLE):
            return time.time() - started
        time.sleep(0.01)
    raise TimeoutError(f"the window never appeared:\n{app.logs()}")


async def one_launch(display: str, command: list[str], tmp: Path) -> dict[str, float]:
    started = time.time()
    app = AppProcess(tmp=tmp, display=display, command=command).start()
    try:
        app.wait_for_port()
        listening = time.time() - started
        mapped = _wait_mapped(display, app, started)
        async with WindowPage(app.devtools_port) as page:
            await page.wait_for(HOST_CONSOLE_READY, timeout=60)
            seen = time.time() - started
            ready_at_ms = float(await page.evaluate(PAGE_READY_AT))
        closing = time.monotonic()
        close_like_a_window_manager(app)
        code = app.wait(60)
        closed = time.monotonic() - closing
        if code != 0:
            raise RuntimeError(f"exit code {code}:\n{app.logs()}")
    finally:
        app.stop()
    return {
        "relay_listening_s": listening,
        "window_mapped_s": mapped,
        "console_interactive_s": ready_at_ms / 1000 - started,
        "console_seen_over_devtools_s": seen,
        "close_to_exit_s": closed,
    }


def summarise(runs: list[dict[str, float]]) -> dict[str, Any]:
    warm = runs[1:] or runs
    summary: dict[str, Any] = {"runs": len(runs), "cold": _rounded(runs[0])}
    for key in runs[0]:
        values = [run[key] for run in warm]
        summary[key] = {
            "median": round(statistics.median(values), 3),
            "min": round(min(values), 3),
            "max": round(max(values), 3),
        }
    return summary


def _rounded(run: dict[str, float]) -> dict[str, float]:
    return {key: round(value, 3) for key, value in run.items()}


async def launches(display: str, command: list[str], count: int) -> list[dict[str, float]]:
    runs = []
    for index in range(count):
        with tempfile.TemporaryDirectory(prefix="app-bench-") as folder:
            runs.append(await one_launch(display, command, Path(folder)))
        print(f"  launch {index + 1}: " + ", ".join(f"{k} {v:.3f}" for k, v in runs[-1].items()))
    return runs


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def archive_bytes(folder: Path) -> int:
    """Size of the folder as a .tar.gz (what the Linux download would weigh)."""
    tar = subprocess.Popen(
        ["tar", "-C", str(folder.parent), "-cf", "-", folder.name], stdout=subprocess.PIPE
    )
    gzip = subprocess.run(["gzip", "-6"], stdin=tar.stdout, capture_output=True, check=True)
    tar.wait()
    return len(gzip.stdout)


def build_bundle() -> float:
    started = time.monotonic()
    subprocess.run(
        [
            str(Path(sys.executable).with_name("pyinstaller")),
            "app.spec",
            "--noconfirm",
            "--workpath",
            ".pyinstaller/work",
            "--distpath",
            "dist",
        ],
        cwd=ROOT,
        check=True,
        capture_output=True,
        timeout=900,
    )
    return time.monotonic() - started


def bundle_figures(build: bool) -> dict[str, Any]:
    figures: dict[str, Any] = {}
    if not (BUNDLE / "interview-desk").is_file() or build:
        figures["build_s"] = round(build_bundle(), 1)
    internal = BUNDLE / "_internal"
    qt = internal / "PyQt6"
    figures.update(
        folder_mb=round(folder_bytes(BUNDLE) / 1e6, 1),
        qt_mb=round(folder_bytes(qt) / 1e6, 1) if qt.is_dir() else None,
        webengine_core_mb=round(
            sum(p.stat().st_size for p in qt.rglob("libQt6WebEngineCore.so*") if p.is_file()) / 1e6,
            1,
        ),
        pyodide_mb=round(folder_bytes(internal / "pyodide_bundle") / 1e6, 1),
        tar_gz_mb=round(archive_bytes(BUNDLE) / 1e6, 1),
        target_folder_mb=TARGET_BUNDLE_MB,
    )
    return figures


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--launches", type=int, default=6, help="per app (first is cold)")
    parser.add_argument("--skip-bundle", action="store_true", help="only the source checkout")
    parser.add_argument("--rebuild", action="store_true", help="rebuild dist/ first")
    args = parser.parse_args()

    result: dict[str, Any] = {
        "benchmark": "app",
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {
            "cpus": platform.machine(),
            "system": platform.platform(),
            "python": platform.python_version(),
            "load_average_1m_at_start": round(os.getloadavg()[0], 2),
        },
        "target_interactive_s": TARGET_INTERACTIVE_S,
    }
    with x11.xvfb() as display:
        print("python -m desktop:")
        source = await launches(display, [sys.executable, "-m", "desktop"], args.launches)
        result["source"] = summarise(source)
        if not args.skip_bundle:
            result["bundle"] = bundle_figures(args.rebuild)
            print(f"bundle: {result['bundle']}")
            bundled = await launches(display, [str(BUNDLE / "interview-desk")], args.launches)
            result["bundle"]["launch"] = summarise(bundled)
    result["machine"]["load_average_1m_at_end"] = round(os.getloadavg()[0], 2)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))
    print(f"written to {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    asyncio.run(main())
