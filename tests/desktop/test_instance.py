"""One app per user: the listener answers focus requests; stale records are ignored."""

from __future__ import annotations

import json
import socket
import threading
from pathlib import Path

from desktop.shell.instance import InstanceListener, focus_running, instance_file


def test_focus_request_reaches_the_running_app(tmp_path: Path) -> None:
    asked = threading.Event()
    with InstanceListener(asked.set, tmp_path):
        assert instance_file(tmp_path).stat().st_mode & 0o777 == 0o600
        assert focus_running(tmp_path)
        assert asked.wait(5)
    assert not instance_file(tmp_path).exists()
    assert not focus_running(tmp_path)


def test_nothing_running_means_no_focus(tmp_path: Path) -> None:
    assert not focus_running(tmp_path)


def test_record_of_a_crashed_app_is_ignored(tmp_path: Path) -> None:
    with socket.socket() as gone:
        gone.bind(("127.0.0.1", 0))
        port = gone.getsockname()[1]
    instance_file(tmp_path).write_text(json.dumps({"port": port, "token": "x", "pid": 1}))
    assert not focus_running(tmp_path)


def test_wrong_token_is_not_obeyed(tmp_path: Path) -> None:
    asked = threading.Event()
    with InstanceListener(asked.set, tmp_path):
        record = json.loads(instance_file(tmp_path).read_text())
        with socket.create_connection(("127.0.0.1", record["port"]), timeout=5) as channel:
            channel.sendall(b"not-the-token focus\n")
            assert channel.recv(16) == b""
        assert not asked.is_set()
        assert focus_running(tmp_path)
        assert asked.wait(5)


def test_damaged_record_is_ignored(tmp_path: Path) -> None:
    instance_file(tmp_path).write_text("{not json")
    assert not focus_running(tmp_path)
