"""`interview-desk` with no display: one clear line, then the relay as `serve` runs it."""

from __future__ import annotations

import json
import signal
from collections.abc import Callable
from pathlib import Path

from tests.desktop import x11
from tests.desktop.app_process import AppProcess, free_port, port_is_free
from tests.desktop.window_steps import healthz

Launch = Callable[..., AppProcess]


def test_no_display_says_so_once_and_serves_headless(launch: Launch) -> None:
    app = launch(None)
    port = app.wait_for_port()
    app.wait_for_line("Join on:")
    assert healthz(port)["status"] == "ok"
    notes = [line for line in app.lines if line.startswith("No window:")]
    assert notes == [
        "No window: no display (neither DISPLAY nor WAYLAND_DISPLAY is set). "
        "Serving headless, as `interview-desk serve` does."
    ]
    assert app.logs().count("Host console:") == 1
    assert app.logs().count("Join on:") == 1
    assert app.process is not None
    app.process.send_signal(signal.SIGINT)
    assert app.wait() == 0, app.logs()
    assert port_is_free(port)


def test_dead_display_is_named_and_served_headless(launch: Launch) -> None:
    app = launch(":97")
    port = app.wait_for_port()
    assert "No window: no display (the X display :97 does not answer)." in app.logs()
    assert healthz(port)["status"] == "ok"  # answered only once the signal handlers are set
    assert app.process is not None
    app.process.send_signal(signal.SIGTERM)
    assert app.wait() == 0, app.logs()
    assert port_is_free(port)


def test_port_in_use_without_a_window_explains_and_suggests_another(launch: Launch) -> None:
    with x11.occupied_port() as busy:
        app = launch(None, port=busy)
        assert app.wait() == 2, app.logs()
    assert f"Port {busy} is already in use" in app.logs()
    assert "--port 0" in app.logs()
    assert "Host console:" not in app.logs()


def test_saved_port_and_data_folder_apply_when_the_command_line_gives_none(
    launch: Launch, tmp_path: Path
) -> None:
    saved_port = free_port()
    config = tmp_path / "config"
    config.mkdir()
    settings = {"port": saved_port, "data_dir": str(tmp_path / "saved-data")}
    (config / "settings.json").write_text(json.dumps(settings))
    app = launch(None, args=["--host-key", "k"])
    assert app.wait_for_port() == saved_port
    app.wait_for_line("Join on:")
    assert healthz(saved_port)["status"] == "ok"
    assert (tmp_path / "saved-data").is_dir()
    assert app.process is not None
    app.process.send_signal(signal.SIGINT)
    assert app.wait() == 0, app.logs()


def test_command_line_port_beats_the_saved_one(launch: Launch, tmp_path: Path) -> None:
    config = tmp_path / "config"
    config.mkdir()
    (config / "settings.json").write_text(json.dumps({"port": free_port()}))
    app = launch(None, args=["--port", "0", "--data-dir", str(tmp_path / "d")])
    port = app.wait_for_port()
    settings = json.loads((config / "settings.json").read_text())
    assert port != settings["port"]
    app.wait_for_line("Join on:")
    assert healthz(port)["status"] == "ok"
    assert app.process is not None
    app.process.send_signal(signal.SIGINT)
    assert app.wait() == 0, app.logs()
