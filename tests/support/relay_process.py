"""The real relay as a subprocess on a free loopback port, with its logs on failure."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

HOST_CONSOLE_LINE = re.compile(r"Host console: http://127\.0\.0\.1:(\d+)/#host=(\S+)")


@dataclass
class RelayProcess:
    """`interview-desk serve` on 127.0.0.1; start(), use .base_url, stop()."""

    data_dir: Path
    host_key: str = "test-host-key-0123456789"
    port: int = 0
    extra_args: list[str] = field(default_factory=list)
    env: dict[str, str] = field(default_factory=dict)
    process: subprocess.Popen[str] | None = None
    log_lines: list[str] = field(default_factory=list)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def ws_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}"

    def command(self) -> list[str]:
        return [
            sys.executable,
            "-m",
            "desktop",
            "serve",
            "--host",
            "127.0.0.1",
            "--port",
            str(self.port),
            "--data-dir",
            str(self.data_dir),
            f"--host-key={self.host_key}",  # a key may begin with "-"
            *self.extra_args,
        ]

    def start(self, timeout: float = 20.0) -> RelayProcess:
        env = {**os.environ, "PYTHONUNBUFFERED": "1", **self.env}
        self.log_lines = []
        self.process = subprocess.Popen(
            self.command(),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env=env,
        )
        found = threading.Event()
        output = self.process.stdout
        assert output is not None

        def pump() -> None:
            with output:  # closed at EOF: a pipe left open is a ResourceWarning after a restart
                for line in output:
                    self.log_lines.append(line.rstrip("\n"))
                    match = HOST_CONSOLE_LINE.search(line)
                    if match and not found.is_set():
                        self.port = int(match.group(1))
                        found.set()

        threading.Thread(target=pump, daemon=True).start()
        deadline = time.monotonic() + timeout
        while not found.wait(0.05):
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.kill()
                raise RuntimeError("relay did not start:\n" + self.logs())
        self._wait_healthy(deadline)
        return self

    def _wait_healthy(self, deadline: float) -> None:
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(self.base_url + "/healthz", timeout=1) as reply:
                    if reply.status == 200:
                        return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("relay never became healthy:\n" + self.logs())

    def logs(self) -> str:
        return "\n".join(self.log_lines)

    def stop(self, timeout: float = 10.0) -> int | None:
        """Ctrl-C, as a person would; returns the exit code."""
        if self.process is None or self.process.poll() is not None:
            return None if self.process is None else self.process.returncode
        self.process.send_signal(signal.SIGINT)
        try:
            return self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.kill()
            raise

    def kill(self) -> None:
        """SIGKILL: the crash the store must survive."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(10)

    def create_room(self, title: str = "") -> dict[str, str]:
        """POST /api/rooms as the host; returns {"room": ..., "join_url": ...}."""
        import json

        request = urllib.request.Request(
            self.base_url + "/api/rooms",
            data=json.dumps({"title": title}).encode(),
            method="POST",
            headers={
                "Authorization": f"Bearer {self.host_key}",
                "Content-Type": "application/json",
            },
        )
        with urllib.request.urlopen(request, timeout=5) as reply:
            body: dict[str, str] = json.loads(reply.read())
            return body
