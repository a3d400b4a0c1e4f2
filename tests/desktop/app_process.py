"""`interview-desk` (the app, not `serve`) as a subprocess, with its logs on failure.

The relay listens on 127.0.0.1 only (INTERVIEW_DESK_HOST), settings go to a
private config folder, and the window's DevTools endpoint is opened on a free
loopback port so tests can look at the real page.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

HOST_CONSOLE_LINE = re.compile(r"Host console: http://127\.0\.0\.1:(\d+)/#host=(\S+)")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def port_is_free(port: int) -> bool:
    """Nobody listens there and a new relay could bind it (as it does, with SO_REUSEADDR)."""
    with socket.socket() as client:
        if client.connect_ex(("127.0.0.1", port)) == 0:
            return False
    with socket.socket() as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


@dataclass
class AppProcess:
    """start() launches the app; .port, .devtools_port; close with the window or stop()."""

    tmp: Path
    display: str | None
    port: int = 0
    host_key: str = "window-test-host-key-0123"
    command: list[str] = field(default_factory=lambda: [sys.executable, "-m", "desktop"])
    extra_env: dict[str, str] = field(default_factory=dict)
    devtools_port: int = field(default_factory=free_port)
    args: list[str] | None = None  # instead of --port/--data-dir/--host-key
    process: subprocess.Popen[str] | None = None
    lines: list[str] = field(default_factory=list)
    _ports: list[int] = field(default_factory=list)
    _seen: threading.Condition = field(default_factory=threading.Condition)

    @property
    def config_dir(self) -> Path:
        return self.tmp / "config"

    def env(self) -> dict[str, str]:
        env = {
            key: value
            for key, value in os.environ.items()
            if key not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
        }
        env.update(
            PYTHONUNBUFFERED="1",
            INTERVIEW_DESK_HOST="127.0.0.1",
            INTERVIEW_DESK_CONFIG_DIR=str(self.config_dir),
            QTWEBENGINE_REMOTE_DEBUGGING=f"127.0.0.1:{self.devtools_port}",
        )
        if self.display is not None:
            env["DISPLAY"] = self.display
        env.update(self.extra_env)
        return env

    def start(self) -> AppProcess:
        options = self.args
        if options is None:
            options = ["--port", str(self.port), "--data-dir", str(self.tmp / "data")]
            options.append(f"--host-key={self.host_key}")  # a key may begin with "-"
        args = [*self.command, *options]
        self.process = subprocess.Popen(
            args,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env=self.env(),
        )
        threading.Thread(target=self._pump, daemon=True).start()
        return self

    def _pump(self) -> None:
        assert self.process is not None
        assert self.process.stdout is not None
        with self.process.stdout:
            for line in self.process.stdout:
                with self._seen:
                    self.lines.append(line.rstrip("\n"))
                    match = HOST_CONSOLE_LINE.search(line)
                    if match:
                        self._ports.append(int(match.group(1)))
                    self._seen.notify_all()

    def wait_for_line(self, needle: str, timeout: float = 60.0) -> str:
        deadline = time.monotonic() + timeout
        with self._seen:
            while True:
                for line in self.lines:
                    if needle in line:
                        return line
                remaining = deadline - time.monotonic()
                if remaining <= 0 or (self.process is not None and self.process.poll() is not None):
                    raise RuntimeError(f"no line with {needle!r}:\n{self.logs()}")
                self._seen.wait(min(remaining, 0.2))

    def wait_for_port(self, count: int = 1, timeout: float = 60.0) -> int:
        """The relay port from the `count`-th Host console line."""
        deadline = time.monotonic() + timeout
        with self._seen:
            while len(self._ports) < count:
                remaining = deadline - time.monotonic()
                if remaining <= 0 or (self.process is not None and self.process.poll() is not None):
                    raise RuntimeError(f"the app printed no host console line:\n{self.logs()}")
                self._seen.wait(min(remaining, 0.2))
            self.port = self._ports[count - 1]
            return self.port

    def wait(self, timeout: float = 30.0) -> int:
        assert self.process is not None
        try:
            return self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            raise RuntimeError(f"the app did not exit:\n{self.logs()}") from None

    def logs(self) -> str:
        with self._seen:
            return "\n".join(self.lines)

    def stop(self) -> None:
        """Clean-up for tests that failed half-way: SIGTERM, then SIGKILL."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(15)
