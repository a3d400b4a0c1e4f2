"""The app with pywebview's GTK back end, plus a test hand on its window: every stdin line is a
JSON string of JavaScript, answered on stdout as `EVAL {"value": …}` from the window's own
evaluate_js. WebKitGTK's window offers no remote protocol (Qt's has DevTools), so the test
(tests/desktop/test_gtk_window.py) talks to the page this way.

Run with a Python that has PyGObject (`.venv-gtk`, made by `make`):
`python -m tests.desktop.gtk_window_driver --port 0 --data-dir DIR --host-key=KEY`.
"""

from __future__ import annotations

import json
import os
import sys
import threading
import time

import webview

from desktop.__main__ import main


def answer_scripts() -> None:
    """Waits for the window, then evaluates each stdin line in it."""
    while not webview.windows:
        time.sleep(0.05)
    window = webview.windows[0]
    window.events.loaded.wait(120)
    print("EVAL-READY", flush=True)
    for line in sys.stdin:
        try:
            reply = {"value": window.evaluate_js(json.loads(line))}
        except Exception as error:  # the page threw: the test reads it as a reply
            reply = {"error": f"{type(error).__name__}: {error}"}
        print("EVAL " + json.dumps(reply), flush=True)


if __name__ == "__main__":
    os.environ["PYWEBVIEW_GUI"] = "gtk"
    threading.Thread(target=answer_scripts, daemon=True).start()
    sys.exit(main(sys.argv[1:]))
