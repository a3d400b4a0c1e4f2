"""One relay per data folder: a lock held for as long as a store is open.

SQLite alone would let two relays share a folder, but the update journal would
not: each would move and empty the other's journal file, and a crash could then
lose updates. The operating system drops the lock when the process ends, however
it ends, so a crash never leaves the folder locked.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


class FolderInUseError(RuntimeError):
    """Another Interview Desk has this data folder open."""


class FolderLock:
    """An exclusive lock on `path` (created if missing), released by `release()` or exit."""

    def __init__(self, path: Path) -> None:
        self.fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            _lock(self.fd)
        except OSError as error:
            os.close(self.fd)
            raise FolderInUseError(
                f"Another Interview Desk is using the data folder {path.parent};"
                " stop it, or choose another folder (--data-dir)."
            ) from error

    def release(self) -> None:
        os.close(self.fd)  # closing drops the lock


if sys.platform == "win32":
    import msvcrt

    def _lock(fd: int) -> None:
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)

else:
    import fcntl

    def _lock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
