"""The pywebview window on the host console, with the app's native menu.

The page gets no Python API: every app command lives in the native menu, so
nothing in the page (let alone user code in a runner frame) can call into
Python. The host key reaches the page in the URL fragment of a loopback URL,
which no browser sends over the network.
"""

from __future__ import annotations

import html
import json
import signal
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

import webview
from webview.guilib import GUIType
from webview.menu import Menu, MenuAction, MenuSeparator

from desktop import app_settings, lan
from desktop.relay.server import PortInUseError, RelayServer, print_addresses
from desktop.shell import actions
from desktop.shell.resources import icon_path

TITLE = "Interview Desk"
SIZE = (1280, 820)
MIN_SIZE = (820, 560)
TIME_LIMITS = (10, 30, 60, 120, 300, 600)
# Where the web UI keeps the run time limit (webui/src/run/controls.ts); the app seeds it.
TIME_LIMIT_KEY = "interview-desk.time-limit-seconds"

_LATEST_ROOM_JS = """(() => {
  const cards = document.querySelectorAll('[data-testid="room-card"]');
  return cards.length ? cards[cards.length - 1].getAttribute('data-room') : null;
})()"""

_BUSY_PAGE = """<!doctype html><meta charset="utf-8"><title>Interview Desk</title>
<body style="font:16px system-ui,sans-serif;margin:3em;max-width:40em">
<h1>Port {port} is in use</h1>
<p>Another program is listening on port {port}, so Interview Desk cannot start its relay
there. Choose in the dialog whether to start on a free port instead.</p>"""

_PROBLEM_PAGE = """<!doctype html><meta charset="utf-8"><title>Interview Desk</title>
<body style="font:16px system-ui,sans-serif;margin:3em;max-width:40em">
<h1>Interview Desk cannot start</h1>
<p>{message}</p>
<p>Close this window to quit.</p>"""


