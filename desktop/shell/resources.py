"""Files the window itself needs (its icon), from a checkout or a PyInstaller bundle."""

from __future__ import annotations

import sys
from pathlib import Path

from desktop.paths import resource_root

ICON_NAMES = {"win32": "interview-desk.ico", "darwin": "interview-desk.png"}


def icon_path(platform: str = sys.platform) -> Path | None:
    """The window icon for this platform, if it was packaged."""
    name = ICON_NAMES.get(platform, "interview-desk.png")
    path = resource_root() / "build" / "icons" / name
    return path if path.is_file() else None
