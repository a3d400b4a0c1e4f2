"""A floor of free disk space in the data folder, below which nothing new is written.

A full disk is the one failure SQLite cannot ride out cleanly: a commit that
cannot grow the write-ahead log fails, and so does the next one. Refusing new
rooms, edits and runs a little before that keeps every stored byte readable
and servable, with a clear message instead of a broken room.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

CHECK_EVERY_SECONDS = 1.0


class DiskFloor:
    """`low` says whether the folder's free space is under the floor (looked up once a second)."""

    __slots__ = ("checked_at", "floor", "folder", "is_low")

    def __init__(self, folder: Path | None, floor_bytes: int) -> None:
        self.folder = folder
        self.floor = floor_bytes
        self.checked_at = -CHECK_EVERY_SECONDS
        self.is_low = False

    @property
    def low(self) -> bool:
        now = time.monotonic()
        if now - self.checked_at >= CHECK_EVERY_SECONDS:
            self.checked_at = now
            self.is_low = self.free_bytes() < self.floor
        return self.is_low

    def free_bytes(self) -> int:
        if self.folder is None:
            return 1 << 62
        try:
            return shutil.disk_usage(self.folder).free
        except OSError:
            return 1 << 62  # a folder we cannot measure is not a reason to stop the interview

    def message(self) -> str:
        megabytes = self.floor // 1_000_000
        return (
            f"The interviewer's disk is almost full (less than {megabytes} MB free): "
            "nothing new can be saved until space is freed. Everything so far is kept."
        )


NO_FLOOR = DiskFloor(None, 0)
