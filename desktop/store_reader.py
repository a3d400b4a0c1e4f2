"""The store's read queries on a connection of their own, for reads too big for the event loop.

An export or a room's first load reads and rebuilds every stored update of a
room: long enough, near the size caps, to stall every other room if done on
the event loop. SQLite in WAL mode lets a second connection read while the
relay writes, so those reads run on a worker thread through this view.
"""

from __future__ import annotations

import asyncio
import sqlite3
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from desktop.question_store import QuestionStore
from desktop.store import Store

T = TypeVar("T")

# A worker thread busy in Python keeps the GIL until asked to give it up; the
# loop then waits up to this long each time it wakes (5 ms by default, so an
# edit's round trip in another room could wait tens of milliseconds).
GIL_SWITCH_SECONDS = 0.001


class StoreReader(Store):
    """Store's queries on a fresh connection, usable from any one thread.

    Only the reading methods (and `compact`) are meant to be used: it holds no
    folder lock, journal or worker, so it must not append updates.
    """

    def __init__(self, path: Path) -> None:  # not Store.__init__: no lock, no migration
        self.path = path
        self.db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        self.db.execute("PRAGMA foreign_keys=ON")
        self.questions = QuestionStore(self.db)
        self.run_bytes_cache = {}
        self.closed = False

    def fold_journal(self, *, in_background: bool = False) -> None:
        """Nothing to do: whoever hands work over folds the journal first, on the loop."""

    def close(self) -> None:
        if not self.closed:
            self.db.close()
            self.closed = True


async def read_off_loop(store: Store, job: Callable[[Store], T]) -> T:
    """Runs `job` on a worker thread with its own view of the store, after folding the journal."""
    store.fold_journal()
    if sys.getswitchinterval() > GIL_SWITCH_SECONDS:
        sys.setswitchinterval(GIL_SWITCH_SECONDS)

    def run() -> T:
        reader = StoreReader(store.path)
        try:
            return job(reader)
        finally:
            reader.close()

    return await asyncio.get_running_loop().run_in_executor(None, run)
