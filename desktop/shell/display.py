"""Whether a window can be shown at all, and the Qt set-up the window needs.

Qt aborts with a misleading libxcb message when there is no display, so we
look first and serve headless with one clear line instead.
"""

from __future__ import annotations

import os
import socket
import sys
import threading
from collections.abc import Callable, Mapping, MutableMapping
from pathlib import Path

# Qt platforms that draw without any display server.
_HEADLESS_QT_PLATFORMS = ("offscreen", "minimal", "vnc", "eglfs", "linuxfb")
SITE_PER_PROCESS = "--site-per-process"


def unix_socket_answers(path: str, hold_seconds: float = 0.0) -> bool:
    """True if something accepts connections on this Unix socket (abstract if it starts with @).

    `hold_seconds` keeps the probe connected a while: an X server with no other
    client resets when its last client leaves, and refuses whoever connects
    during the reset — which would be Qt, a moment later.
    """
    family = getattr(socket, "AF_UNIX", None)
    if family is None:
        return False
    address = "\0" + path[1:] if path.startswith("@") else path
    probe = socket.socket(family, socket.SOCK_STREAM)
    probe.settimeout(1.0)
    try:
        probe.connect(address)
    except OSError:
        probe.close()
        return False
    if hold_seconds > 0:
        closer = threading.Timer(hold_seconds, probe.close)
        closer.daemon = True
        closer.start()
    else:
        probe.close()
    return True


def _x_display_answers(path: str) -> bool:
    return unix_socket_answers(path, hold_seconds=30.0)


def _x11_socket_paths(display: str) -> list[str] | None:
    """The local sockets of an X display like ':1' or 'unix:1.0'; None for a remote one."""
    host, _, rest = display.rpartition(":")
    number = rest.split(".", 1)[0]
    if not number.isdigit():
        return []
    if host not in ("", "unix"):
        return None  # e.g. ssh -X's localhost:10: trust it rather than probe a TCP port
    name = f"/tmp/.X11-unix/X{number}"
    return [name, "@" + name]


def missing_display(
    env: Mapping[str, str] | None = None,
    platform: str = sys.platform,
    answers: Callable[[str], bool] = _x_display_answers,
) -> str | None:
    """Why no window can be shown, or None when one can."""
    env = os.environ if env is None else env
    if platform in ("win32", "darwin"):
        return None
    if env.get("QT_QPA_PLATFORM", "").split(":", 1)[0] in _HEADLESS_QT_PLATFORMS:
        return None
    wayland = env.get("WAYLAND_DISPLAY", "")
    if wayland:
        runtime = env.get("XDG_RUNTIME_DIR", "")
        path = wayland if wayland.startswith("/") else str(Path(runtime) / wayland)
        if answers(path):
            return None
    x11 = env.get("DISPLAY", "")
    if x11:
        paths = _x11_socket_paths(x11)
        if paths is None or any(answers(path) for path in paths):
            return None
        return f"the X display {x11} does not answer"
    if wayland:
        return f"the Wayland display {wayland} does not answer"
    return "neither DISPLAY nor WAYLAND_DISPLAY is set"


def prepare_qt_environment(
    env: MutableMapping[str, str] | None = None, is_root: bool | None = None
) -> None:
    """Set before Qt starts: an own renderer per frame, and no sandbox when running as root."""
    env = os.environ if env is None else env
    # Without it a runaway loop in the runner's iframe freezes the whole window (FACTS.md).
    flags = env.get("QTWEBENGINE_CHROMIUM_FLAGS", "").split()
    if SITE_PER_PROCESS not in flags:
        env["QTWEBENGINE_CHROMIUM_FLAGS"] = " ".join([*flags, SITE_PER_PROCESS])
    if is_root is None:
        is_root = hasattr(os, "geteuid") and os.geteuid() == 0
    if is_root:
        # Chromium refuses to sandbox as root and Qt WebEngine then exits.
        env.setdefault("QTWEBENGINE_DISABLE_SANDBOX", "1")
