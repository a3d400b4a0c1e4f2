"""Xvfb for window tests, and closing a window exactly as a window manager does.

`xdotool windowkill` and `windowclose` destroy windows behind the app's back;
a window manager instead sends the ICCCM WM_DELETE_WINDOW client message,
which is what the app must handle. Xlib is reached through ctypes.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import random
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from desktop.shell.display import unix_socket_answers

_CLIENT_MESSAGE = 33
_NO_EVENT_MASK = 0


class _ClientMessageData(ctypes.Union):
    _fields_ = (("l", ctypes.c_long * 5),)


class _XClientMessageEvent(ctypes.Structure):
    _fields_ = (
        ("type", ctypes.c_int),
        ("serial", ctypes.c_ulong),
        ("send_event", ctypes.c_int),
        ("display", ctypes.c_void_p),
        ("window", ctypes.c_ulong),
        ("message_type", ctypes.c_ulong),
        ("format", ctypes.c_int),
        ("data", _ClientMessageData),
    )


class _XEvent(ctypes.Union):
    _fields_ = (("xclient", _XClientMessageEvent), ("pad", ctypes.c_long * 24))


def _xlib() -> ctypes.CDLL:
    name = ctypes.util.find_library("X11") or "libX11.so.6"
    lib = ctypes.CDLL(name)
    lib.XOpenDisplay.restype = ctypes.c_void_p
    lib.XOpenDisplay.argtypes = (ctypes.c_char_p,)
    lib.XInternAtom.restype = ctypes.c_ulong
    lib.XInternAtom.argtypes = (ctypes.c_void_p, ctypes.c_char_p, ctypes.c_int)
    lib.XSendEvent.argtypes = (
        ctypes.c_void_p,
        ctypes.c_ulong,
        ctypes.c_int,
        ctypes.c_long,
        ctypes.c_void_p,
    )
    lib.XFlush.argtypes = (ctypes.c_void_p,)
    lib.XCloseDisplay.argtypes = (ctypes.c_void_p,)
    return lib


def send_delete_window(display: str, window: int) -> None:
    """Send WM_PROTOCOLS/WM_DELETE_WINDOW to `window`, the window manager's close request."""
    lib = _xlib()
    connection = lib.XOpenDisplay(display.encode())
    if not connection:
        raise RuntimeError(f"cannot open X display {display}")
    try:
        event = _XEvent()
        event.xclient.type = _CLIENT_MESSAGE
        event.xclient.window = window
        event.xclient.message_type = lib.XInternAtom(connection, b"WM_PROTOCOLS", 0)
        event.xclient.format = 32
        event.xclient.data.l[0] = lib.XInternAtom(connection, b"WM_DELETE_WINDOW", 0)
        event.xclient.data.l[1] = 0  # CurrentTime
        lib.XSendEvent(connection, window, 0, _NO_EVENT_MASK, ctypes.byref(event))
        lib.XFlush(connection)
    finally:
        lib.XCloseDisplay(connection)


def find_windows(display: str, name: str) -> list[int]:
    """Visible windows whose title contains `name` (xdotool search)."""
    result = subprocess.run(
        ["xdotool", "search", "--onlyvisible", "--name", name],
        env={**os.environ, "DISPLAY": display},
        capture_output=True,
        text=True,
        check=False,
    )
    return [int(line) for line in result.stdout.split()]


def screenshot(display: str, path: Path) -> Path:
    """The whole screen as PNG, with ImageMagick's `import`."""
    subprocess.run(
        ["import", "-display", display, "-window", "root", str(path)],
        check=True,
        capture_output=True,
        timeout=30,
    )
    return path


def distinct_colours(path: Path) -> int:
    """How many colours the image holds: 1 means blank."""
    result = subprocess.run(
        ["identify", "-format", "%k", str(path)],
        check=True,
        capture_output=True,
        text=True,
        timeout=30,
    )
    return int(result.stdout.strip())


