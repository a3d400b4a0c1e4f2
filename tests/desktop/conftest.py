"""Fixtures for the desktop app: a private Xvfb and app launches that always get cleaned up."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.desktop import x11
from tests.desktop.app_process import AppProcess


@pytest.fixture(scope="module")
def display() -> Iterator[str]:
    if shutil.which("Xvfb") is None or shutil.which("xdotool") is None:
        pytest.fail("window tests need Xvfb and xdotool: run `make system-deps`")
    with x11.xvfb() as name:
        yield name


@pytest.fixture
def launch(tmp_path: Path) -> Iterator[Callable[..., AppProcess]]:
    """launch(display, **fields) starts the app; every launch is stopped at the end."""
    started: list[AppProcess] = []

    def start(display: str | None, **fields: object) -> AppProcess:
        app = AppProcess(tmp=tmp_path, display=display, **fields)  # type: ignore[arg-type]
        started.append(app)
        return app.start()

    yield start
    for app in started:
        app.stop()
