"""Moves SQLite's write-ahead log into the database file from a thread of its own.

SQLite's automatic checkpoint runs inside whichever commit crosses the
threshold and waits for the disk (fdatasync): tens of milliseconds during which
the relay's event loop would forward nothing. The relay turns it off and this
thread checkpoints instead, on its own connection, without blocking writers.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from pathlib import Path

log = logging.getLogger(__name__)


class Checkpointer:
    """A daemon thread running a passive checkpoint every `interval` seconds."""

    def __init__(self, path: Path, interval: float = 1.0) -> None:
        self.path = path
        self.interval = interval
        self.stopping = threading.Event()
        self.thread = threading.Thread(target=self._run, name="sqlite-checkpoint", daemon=True)

    def start(self) -> None:
        self.thread.start()

    def stop(self) -> None:
        self.stopping.set()
        if self.thread.is_alive():
            self.thread.join(timeout=10)

    def _run(self) -> None:
        db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        try:
            while not self.stopping.wait(self.interval):
                try:
                    db.execute("PRAGMA wal_checkpoint(PASSIVE)")
                except sqlite3.Error:
                    log.exception("background checkpoint failed; will try again")
        finally:
            db.close()
