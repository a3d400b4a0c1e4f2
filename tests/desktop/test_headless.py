"""`interview-desk` with no display: one clear line, then the relay as `serve` runs it."""

from __future__ import annotations

import signal
from collections.abc import Callable

from tests.desktop import x11
from tests.desktop.app_process import AppProcess, port_is_free
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
