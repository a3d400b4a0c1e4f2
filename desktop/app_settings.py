"""The interviewer's preferences for the desktop app, kept in the user config folder.

Only what a person chooses in the app lives here (port, data folder, run time
limit, join address); the relay's own `Settings` are built from these plus the
command line, which always wins.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any

import platformdirs

from desktop.settings import DEFAULT_PORT, Settings

CONFIG_DIR_ENV = "INTERVIEW_DESK_CONFIG_DIR"
FILE_NAME = "settings.json"
MIN_TIME_LIMIT = 1
MAX_TIME_LIMIT = 600  # the web UI's own bound (webui/src/run/controls.ts)


def config_dir() -> Path:
    """The user config folder (overridable so tests and portable installs stay apart)."""
    override = os.environ.get(CONFIG_DIR_ENV, "").strip()
    if override:
        return Path(override)
    return Path(platformdirs.user_config_dir("interview-desk", appauthor=False))


@dataclass(frozen=True)
class AppSettings:
    """What the interviewer chose last time; `None` data folder means the platform default."""

    port: int = DEFAULT_PORT
    data_dir: Path | None = None
    time_limit_seconds: int = 10
    lan_address: str | None = None

    def to_json(self) -> dict[str, Any]:
        raw = asdict(self)
        raw["data_dir"] = None if self.data_dir is None else str(self.data_dir)
        return raw


def _port(value: object) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value <= 65535:
        return value
    return None


def _time_limit(value: object) -> int | None:
    if isinstance(value, int) and not isinstance(value, bool):
        return min(max(value, MIN_TIME_LIMIT), MAX_TIME_LIMIT)
    return None


def _text(value: object) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def from_json(raw: object) -> AppSettings:
    """Every field that is valid is kept; anything odd falls back to its default."""
    defaults = AppSettings()
    if not isinstance(raw, dict):
        return defaults
    port = _port(raw.get("port"))
    limit = _time_limit(raw.get("time_limit_seconds"))
    data_dir = _text(raw.get("data_dir"))
    return AppSettings(
        port=defaults.port if port is None else port,
        data_dir=None if data_dir is None else Path(data_dir).expanduser(),
        time_limit_seconds=defaults.time_limit_seconds if limit is None else limit,
        lan_address=_text(raw.get("lan_address")),
    )


def settings_file(folder: Path | None = None) -> Path:
    return (folder or config_dir()) / FILE_NAME


def load(folder: Path | None = None) -> AppSettings:
    """The saved preferences; a missing or damaged file gives the defaults, never an error."""
    try:
        text = settings_file(folder).read_text(encoding="utf-8")
        return from_json(json.loads(text))
    except (OSError, ValueError):
        return AppSettings()


def save(settings: AppSettings, folder: Path | None = None) -> Path:
    """Write atomically, so a crash mid-write never leaves a half file behind."""
    path = settings_file(folder)
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=".settings-", suffix=".json", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            json.dump(settings.to_json(), stream, indent=2, sort_keys=True)
            stream.write("\n")
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path


def update(folder: Path | None = None, **changes: Any) -> AppSettings:
    """Load, change some fields, save; returns the new preferences."""
    changed = replace(load(folder), **changes)
    save(changed, folder)
    return changed


def relay_settings(
    saved: AppSettings,
    port: int | None = None,
    data_dir: Path | None = None,
    host_key: str | None = None,
) -> Settings:
    """The relay's settings for the app: command-line values win over saved ones."""
    chosen_dir = data_dir if data_dir is not None else saved.data_dir
    values: dict[str, Any] = {"port": saved.port if port is None else port}
    if chosen_dir is not None:
        values["data_dir"] = chosen_dir
    key = host_key or Settings.host_key_from_env()
    if key:
        values["host_key"] = key
    return Settings(**values)