@contextmanager
def xvfb(width: int = 1600, height: int = 1000) -> Iterator[str]:
    """A private X server on a random high display number (others may use :0 and :99)."""
    for _ in range(20):
        number = random.randint(200, 899)
        if Path(f"/tmp/.X{number}-lock").exists():
            continue
        server = subprocess.Popen(
            # -noreset: without it the server resets whenever its last client leaves, and a
            # client connecting during the reset is refused ("could not connect to display").
            [
                "Xvfb",
                f":{number}",
                "-screen",
                "0",
                f"{width}x{height}x24",
                "-nolisten",
                "tcp",
                "-noreset",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 30
        while server.poll() is None and time.monotonic() < deadline:
            if unix_socket_answers(f"/tmp/.X11-unix/X{number}"):
                break
            time.sleep(0.05)
        if server.poll() is not None:
            continue  # lost a race for that number; try another
        try:
            yield f":{number}"
        finally:
            server.terminate()
            try:
                server.wait(10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait(10)
        return
    raise RuntimeError("could not start Xvfb")


def wait_until_painted(display: str, path: Path, timeout: float = 30.0) -> int:
    """Screenshots until the screen holds more than a few colours; returns how many."""
    deadline = time.monotonic() + timeout
    while True:
        colours = distinct_colours(screenshot(display, path))
        if colours > 16 or time.monotonic() > deadline:
            return colours
        time.sleep(0.2)


def wait_for_window(display: str, name: str, timeout: float = 30.0) -> int:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = find_windows(display, name)
        if found:
            return found[0]
        time.sleep(0.1)
    raise TimeoutError(f"no window named {name!r} on {display}")


def press_key(display: str, name: str, key: str, timeout: float = 30.0) -> None:
    """Focus the window titled `name` and press `key` (a keysym name such as Return).

    Qt may replace a dialog's X window right after showing it, so look it up again
    until the focus sticks.
    """
    env = {**os.environ, "DISPLAY": display}
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for window in find_windows(display, name):
            focus = subprocess.run(
                ["xdotool", "windowfocus", "--sync", str(window)],
                env=env,
                capture_output=True,
                check=False,
                timeout=10,
            )
            if focus.returncode == 0:
                subprocess.run(["xdotool", "key", key], env=env, check=True, timeout=10)
                return
        time.sleep(0.1)
    raise TimeoutError(f"could not focus a window named {name!r}")


@contextmanager
def occupied_port() -> Iterator[int]:
    """A loopback port some other program is listening on."""
    import socket

    with socket.socket() as other:
        other.bind(("127.0.0.1", 0))
        other.listen(1)
        yield other.getsockname()[1]


def window_geometry(display: str, window: int) -> tuple[int, int, int, int]:
    """x, y, width, height of a window (xdotool getwindowgeometry --shell)."""
    result = subprocess.run(
        ["xdotool", "getwindowgeometry", "--shell", str(window)],
        env={**os.environ, "DISPLAY": display},
        capture_output=True,
        text=True,
        check=True,
        timeout=10,
    )
    values = dict(line.split("=", 1) for line in result.stdout.split())
    return int(values["X"]), int(values["Y"]), int(values["WIDTH"]), int(values["HEIGHT"])


def xdotool(display: str, *args: str) -> None:
    subprocess.run(
        ["xdotool", *args], env={**os.environ, "DISPLAY": display}, check=True, timeout=10
    )


def clipboard_text(display: str) -> str:
    """The CLIPBOARD selection, asked for by a throwaway Qt client on that display."""
    script = (
        "from PyQt6.QtGui import QGuiApplication\n"
        "app = QGuiApplication(['clipboard-reader', '-platform', 'xcb'])\n"
        "print(app.clipboard().text(), end='')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        env={**os.environ, "DISPLAY": display},
        capture_output=True,
        text=True,
        check=True,
        timeout=30,
    )
    return result.stdout
