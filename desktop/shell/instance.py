"""One app per user: a second launch brings the running window forward instead.

The running app listens on a loopback port and writes that port and a random
token to a file only this user can read; a second launch sends the token and
"focus", and exits once the first one answers.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import socket
import threading
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from desktop import app_settings

FILE_NAME = "instance.json"
_FOCUS = b"focus"
_OK = b"ok\n"


def instance_file(folder: Path | None = None) -> Path:
    return (folder or app_settings.config_dir()) / FILE_NAME


def focus_running(folder: Path | None = None, timeout: float = 2.0) -> bool:
    """Ask a running app to show its window; True if one answered."""
    try:
        record = json.loads(instance_file(folder).read_text(encoding="utf-8"))
        port, token = int(record["port"]), str(record["token"])
    except (OSError, ValueError, KeyError, TypeError):
        return False
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=timeout) as channel:
            channel.sendall(token.encode() + b" " + _FOCUS + b"\n")
            return channel.recv(16) == _OK
    except OSError:
        return False  # a stale file from an app that crashed


class InstanceListener:
    """While open, answers "focus" requests from later launches by calling `on_focus`."""

    def __init__(self, on_focus: Callable[[], None], folder: Path | None = None) -> None:
        self._on_focus = on_focus
        self._path = instance_file(folder)
        self._token = secrets.token_urlsafe(24)
        self._server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._thread: threading.Thread | None = None

    def __enter__(self) -> InstanceListener:
        self._server.bind(("127.0.0.1", 0))
        self._server.listen(4)
        self._write_record(self._server.getsockname()[1])
        self._thread = threading.Thread(target=self._serve, name="instance-listener", daemon=True)
        self._thread.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        with contextlib.suppress(OSError):
            if json.loads(self._path.read_text(encoding="utf-8")).get("token") == self._token:
                self._path.unlink()
        with contextlib.suppress(OSError):
            self._server.shutdown(socket.SHUT_RDWR)
        self._server.close()
        if self._thread is not None:
            self._thread.join(timeout=2)

    def _write_record(self, port: int) -> None:
        self._path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self._path.with_suffix(".tmp")
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as stream:
            json.dump({"port": port, "token": self._token, "pid": os.getpid()}, stream)
        os.replace(temporary, self._path)

    def _serve(self) -> None:
        while True:
            try:
                channel, _ = self._server.accept()
            except OSError:
                return  # closed
            with channel:
                channel.settimeout(2.0)
                try:
                    request = channel.recv(256).strip()
                except OSError:
                    continue
                token, _, command = request.partition(b" ")
                if command == _FOCUS and secrets.compare_digest(token, self._token.encode()):
                    with contextlib.suppress(OSError):
                        channel.sendall(_OK)
                    self._on_focus()
