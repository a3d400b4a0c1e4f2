"""SQLite persistence: rooms, the document update log, runs and participants.

The relay writes each batch of document updates in one transaction before it
broadcasts them, so whatever another participant has seen survives a crash.

Updates land first in the journal file beside the database (one `write` per
batch, `desktop/update_journal.py`) and move into the indexed `updates` table in
large batches (`desktop/journal_mover.py`), where a room's rows share pages.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from pycrdt import merge_updates

from desktop.door_store import DoorStore
from desktop.folder_lock import FolderLock
from desktop.journal_mover import JournalMover
from desktop.protocol import ParticipantInfo, RoomInfo, RunRecord
from desktop.question_bank import QUESTION_BANK
from desktop.question_store import QuestionStore
from desktop.schema import migrate
from desktop.store_worker import StoreWorker
from desktop.templates import TemplateStore

WAL_SIZE_LIMIT = 4 * 1024 * 1024
MAX_MERGE_ROWS = 256
GROUPS_PER_TRANSACTION = 8


@dataclass(frozen=True, slots=True)
class StoredUpdate:
    """One row of a room's update log."""

    seq: int
    created_at: float
    author: str | None
    data: bytes


class PendingUpdate(NamedTuple):
    """An update accepted by a room and waiting for the next group commit.

    A named tuple: one is made per keystroke, and it is the cheapest immutable record.
    """

    room_id: str
    created_at: float
    author: str | None
    data: bytes
    doc: str = "code"


@dataclass(frozen=True, slots=True)
class RoomControls:
    """What the host has switched on or off in a room; enforced by the relay."""

    locked: bool = False
    runs_disabled: bool = False
    ended_at: float | None = None


@dataclass(frozen=True, slots=True)
class RoomSummary:
    """A stored interview, for the host's list of past interviews."""

    info: RoomInfo
    language: str
    ended_at: float | None
    participants: list[str]


