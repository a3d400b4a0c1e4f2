"""A thread with its own SQLite connection, for the store's slow writes.

SQLite's automatic checkpoint runs inside whichever commit crosses the
threshold and waits for the disk (fdatasync): tens of milliseconds during which
the relay's event loop would forward nothing. Moving a full journal into the
indexed log takes a few milliseconds too. The relay turns the automatic
checkpoint off, and this thread does both instead: a passive checkpoint every
`interval` seconds, and whatever jobs the store hands it, in order.
"""

from __future__ import annotations

import logging
import queue
import sqlite3
import threading
import time
from collections.abc import Callable
from concurrent.futures import Future
from pathlib import Path

log = logging.getLogger(__name__)

Job = Callable[[sqlite3.Connection], None]


class StoreWorker:
    """A daemon thread that checkpoints and runs jobs on its own connection."""

    def __init__(self, path: Path, interval: float = 1.0) -> None:
        self.path = path
        self.interval = interval
        self.jobs: queue.Queue[tuple[Job, Future[None]] | None] = queue.Queue()
        self.thread = threading.Thread(target=self._run, name="sqlite-worker", daemon=True)

    def start(self) -> None:
        self.thread.start()

    def submit(self, job: Job) -> Future[None]:
        """Runs `job(connection)` on the thread; the future tells how it ended."""
        done: Future[None] = Future()
        self.jobs.put((job, done))
        return done

    def stop(self) -> None:
        """Finishes the jobs already handed over, then ends the thread."""
        if self.thread.is_alive():
            self.jobs.put(None)
            self.thread.join(timeout=30)

    def _run(self) -> None:
        db = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False)
        db.execute("PRAGMA foreign_keys=ON")
        db.execute("PRAGMA journal_size_limit=4194304")  # the WAL shrinks after a checkpoint
        next_checkpoint = time.monotonic() + self.interval
        try:
            while True:
                try:
                    item = self.jobs.get(timeout=max(0.0, next_checkpoint - time.monotonic()))
                except queue.Empty:
                    pass
                else:
                    if item is None:
                        return
                    self._do(db, *item)
                if time.monotonic() >= next_checkpoint:
                    self._checkpoint(db)
                    next_checkpoint = time.monotonic() + self.interval
        finally:
            db.close()

    @staticmethod
    def _do(db: sqlite3.Connection, job: Job, done: Future[None]) -> None:
        try:
            job(db)
        except BaseException as error:
            done.set_exception(error)
        else:
            done.set_result(None)

    @staticmethod
    def _checkpoint(db: sqlite3.Connection) -> None:
        try:
            db.execute("PRAGMA wal_checkpoint(PASSIVE)")
        except sqlite3.Error:
            log.exception("background checkpoint failed; will try again")
