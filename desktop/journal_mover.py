"""Moves the update journal into SQLite's indexed log without stalling the relay.

When the journal fills, its file is renamed to a numbered segment and the store
worker inserts the segment's rows on its own connection, then deletes it: the
event loop goes on forwarding meanwhile (a move of 2,048 rows takes ~10 ms of
CPU, and bigger moves cost less per row since a room's rows share index pages).
Anything that reads the log first waits for that move and then moves the rest
at once, on the loop's connection. On start, segments and journal left by a
crash are moved in before anything else; rows already present are skipped, so
a crash between inserting and deleting duplicates nothing.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Sequence
from concurrent.futures import Future
from dataclasses import dataclass
from pathlib import Path

from desktop.store_worker import StoreWorker
from desktop.update_journal import JournalRow, UpdateJournal, read_rows

log = logging.getLogger(__name__)

FOLD_AFTER_ROWS = 2048

# One statement for the whole batch: the rows as a JSON array and their updates
# as one blob, cut apart by SQLite. Binding rows one by one would hold Python's
# GIL for each of them, and the worker would stall the event loop after all.
# Rows of a room deleted meanwhile are dropped, not failed on.
INSERT_BATCH = """
INSERT OR IGNORE INTO updates (seq, room_id, doc, created_at, author, data)
SELECT row.value ->> 0, row.value ->> 1, row.value ->> 2, row.value ->> 3, row.value ->> 4,
       substr(?2, row.value ->> 5, row.value ->> 6)
FROM json_each(?1) AS row
WHERE EXISTS (SELECT 1 FROM rooms WHERE id = row.value ->> 1)
"""


@dataclass(frozen=True, slots=True)
class Batch:
    """Journal rows ready for `INSERT_BATCH`."""

    rows_json: str
    updates: bytes

    @staticmethod
    def of(rows: Sequence[JournalRow]) -> Batch:
        described: list[tuple[int, str, str, float, str | None, int, int]] = []
        offset = 1  # substr counts from 1
        for seq, room_id, doc, created_at, author, data in rows:
            described.append((seq, room_id, doc, created_at, author, offset, len(data)))
            offset += len(data)
        return Batch(json.dumps(described, separators=(",", ":")), b"".join(row[5] for row in rows))


def insert_rows(db: sqlite3.Connection, batch: Batch) -> None:
    """Inserts a batch of journal rows into the log in one transaction."""
    db.execute("BEGIN IMMEDIATE")
    try:
        db.execute(INSERT_BATCH, (batch.rows_json, batch.updates))
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


def move_segment(db: sqlite3.Connection, batch: Batch, segment: Path) -> None:
    insert_rows(db, batch)
    segment.unlink()


@dataclass
class _Move:
    """A segment handed to the worker, and its rows in case the worker fails."""

    done: Future[None]
    batch: Batch
    segment: Path


class JournalMover:
    """The journal of one store and the moves of its rows into the log."""

    def __init__(self, db: sqlite3.Connection, path: Path, worker: StoreWorker) -> None:
        self.db = db
        self.path = path
        self.worker = worker
        self.highest_seq = self._recover()
        self.journal = UpdateJournal(path)
        self.unfolded: list[JournalRow] = []
        self.moving: _Move | None = None

    def segments(self) -> list[Path]:
        """Segments not yet moved, oldest first."""
        found = self.path.parent.glob(self.path.name + ".*")
        return sorted((p for p in found if p.suffix[1:].isdigit()), key=lambda p: int(p.suffix[1:]))

    def _recover(self) -> int:
        """Moves in what a crash left; returns the highest row number found there."""
        files = [*self.segments(), *([self.path] if self.path.exists() else [])]
        rows = [row for file in files for row in read_rows(file)]
        if rows:
            log.info("moving %d journal rows left by the last run into the log", len(rows))
            insert_rows(self.db, Batch.of(rows))
        for file in files:
            if file != self.path:
                file.unlink()
        if self.path.exists():
            self.path.write_bytes(b"")
        return max((row[0] for row in rows), default=0)

    def append(self, rows: list[JournalRow]) -> None:
        self.journal.append(rows)
        self.unfolded.extend(rows)

    @property
    def is_full(self) -> bool:
        return len(self.unfolded) >= FOLD_AFTER_ROWS

    def move_in_background(self) -> None:
        """Hands the journal's rows to the worker and starts an empty journal."""
        self._finish_move()  # one move at a time; normally long done
        if not self.unfolded:
            return
        rows, self.unfolded = self.unfolded, []
        segment = self.path.with_name(f"{self.path.name}.{rows[0][0]:012d}")
        self.journal.rotate(segment)
        batch = Batch.of(rows)
        done = self.worker.submit(lambda db: move_segment(db, batch, segment))
        self.moving = _Move(done, batch, segment)

    def move_now(self) -> None:
        """Waits for a move under way, then moves the rest on this connection."""
        self._finish_move()
        if self.unfolded:
            insert_rows(self.db, Batch.of(self.unfolded))
            self.journal.clear()
            self.unfolded = []

    def close(self) -> None:
        self.move_now()
        self.journal.close()

    def _finish_move(self) -> None:
        move = self.moving
        if move is None:
            return
        try:
            move.done.result()
        except Exception:
            log.exception("the store worker could not move %s; moving it here", move.segment)
            insert_rows(self.db, move.batch)  # if this fails too, the next call tries again
            move.segment.unlink(missing_ok=True)
        self.moving = None