def show_problem(message: str) -> int:
    """A window that only says why the app cannot start; exit code 2 once it is closed."""
    page = _PROBLEM_PAGE.format(message=html.escape(message))
    webview.create_window(TITLE, html=page, width=SIZE[0] // 2, height=SIZE[1] // 2)
    with web_storage() as storage:
        webview.start(gui=gui_name(), **storage)
    return 2


def gui_name() -> GUIType | None:
    """Qt on Linux unless the interviewer asks for GTK; the platform's own engine elsewhere."""
    if sys.platform.startswith("linux"):
        import os

        return "gtk" if os.environ.get("PYWEBVIEW_GUI", "").lower() == "gtk" else "qt"
    return None


@contextmanager
def web_storage() -> Iterator[dict[str, Any]]:
    """Nothing of the page outlives the window. Qt's private mode keeps storage in memory; GTK's
    turns localStorage and sessionStorage off (the host key lives there), so under GTK the page
    gets a fresh folder that is removed when the window closes."""
    if gui_name() != "gtk":
        yield {"private_mode": True}
        return
    with tempfile.TemporaryDirectory(prefix="interview-desk-webview-") as folder:
        yield {"private_mode": False, "storage_path": folder}


class DeskWindow:
    """One window, its menu, and the relay it shows (replaced if the port was busy)."""

    def __init__(
        self,
        relay: RelayServer,
        prefs: app_settings.AppSettings,
        busy: PortInUseError | None = None,
    ) -> None:
        self.relay = relay
        self.prefs = prefs
        self.busy = busy
        self.exit_code = 0
        self.window: Any = None
        self._native_qt = False
        self._seeded = False

    # --- life cycle -------------------------------------------------------------------

    def run(self) -> int:
        """Show the window until it is closed; returns the process exit code."""
        if self.busy is None:
            self.window = webview.create_window(
                TITLE, url=self.relay.host_console_url, width=SIZE[0], height=SIZE[1],
                min_size=MIN_SIZE,
            )  # fmt: skip
        else:
            page = _BUSY_PAGE.format(port=self.busy.port)
            self.window = webview.create_window(
                TITLE, html=page, width=SIZE[0], height=SIZE[1], min_size=MIN_SIZE
            )
        self.window.events.loaded += self._on_loaded
        previous = signal.signal(signal.SIGTERM, lambda *_: self._quit_soon())
        icon = icon_path()
        if gui_name() == "qt":
            from desktop.shell import qt_glue

            qt_glue.name_the_app()
        try:
            with web_storage() as storage:
                webview.start(
                    self._after_start,
                    gui=gui_name(),
                    menu=self._menu(),
                    icon=None if icon is None else str(icon),
                    **storage,
                )
        finally:
            signal.signal(signal.SIGTERM, previous)
        return self.exit_code

    def _after_start(self) -> None:
        self._native_qt = "webview.platforms.qt" in sys.modules
        if self.busy is not None:
            self._offer_free_port(self.busy)

    def _offer_free_port(self, busy: PortInUseError) -> None:
        question = (
            f"Port {busy.port} is already in use by another program.\n\n"
            "Start Interview Desk on a free port instead? (Cancel quits.)"
        )
        if not self.window.create_confirmation_dialog("Port in use", question):
            print(busy.strerror, file=sys.stderr, flush=True)
            self.exit_code = 2
            self.window.destroy()
            return
        relay = RelayServer(replace(self.relay.settings, port=0))
        relay.start()
        self.relay = relay
        self.busy = None
        print_addresses(relay.port, relay.settings)
        self.window.load_url(relay.host_console_url)

    def _on_loaded(self) -> None:
        """Hand the saved time limit to the first page; keep what the page changed later."""
        url = self.window.get_current_url() or ""
        if self.busy is not None or not url.startswith(f"http://127.0.0.1:{self.relay.port}/"):
            return
        if not self._seeded:
            self._seeded = True
            self._set_page_time_limit(self.prefs.time_limit_seconds)
            return
        stored = _int_or_none(
            self.window.evaluate_js(f"localStorage.getItem({json.dumps(TIME_LIMIT_KEY)})")
        )
        if stored is None:
            return
        seconds = app_settings.from_json({"time_limit_seconds": stored}).time_limit_seconds
        if seconds != self.prefs.time_limit_seconds:
            self.prefs = app_settings.update(time_limit_seconds=seconds)

    def _set_page_time_limit(self, seconds: int) -> None:
        value = json.dumps(str(seconds))
        self.window.evaluate_js(
            "(() => {"
            f" localStorage.setItem({json.dumps(TIME_LIMIT_KEY)}, {value});"
            " const limit = document.querySelector('[data-testid=\"time-limit\"]');"
            f" if (limit) {{ limit.value = {value}; limit.dispatchEvent(new Event('change')); }}"
            " return true; })()"
        )

    def _quit_soon(self) -> None:
        # A signal handler must not wait for the GUI; the window closes from another thread.
        threading.Thread(target=self.quit, daemon=True).start()

    def focus(self) -> None:
        """Bring the window forward (a second launch asked for it)."""
        if self.window is None:
            return
        if self._native_qt:
            from desktop.shell import qt_glue

            qt_glue.bring_to_front(self.window.native)
        else:
            self.window.restore()
            self.window.show()

    # --- menu commands ----------------------------------------------------------------

    def new_interview(self) -> None:
        """The host console is where interviews are named and created."""
        if self.busy is None:
            self.window.load_url(self.relay.host_console_url)

    def copy_join_link(self) -> None:
        room = actions.room_from_url(self.window.get_current_url())
        if room is None:
            found = self.window.evaluate_js(_LATEST_ROOM_JS)
            room = found if isinstance(found, str) and found else None
        if room is None:
            self._tell("Copy join link", "Create an interview first: Interview → New interview.")
            return
        link = actions.join_link(self.relay.join_url, room)
        if self._native_qt:
            from desktop.shell import qt_glue

            qt_glue.copy_text(link)
        elif not actions.copy_with_system_tool(link):
            self._tell("Join link", link)
            return
        self._flash_title(f"{TITLE} — join link copied")

    def open_data_folder(self) -> None:
        folder = self.relay.settings.data_dir
        if not actions.open_folder(folder):
            self._tell("Data folder", f"Interviews are stored in:\n{folder}")

    def quit(self) -> None:
        if self.window is not None:
            self.window.destroy()

    def choose_address(self, address: str | None) -> None:
        lan.choose(address)
        self.prefs = app_settings.update(lan_address=address)
        shown = address or lan.join_address()
        self._tell(
            "Join address",
            f"Interview → Copy join link now uses {shown}; links the host console shows use it"
            " from the next start.",
        )

    def set_time_limit(self, seconds: int) -> None:
        self.prefs = app_settings.update(time_limit_seconds=seconds)
        if self.busy is None:
            self._set_page_time_limit(seconds)

    def set_port(self, port: int) -> None:
        self.prefs = app_settings.update(port=port)
        shown = "any free port" if port == 0 else f"port {port}"
        self._tell("Port", f"Interview Desk will use {shown} from the next start.")

    def choose_data_folder(self) -> None:
        picked = self.window.create_file_dialog(webview.FileDialog.FOLDER)
        if not picked:
            return
        folder = Path(picked[0])
        self.prefs = app_settings.update(data_dir=folder)
        self._tell("Data folder", f"From the next start, interviews are stored in:\n{folder}")

    def default_data_folder(self) -> None:
        self.prefs = app_settings.update(data_dir=None)
        self._tell("Data folder", "From the next start, interviews use the default folder.")

    # --- helpers ----------------------------------------------------------------------

    def _tell(self, title: str, message: str) -> None:
        self.window.create_confirmation_dialog(title, message)

    def _flash_title(self, title: str) -> None:
        self.window.set_title(title)
        timer = threading.Timer(2.0, lambda: self.window.set_title(TITLE))
        timer.daemon = True
        timer.start()

    def _menu(self) -> list[Menu]:
        interview = Menu(
            "Interview",
            [
                _action("New interview", self.new_interview),
                _action("Copy join link", self.copy_join_link),
                _action("Open data folder", self.open_data_folder),
                MenuSeparator(),
                _action("Quit", self.quit),
            ],
        )
        menus = [interview]
        candidates = lan.lan_candidates()
        if len(candidates) > 1:
            current = lan.join_address()
            items: list[Menu | MenuAction | MenuSeparator] = [
                _action(_mark(c.address == current) + c.label, _bind(self.choose_address, c))
                for c in candidates
            ]
            items += [MenuSeparator(), _action("Automatic", lambda: self.choose_address(None))]
            menus.append(Menu("Join address", items))
        menus.append(self._settings_menu())
        return menus

    def _settings_menu(self) -> Menu:
        limit = self.prefs.time_limit_seconds
        limits: list[Menu | MenuAction | MenuSeparator] = [
            _action(_mark(s == limit) + f"{s} seconds", _bind_int(self.set_time_limit, s))
            for s in TIME_LIMITS
        ]
        port = self.prefs.port
        ports: list[Menu | MenuAction | MenuSeparator] = [
            _action(_mark(port == 8765) + "8765 (default)", lambda: self.set_port(8765)),
            _action(_mark(port == 0) + "Any free port", lambda: self.set_port(0)),
            _action(
                f"The port in use now ({self.relay.port})",
                lambda: self.set_port(self.relay.port),
            ),
        ]
        return Menu(
            "Settings",
            [
                Menu("Run time limit", limits),
                Menu("Port", ports),
                _action("Choose data folder…", self.choose_data_folder),
                _action("Use the default data folder", self.default_data_folder),
            ],
        )


def _int_or_none(value: object) -> int | None:
    try:
        return int(str(value))
    except ValueError:
        return None


def _action(title: str, command: Any) -> MenuAction:
    """A menu item. GTK names each action after its title, and GLib aborts the app on a "("
    there (it reads a target value), so under GTK parentheses become a middle dot."""
    if gui_name() == "gtk":
        title = title.replace(" (", " · ").replace("(", "").replace(")", "")
    return MenuAction(title, command)


def _mark(selected: bool) -> str:
    return "✓ " if selected else "    "


def _bind(command: Any, candidate: lan.Candidate) -> Any:
    return lambda: command(candidate.address)


def _bind_int(command: Any, value: int) -> Any:
    return lambda: command(value)