class Store:
    """One SQLite file in the data folder; used from the relay's event loop thread only."""

    def __init__(self, path: Path, *, synchronous: str = "NORMAL") -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.lock = FolderLock(path.with_suffix(".lock"))
        self.db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
        try:
            migrate(self.db)  # first: a file we must refuse is left exactly as it was
        except BaseException:
            self.db.close()
            self.lock.release()
            raise
        self.db.execute("PRAGMA journal_mode=WAL")
        # WAL + NORMAL survives a killed process; FULL also survives power loss.
        self.db.execute(f"PRAGMA synchronous={synchronous}")
        self.db.execute("PRAGMA foreign_keys=ON")
        self.db.execute("PRAGMA wal_autocheckpoint=0")  # the worker thread does it
        # After a checkpoint the write-ahead log shrinks back: a burst of writes
        # must not leave the data folder that much bigger for good.
        self.db.execute(f"PRAGMA journal_size_limit={WAL_SIZE_LIMIT}")
        self.templates = TemplateStore(self.db, QUESTION_BANK)
        self.run_bytes_cache: dict[str, tuple[dict[str, int], set[str]]] = {}
        self.questions = QuestionStore(self.db)
        self.doors = DoorStore(self.db)
        self.worker = StoreWorker(path)
        self.journal = JournalMover(self.db, path.with_suffix(".journal"), self.worker)
        last_seq = self.db.execute("SELECT coalesce(max(seq), 0) FROM updates").fetchone()[0]
        self.next_seq = 1 + max(int(last_seq), self.journal.highest_seq)
        self.worker.start()
        self.closed = False

    def close(self) -> None:
        """Checkpoints the write-ahead log into the database file; safe to repeat."""
        if self.closed:
            return
        self.journal.close()
        self.worker.stop()
        self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self.db.close()
        self.lock.release()
        self.closed = True

    # Rooms

    def create_room(self, room: RoomInfo) -> None:
        self.db.execute(
            "INSERT INTO rooms (id, title, created_at) VALUES (?, ?, ?)",
            (room.id, room.title, room.created_at),
        )

    def get_room(self, room_id: str) -> RoomInfo | None:
        row = self.db.execute(
            "SELECT id, title, created_at FROM rooms WHERE id = ?", (room_id,)
        ).fetchone()
        return None if row is None else RoomInfo(id=row[0], title=row[1], created_at=row[2])

    def list_rooms(self) -> list[RoomSummary]:
        rows = self.db.execute(
            "SELECT r.id, r.title, r.created_at, r.language, r.ended_at,"
            " (SELECT group_concat(name, char(31)) FROM"
            "  (SELECT DISTINCT name FROM participants p WHERE p.room_id = r.id ORDER BY name))"
            " FROM rooms r ORDER BY r.created_at DESC"
        )
        return [
            RoomSummary(
                info=RoomInfo(id=r[0], title=r[1], created_at=r[2]),
                language=r[3],
                ended_at=r[4],
                participants=r[5].split("\x1f") if r[5] else [],
            )
            for r in rows
        ]

    def delete_room(self, room_id: str) -> bool:
        """Removes a room with its history, runs and participants."""
        self.fold_journal()
        self.run_bytes_cache.pop(room_id, None)
        with self.transaction():
            cursor = self.db.execute("DELETE FROM rooms WHERE id = ?", (room_id,))
        return cursor.rowcount > 0

    def set_language(self, room_id: str, language: str) -> None:
        self.db.execute("UPDATE rooms SET language = ? WHERE id = ?", (language, room_id))

    def load_controls(self, room_id: str) -> RoomControls:
        row = self.db.execute(
            "SELECT locked, runs_disabled, ended_at FROM rooms WHERE id = ?", (room_id,)
        ).fetchone()
        if row is None:
            return RoomControls()
        return RoomControls(locked=bool(row[0]), runs_disabled=bool(row[1]), ended_at=row[2])

    def save_controls(self, room_id: str, controls: RoomControls) -> None:
        self.db.execute(
            "UPDATE rooms SET locked = ?, runs_disabled = ?, ended_at = ? WHERE id = ?",
            (controls.locked, controls.runs_disabled, controls.ended_at, room_id),
        )

    # The update log

    def append_updates(self, updates: Sequence[PendingUpdate]) -> None:
        """Writes a batch to the journal in one system call: the group commit."""
        first = self.next_seq
        rows = [
            (seq, u.room_id, u.doc, u.created_at, u.author, u.data)
            for seq, u in enumerate(updates, first)
        ]
        self.journal.append(rows)
        self.next_seq = first + len(rows)

    @property
    def journal_is_full(self) -> bool:
        return self.journal.is_full

    def fold_journal(self, *, in_background: bool = False) -> None:
        """Moves the journal into the indexed log: now (before a read), or on the worker."""
        if in_background:
            self.journal.move_in_background()
        else:
            self.journal.move_now()

    def load_updates(self, room_id: str, doc: str = "code") -> list[StoredUpdate]:
        self.fold_journal()
        rows = self.db.execute(
            "SELECT seq, created_at, author, data FROM updates"
            " WHERE room_id = ? AND doc = ? ORDER BY seq",
            (room_id, doc),
        )
        return [StoredUpdate(*row) for row in rows]

    def document_bytes(self, room_id: str, doc: str = "code") -> int:
        """Bytes of a document's stored updates: what its size cap counts."""
        self.fold_journal()
        row = self.db.execute(
            "SELECT coalesce(sum(length(data)), 0) FROM updates WHERE room_id = ? AND doc = ?",
            (room_id, doc),
        )
        return int(row.fetchone()[0])

    def run_bytes(self, room_id: str) -> tuple[dict[str, int], set[str]]:
        """Bytes of stored runs by participant, and which of them are hosts: for the run caps.

        It reads every stored run whole (16 MiB in a full room), so the answer is kept
        until the room stores another run; `RoomLoader` works it out off the loop.
        """
        known = self.run_bytes_cache.get(room_id)
        if known is not None:
            return known
        rows = self.db.execute(
            "SELECT r.by, sum(length(CAST(r.code AS BLOB))"
            " + coalesce(length(CAST(r.output AS BLOB)), 0)"
            " + coalesce(length(CAST(r.error AS BLOB)), 0)),"
            " max(coalesce(p.role = 'host', 0))"
            " FROM runs r LEFT JOIN participants p ON p.participant_id = r.by"
            " WHERE r.room_id = ? GROUP BY r.by",
            (room_id,),
        ).fetchall()
        answer = {row[0]: int(row[1]) for row in rows}, {row[0] for row in rows if row[2]}
        self.run_bytes_cache[room_id] = answer
        return answer

    def count_updates(self, room_id: str, doc: str = "code") -> int:
        self.fold_journal()
        row = self.db.execute(
            "SELECT count(*) FROM updates WHERE room_id = ? AND doc = ?", (room_id, doc)
        )
        return int(row.fetchone()[0])

    def compact(self, room_id: str, doc: str = "code", window_seconds: float = 2.0) -> int:
        """Merges runs of one author's updates made within `window_seconds` into one.

        The document stays the same and the history keeps who changed what, to
        the window's precision; returns how many rows were removed.
        """
        rows = self.load_updates(room_id, doc)
        groups = [group for group in merge_groups(rows, window_seconds) if len(group) > 1]
        removed = 0
        # One short transaction per few groups: another connection writing meanwhile
        # (the relay's, when this runs on a worker thread) never waits long.
        for start in range(0, len(groups), GROUPS_PER_TRANSACTION):
            with self.transaction():
                for group in groups[start : start + GROUPS_PER_TRANSACTION]:
                    last = group[-1]
                    merged = merge_updates(*(row.data for row in group))
                    self.db.execute("UPDATE updates SET data = ? WHERE seq = ?", (merged, last.seq))
                    self.db.executemany(
                        "DELETE FROM updates WHERE seq = ?", [(row.seq,) for row in group[:-1]]
                    )
                    removed += len(group) - 1
        return removed

    # Runs and participants

    def save_run(self, run: RunRecord, room_id: str) -> None:
        self.run_bytes_cache.pop(room_id, None)
        self.db.execute(
            "INSERT OR REPLACE INTO runs (run_id, room_id, by, by_name, language, code,"
            " started_at, finished_at, output, error) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                run.run_id,
                room_id,
                run.by,
                run.by_name,
                run.language,
                run.code,
                run.started_at,
                run.finished_at,
                run.output,
                run.error,
            ),
        )

    def recent_runs(self, room_id: str, limit: int) -> list[RunRecord]:
        rows = self.db.execute(
            "SELECT run_id, by, by_name, language, code, started_at, finished_at, output, error"
            " FROM runs WHERE room_id = ? ORDER BY started_at DESC LIMIT ?",
            (room_id, limit),
        ).fetchall()
        fields = RunRecord.model_fields
        return [RunRecord(**dict(zip(fields, row, strict=True))) for row in reversed(rows)]

    def participant_joined(self, room_id: str, participant: ParticipantInfo) -> None:
        """Records a join; a participant id seen before (a reconnect) keeps its one row."""
        self.db.execute(
            "INSERT INTO participants (participant_id, room_id, name, role, joined_at)"
            " VALUES (?, ?, ?, ?, ?) ON CONFLICT (participant_id) DO UPDATE SET"
            " name = excluded.name, role = excluded.role, left_at = NULL",
            (
                participant.participant_id,
                room_id,
                participant.name,
                participant.role,
                participant.joined_at,
            ),
        )

    def participant_left(self, participant_id: str, left_at: float | None = None) -> None:
        self.db.execute(
            "UPDATE participants SET left_at = ? WHERE participant_id = ?",
            (time.time() if left_at is None else left_at, participant_id),
        )

    def participants(self, room_id: str) -> list[dict[str, object]]:
        """Everyone who joined, with join and leave times, for the transcript."""
        rows = self.db.execute(
            "SELECT participant_id, name, role, joined_at, left_at FROM participants"
            " WHERE room_id = ? ORDER BY joined_at",
            (room_id,),
        )
        keys = ("participant_id", "name", "role", "joined_at", "left_at")
        return [dict(zip(keys, row, strict=True)) for row in rows]

    def transaction(self) -> _Transaction:
        return _Transaction(self.db)


class _Transaction:
    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def __enter__(self) -> None:
        self.db.execute("BEGIN IMMEDIATE")

    def __exit__(self, kind: object, error: object, trace: object) -> None:
        self.db.execute("ROLLBACK" if error is not None else "COMMIT")


def merge_groups(rows: Iterable[StoredUpdate], window_seconds: float) -> list[list[StoredUpdate]]:
    """Runs of one author's updates within the window, at most MAX_MERGE_ROWS each.

    Merging costs more than linear time in the number of updates (4,000 took 80 ms,
    all of it holding the GIL), so long runs are merged in several pieces.
    """
    groups: list[list[StoredUpdate]] = []
    for row in rows:
        current = groups[-1] if groups else None
        if (
            current is not None
            and len(current) < MAX_MERGE_ROWS
            and current[0].author == row.author
            and row.created_at - current[0].created_at <= window_seconds
        ):
            current.append(row)
        else:
            groups.append([row])
    return groups
