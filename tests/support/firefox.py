"""Debian's Firefox ESR over WebDriver BiDi, through puppeteer-core in a small Node helper
(tests/node/firefox-driver.mjs) that this module talks to in JSON lines."""

from __future__ import annotations

import json
import os
import subprocess
import tempfile
import threading
from pathlib import Path
from typing import IO, Any

from tests.support.deny_proxy import shared_proxy
from tests.support.engine_page import EngineError, EnginePage

FIREFOX = Path("/usr/bin/firefox-esr")
HELPER = Path(__file__).resolve().parents[1] / "node" / "firefox-driver.mjs"


class FirefoxEngine:
    """One Firefox process (puppeteer-core gives it a fresh profile); pages in own contexts."""

    name = "firefox"

    def __init__(self) -> None:
        self._log: IO[str] = tempfile.TemporaryFile("w+")  # noqa: SIM115 (closed in close())
        self._process = subprocess.Popen(
            ["node", str(HELPER), str(shared_proxy().port)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._log,
            text=True,
            cwd=HELPER.parent,
            # Release builds ignore services.settings.server without it (remote settings would
            # still call firefox.settings.services.mozilla.com).
            env={**os.environ, "MOZ_REMOTE_SETTINGS_DEVTOOLS": "1"},
        )
        self._lock = threading.Lock()
        self._next_id = 0

    def call(self, op: str, **fields: Any) -> Any:
        """One request to the helper; raises what the page or driver threw."""
        process = self._process
        assert process.stdin is not None
        assert process.stdout is not None
        with self._lock:
            self._next_id += 1
            request = {"id": self._next_id, "op": op, **fields}
            process.stdin.write(json.dumps(request) + "\n")
            process.stdin.flush()
            line = process.stdout.readline()
        if not line:
            raise RuntimeError(f"the Firefox helper exited:\n{self.logs()}")
        reply = json.loads(line)
        if "error" in reply:
            raise EngineError(f"firefox {op}: {reply['error']}")
        return reply.get("value")

    def new_page(self) -> FirefoxPage:
        return FirefoxPage(self, self.call("newPage"))

    def version(self) -> str:
        return str(self.call("version"))

    def logs(self) -> str:
        self._log.seek(0)
        return self._log.read()

    def close(self) -> None:
        process = self._process
        try:
            if process.poll() is None and process.stdin is not None:
                process.stdin.write(json.dumps({"op": "quit"}) + "\n")
                process.stdin.close()
                process.wait(30)
        except (subprocess.TimeoutExpired, BrokenPipeError):
            process.kill()
            process.wait(10)
        finally:
            if process.stdout is not None:
                process.stdout.close()
            self._log.close()


class FirefoxPage(EnginePage):
    engine = "firefox"

    def __init__(self, browser: FirefoxEngine, page_id: str) -> None:
        self._browser = browser
        self._id = page_id

    def goto(self, url: str) -> None:
        self._browser.call("goto", page=self._id, url=url)

    def evaluate(self, source: str, arg: Any = None) -> Any:
        return self._browser.call("evaluate", page=self._id, source=source, arg=arg)

    def click(self, selector: str) -> None:
        self._browser.call("click", page=self._id, selector=selector)

    def type(self, text: str) -> None:
        self._browser.call("type", page=self._id, text=text)

    def press(self, keys: str) -> None:
        self._browser.call("press", page=self._id, keys=keys)

    def screenshot(self, path: Path) -> None:
        self._browser.call("screenshot", page=self._id, path=str(path))

    def page_errors(self) -> list[str]:
        errors = self._browser.call("errors", page=self._id)
        return [str(error) for error in errors]

    def close(self) -> None:
        self._browser.call("closePage", page=self._id)
