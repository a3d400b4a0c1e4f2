"""Preferences saved in the user config folder: round trip, damage, command-line precedence."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from desktop import app_settings
from desktop.app_settings import AppSettings, relay_settings
from desktop.settings import DEFAULT_PORT, HOST_KEY_ENV


def test_nothing_saved_gives_the_defaults(tmp_path: Path) -> None:
    assert app_settings.load(tmp_path) == AppSettings()
    assert AppSettings().port == DEFAULT_PORT


def test_saved_settings_come_back(tmp_path: Path) -> None:
    chosen = AppSettings(
        port=9001, data_dir=tmp_path / "rooms", time_limit_seconds=60, lan_address="10.0.0.4"
    )
    path = app_settings.save(chosen, tmp_path)
    assert path == tmp_path / "settings.json"
    assert app_settings.load(tmp_path) == chosen
    assert [p.name for p in tmp_path.iterdir()] == ["settings.json"]


def test_update_changes_only_what_it_names(tmp_path: Path) -> None:
    app_settings.save(AppSettings(port=9001), tmp_path)
    updated = app_settings.update(tmp_path, time_limit_seconds=120)
    assert updated == AppSettings(port=9001, time_limit_seconds=120)
    assert app_settings.load(tmp_path) == updated


def test_config_folder_comes_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(app_settings.CONFIG_DIR_ENV, str(tmp_path / "cfg"))
    app_settings.update(port=0)
    assert json.loads((tmp_path / "cfg" / "settings.json").read_text())["port"] == 0


@pytest.mark.parametrize("text", ["", "{", "[1, 2]", "null", '"port"'])
def test_damaged_file_gives_the_defaults(tmp_path: Path, text: str) -> None:
    (tmp_path / "settings.json").write_text(text)
    assert app_settings.load(tmp_path) == AppSettings()


def test_invalid_fields_fall_back_one_by_one(tmp_path: Path) -> None:
    raw = {"port": 70000, "time_limit_seconds": 99999, "data_dir": "  ", "lan_address": 5}
    (tmp_path / "settings.json").write_text(json.dumps(raw))
    loaded = app_settings.load(tmp_path)
    assert loaded.port == DEFAULT_PORT
    assert loaded.time_limit_seconds == app_settings.MAX_TIME_LIMIT
    assert loaded.data_dir is None
    assert loaded.lan_address is None


def test_booleans_are_not_ports(tmp_path: Path) -> None:
    (tmp_path / "settings.json").write_text('{"port": true, "time_limit_seconds": false}')
    assert app_settings.load(tmp_path) == AppSettings()


def test_command_line_wins_over_saved_values(tmp_path: Path) -> None:
    saved = AppSettings(port=9001, data_dir=tmp_path / "saved")
    assert relay_settings(saved).port == 9001
    assert relay_settings(saved).data_dir == tmp_path / "saved"
    explicit = relay_settings(saved, port=0, data_dir=tmp_path / "cli", host_key="k")
    assert (explicit.port, explicit.data_dir, explicit.host_key) == (0, tmp_path / "cli", "k")


def test_host_key_from_the_environment_when_not_given(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(HOST_KEY_ENV, "from-env")
    assert relay_settings(AppSettings()).host_key == "from-env"
    monkeypatch.delenv(HOST_KEY_ENV)
    assert relay_settings(AppSettings()).host_key != relay_settings(AppSettings()).host_key
