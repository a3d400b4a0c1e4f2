"""The PyInstaller app: build it as `make bundle` does, then run what was built.

The build takes about a minute (Qt WebEngine is large), so it happens once per
module, into a temporary dist folder; PyInstaller's work folder is reused.
"""

from __future__ import annotations

import json
import shutil
import signal
import subprocess
import sys
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from desktop import languages
from tests.desktop import x11
from tests.desktop.app_process import AppProcess, port_is_free
from tests.desktop.cdp import WindowPage
from tests.desktop.window_steps import (
    HOST_CONSOLE_READY,
    TITLE,
    close_like_a_window_manager,
    healthz,
)
from tests.support.relay_process import RelayProcess

pytestmark = pytest.mark.bundle

ROOT = Path(__file__).resolve().parents[2]
Launch = Callable[..., AppProcess]


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


@pytest.fixture(scope="module")
def bundle(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    dist = tmp_path_factory.mktemp("dist")
    pyinstaller = Path(sys.executable).with_name("pyinstaller")
    result = subprocess.run(
        [
            str(pyinstaller),
            "app.spec",
            "--noconfirm",
            "--workpath",
            ".pyinstaller/work",
            "--distpath",
            str(dist),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    app = dist / "interview-desk"
    yield app
    shutil.rmtree(dist, ignore_errors=True)


class BundledRelay(RelayProcess):
    """`interview-desk serve` from the built folder instead of `python -m desktop`."""

    executable: Path = Path()

    def command(self) -> list[str]:
        return [str(self.executable), *super().command()[3:]]


def get(url: str) -> tuple[int, dict[str, str], bytes]:
    with urllib.request.urlopen(url, timeout=10) as reply:
        return reply.status, dict(reply.headers), reply.read()


def test_bundle_is_one_folder_with_the_web_ui_pyodide_and_runtimes_inside(bundle: Path) -> None:
    assert (bundle / "interview-desk").is_file()
    internal = bundle / "_internal"
    assert (internal / "webui" / "dist" / "index.html").is_file()
    assert (internal / "webui" / "dist" / "room.html").is_file()
    pyodide = internal / "pyodide_bundle" / "node_modules" / "pyodide"
    assert (pyodide / "pyodide.asm.wasm").is_file()
    assert (internal / "desktop" / "languages.json").is_file()
    node_modules = internal / "pyodide_bundle" / "node_modules"
    for language in languages.all_languages():
        if language.runtime is None:
            continue
        for name in language.runtime.files:
            assert (node_modules / language.runtime.package / name).is_file(), name
    # Only the listed runtime files: no debug builds, no other files of the packages.
    ruby = node_modules / "@ruby" / "3.4-wasm-wasi" / "dist"
    assert (ruby / "ruby+stdlib.wasm.br").is_file()
    assert not (ruby / "ruby.debug+stdlib.wasm").exists()
    assert not (node_modules / "typescript" / "package.json").exists()
    assert (internal / "build" / "icons" / "interview-desk.png").is_file()
    # Modules the app does not use stay out.
    assert not list(internal.rglob("libQt6Quick3D*"))
    assert not list(internal.rglob("libgtk-3*"))
    assert folder_size(bundle) > 0


def test_built_app_serves_healthz_and_a_room_with_pyodide_and_runtimes(
    bundle: Path, tmp_path: Path
) -> None:
    relay = BundledRelay(data_dir=tmp_path / "data")
    relay.executable = bundle / "interview-desk"
    relay.start()
    try:
        assert healthz(relay.port)["status"] == "ok"
        room = relay.create_room("bundle")["room"]
        status, headers, body = get(f"{relay.base_url}/r/{room}")
        assert status == 200
        assert headers["Content-Type"].startswith("text/html")
        assert b'name="interview-desk-pyodide-base"' in body
        status, headers, body = get(f"{relay.base_url}/pyodide/pyodide.asm.wasm")
        assert (status, headers["Content-Type"]) == (200, "application/wasm")
        assert body[:4] == b"\0asm"
        status, _, body = get(f"{relay.base_url}/pyodide/pyodide-lock.json")
        assert "packages" in json.loads(body)
        status, headers, body = get(f"{relay.base_url}/runtimes/ruby/dist/ruby+stdlib.wasm")
        assert (status, headers["Content-Type"]) == (200, "application/wasm")
        assert body[:4] == b"\0asm"
        status, _, body = get(f"{relay.base_url}/runtimes/sql/dist/sql-wasm.js")
        assert (status, b"initSqlJs" in body) == (200, True)
    finally:
        assert relay.stop() == 0
    assert port_is_free(relay.port)


def test_built_app_without_a_display_serves_headless(bundle: Path, launch: Launch) -> None:
    app = launch(None, command=[str(bundle / "interview-desk")])
    port = app.wait_for_port()
    app.wait_for_line("Join on:")
    assert healthz(port)["status"] == "ok"
    assert "No window: no display" in app.logs()
    assert app.process is not None
    app.process.send_signal(signal.SIGINT)
    assert app.wait() == 0, app.logs()


async def test_built_app_opens_the_window_and_closes_cleanly(bundle: Path, launch: Launch) -> None:
    with x11.xvfb() as display:
        app = launch(display, command=[str(bundle / "interview-desk")])
        port = app.wait_for_port()
        x11.wait_for_window(display, TITLE)
        async with WindowPage(app.devtools_port) as page:
            await page.wait_for(HOST_CONSOLE_READY)
            assert await page.evaluate("crossOriginIsolated") is True
        close_like_a_window_manager(app)
        assert app.wait() == 0, app.logs()
        assert port_is_free(port)
