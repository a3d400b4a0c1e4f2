"""After a build: start the built app's relay, check /healthz and Pyodide, stop it.

`python build/smoke.py PATH-TO-EXECUTABLE` — used by the installers workflow on
every platform (the Windows app has no console, so nothing is read from stdout).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import time
import urllib.request

PORT = 18765


def fetch(path: str) -> tuple[int, str]:
    with urllib.request.urlopen(f"http://127.0.0.1:{PORT}{path}", timeout=5) as reply:
        return reply.status, reply.headers.get("Content-Type", "")


def main(executable: str) -> int:
    with tempfile.TemporaryDirectory() as data:
        command = [executable, "serve", "--host", "127.0.0.1", "--port", str(PORT)]
        relay = subprocess.Popen([*command, "--data-dir", data, "--host-key", "smoke"])
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    assert fetch("/healthz")[0] == 200
                    break
                except OSError:
                    if time.monotonic() > deadline or relay.poll() is not None:
                        print("smoke: the built app never answered /healthz", file=sys.stderr)
                        return 1
                    time.sleep(0.5)
            status, kind = fetch("/pyodide/pyodide.asm.wasm")
            assert (status, kind) == (200, "application/wasm"), (status, kind)
            assert fetch("/")[0] == 200
            print("smoke: ok")
            return 0
        finally:
            relay.terminate()
            relay.wait(30)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
