"""The app with pywebview's GTK back end (WebKitGTK: the closest engine to macOS's WKWebView that
runs here) as a subprocess under Xvfb, and a hand on its page through gtk_window_driver.py.

GTK works only from a venv made by Debian's Python with the system's PyGObject: `make` makes
`.venv-gtk` for this test alone.
"""

from __future__ import annotations

import json
import os
import queue
import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.desktop.app_process import HOST_CONSOLE_LINE

ROOT = Path(__file__).resolve().parents[2]
GTK_PYTHON = ROOT / ".venv-gtk" / "bin" / "python"


@dataclass
class GtkWindow:
    """start(), then evaluate()/wait_for() JavaScript in the window's page; stop() at the end."""

    tmp: Path
    display: str
    host_key: str = "gtk-window-host-key-0123"
    port: int = 0
    process: subprocess.Popen[str] | None = None
    lines: list[str] = field(default_factory=list)
    _replies: queue.Queue[str] = field(default_factory=queue.Queue)

    def start(self, timeout: float = 120.0) -> GtkWindow:
        env = {
            k: v for k, v in os.environ.items() if k not in ("WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
        }
        env.update(
            DISPLAY=self.display,
            PYTHONUNBUFFERED="1",
            PYWEBVIEW_GUI="gtk",
            INTERVIEW_DESK_HOST="127.0.0.1",
            INTERVIEW_DESK_CONFIG_DIR=str(self.tmp / "config"),
        )
        command = [str(GTK_PYTHON), "-m", "tests.desktop.gtk_window_driver", "--port", "0"]
        command += ["--data-dir", str(self.tmp / "data"), f"--host-key={self.host_key}"]
        self.process = subprocess.Popen(
            command,
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env=env,
        )
        threading.Thread(target=self._pump, daemon=True).start()
        ready = self._next_reply(timeout)
        if ready != "READY":
            raise RuntimeError(f"the GTK window did not load:\n{self.logs()}")
        return self

    def _pump(self) -> None:
        assert self.process is not None
        assert self.process.stdout is not None
        with self.process.stdout:
            for line in self.process.stdout:
                line = line.rstrip("\n")
                if line.startswith("EVAL "):
                    self._replies.put(line[len("EVAL ") :])
                    continue
                if line == "EVAL-READY":
                    self._replies.put("READY")
                self.lines.append(line)
                match = HOST_CONSOLE_LINE.search(line)
                if match:
                    self.port = int(match.group(1))
        self._replies.put("EXITED")

    def _next_reply(self, timeout: float) -> str:
        try:
            reply = self._replies.get(timeout=timeout)
        except queue.Empty:
            raise RuntimeError(f"no answer from the GTK window:\n{self.logs()}") from None
        if reply == "EXITED":
            raise RuntimeError(f"the GTK window exited:\n{self.logs()}")
        return reply

    def evaluate(self, script: str, timeout: float = 30.0) -> Any:
        """The value of a (synchronous) JavaScript expression in the window's page."""
        assert self.process is not None
        assert self.process.stdin is not None
        self.process.stdin.write(json.dumps(script) + "\n")
        self.process.stdin.flush()
        reply = json.loads(self._next_reply(timeout))
        if "error" in reply:
            raise AssertionError(f"the page threw: {reply['error']}")
        return reply["value"]

    def wait_for(self, script: str, timeout: float = 90.0) -> Any:
        """Polls the expression until it is truthy; its value. While the page reloads (WebKit
        drops cross-origin isolation that way) pywebview's helpers are briefly missing and the
        evaluation throws: that counts as not yet."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                value = self.evaluate(script)
            except AssertionError as error:
                value = str(error)
                if time.monotonic() > deadline:
                    raise
            else:
                if value:
                    return value
            if time.monotonic() > deadline:
                raise AssertionError(f"waited {timeout:.0f} s for {script!r}; last {value!r}")
            time.sleep(0.1)

    def logs(self) -> str:
        return "\n".join(self.lines)

    def wait(self, timeout: float = 30.0) -> int:
        assert self.process is not None
        return self.process.wait(timeout)

    def stop(self) -> None:
        process = self.process
        if process is None:
            return
        if process.stdin is not None:  # closed even when the window already ended the app
            process.stdin.close()
        if process.poll() is not None:
            return
        process.terminate()
        try:
            process.wait(15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(15)
