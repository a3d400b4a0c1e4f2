"""Where the app's bundled files are, from a checkout or from a PyInstaller app."""

from __future__ import annotations

import sys
from pathlib import Path


def resource_root() -> Path:
    """The repository root, or the unpacked bundle when frozen by PyInstaller."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root is not None:
        return Path(frozen_root)
    return Path(__file__).resolve().parent.parent


def webui_dist() -> Path:
    return resource_root() / "webui" / "dist"


def pyodide_dir() -> Path:
    return resource_root() / "pyodide_bundle" / "node_modules" / "pyodide"


def runtimes_dir() -> Path:
    """The npm packages whose files the other languages' runners load (/runtimes/)."""
    return resource_root() / "pyodide_bundle" / "node_modules"
