"""What the menu items do that needs the operating system rather than the page."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit


def open_folder(folder: Path) -> bool:
    """Show the folder in the system's file manager; False if there is none to ask."""
    folder.mkdir(parents=True, exist_ok=True)
    if sys.platform == "win32":
        os.startfile(folder)  # type: ignore[attr-defined,unused-ignore]
        return True
    opener = "open" if sys.platform == "darwin" else shutil.which("xdg-open")
    if opener is None:
        return False
    try:
        subprocess.Popen(
            [opener, str(folder)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    except OSError:
        return False
    return True


def copy_with_system_tool(text: str) -> bool:
    """The clipboard without a GUI toolkit: pbcopy, clip, wl-copy or xclip."""
    if sys.platform == "darwin":
        command = ["pbcopy"]
    elif sys.platform == "win32":
        command = ["clip"]
    elif os.environ.get("WAYLAND_DISPLAY") and shutil.which("wl-copy"):
        command = ["wl-copy"]
    elif shutil.which("xclip"):
        command = ["xclip", "-selection", "clipboard"]
    else:
        return False
    try:
        subprocess.run(command, input=text.encode(), check=True, timeout=5)
    except (OSError, subprocess.SubprocessError):
        return False
    return True


def room_from_url(url: str | None) -> str | None:
    """The room id if the window shows a room page (`/r/{id}`)."""
    if not url:
        return None
    parts = urlsplit(url).path.strip("/").split("/")
    if len(parts) == 2 and parts[0] == "r" and parts[1]:
        return parts[1]
    return None


def join_link(join_base: str, room: str | None) -> str:
    """The candidates' link: a room's page, or the relay's LAN address when no room is open."""
    base = join_base.rstrip("/")
    return f"{base}/r/{room}" if room else f"{base}/"
