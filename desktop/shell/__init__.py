"""The desktop app: the relay on a background thread, the window on the main thread.

Nothing here imports `webview` at module level, so the headless paths never
load a GUI toolkit; `desktop.shell.window` is the one module that does.
"""

from __future__ import annotations

import asyncio
import faulthandler
import os
import signal
import sys
import threading
import time
from dataclasses import replace
from typing import TYPE_CHECKING

from desktop import app_settings, lan
from desktop.folder_lock import FolderInUseError
from desktop.relay.server import PortInUseError, RelayServer, print_addresses, serve_until_stopped
from desktop.schema import NewerDatabaseError
from desktop.settings import Settings
from desktop.shell import display, instance

if TYPE_CHECKING:
    from desktop.shell.window import DeskWindow

HOST_ENV = "INTERVIEW_DESK_HOST"
GRACE_SECONDS = 0.5


def _listen_address(settings: Settings) -> Settings:
    """All interfaces by default; the environment can pin one (tests use 127.0.0.1)."""
    host = os.environ.get(HOST_ENV, "").strip()
    return replace(settings, host=host) if host else settings


def serve_headless(settings: Settings, reason: str) -> int:
    """What `serve` does, after saying in one line why there is no window."""
    print(f"No window: {reason}. Serving headless, as `interview-desk serve` does.", flush=True)
    asyncio.run(serve_until_stopped(settings))
    return 0


def _wait_for_interrupt() -> None:
    """Until Ctrl-C or SIGTERM, for when the relay runs on but the window could not open."""
    stop = threading.Event()
    previous = signal.signal(signal.SIGTERM, lambda *_: stop.set())
    try:
        while not stop.wait(0.5):
            pass
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)


def _show(desk: DeskWindow) -> int:
    """The window's exit code; headless until interrupted if the GUI toolkit fails."""
    try:
        return desk.run()
    except Exception as error:
        if desk.busy is not None:
            raise  # no relay is running to fall back on
        print(
            f"No window: the window could not open ({error}). Serving headless until Ctrl-C.",
            file=sys.stderr,
            flush=True,
        )
        _wait_for_interrupt()
        return 0


def _exit_despite_stuck_gui_threads(code: int) -> int:
    """Returns `code`, or ends the process if GUI threads would keep it alive.

    pywebview can leave a non-daemon thread waiting forever for a script result
    from a window that has closed (seen when a window closes right after its
    page loads); the interpreter would then never exit.
    """
    deadline = time.monotonic() + GRACE_SECONDS
    for thread in threading.enumerate():
        if thread is not threading.current_thread() and not thread.daemon:
            thread.join(max(0.0, deadline - time.monotonic()))
    stuck = [t for t in threading.enumerate() if t.is_alive() and not t.daemon]
    if len(stuck) <= 1:
        return code
    for stream in (sys.stdout, sys.stderr):
        if stream is not None:
            stream.flush()
    os._exit(code)


def run_app(settings: Settings) -> int:
    """`interview-desk` without a subcommand; returns the exit code."""
    settings = _listen_address(settings)
    if hasattr(signal, "SIGUSR1") and sys.stderr is not None:
        # `kill -USR1 PID` prints every thread's stack: the way to see where a GUI hangs.
        faulthandler.register(signal.SIGUSR1, all_threads=True)
    prefs = app_settings.load()
    if prefs.lan_address:
        lan.choose(prefs.lan_address)
    missing = display.missing_display()
    if missing is not None:
        return serve_headless(settings, f"no display ({missing})")
    if instance.focus_running():
        print("Interview Desk is already running: brought its window to the front.", flush=True)
        return 0
    display.prepare_qt_environment()

    relay = RelayServer(settings)
    busy: PortInUseError | None = None
    try:
        relay.start()
    except PortInUseError as error:
        busy = error
        print(error.strerror, file=sys.stderr, flush=True)
    except (FolderInUseError, NewerDatabaseError) as error:
        print(error, file=sys.stderr, flush=True)
        from desktop.shell.window import show_problem

        return _exit_despite_stuck_gui_threads(show_problem(str(error)))
    else:
        print_addresses(relay.port, relay.settings)

    from desktop.shell.window import DeskWindow

    desk = DeskWindow(relay, prefs, busy)
    try:
        with instance.InstanceListener(desk.focus):
            code = _show(desk)
    finally:
        # A relay thread left running would keep the process alive after the window is gone.
        desk.relay.stop()
        relay.stop()
    return _exit_despite_stuck_gui_threads(code)
