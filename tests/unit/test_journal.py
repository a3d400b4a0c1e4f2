"""The update journal: one write per batch, moved into SQLite without losing a row."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

import pytest

from desktop.group_commit import GroupCommit
from desktop.journal_mover import FOLD_AFTER_ROWS
from desktop.protocol import RoomInfo
from desktop.store import PendingUpdate, Store
from desktop.update_journal import decode_rows, encode_row
from tests.unit.test_store import text_of, typed_history


def crash(store: Store) -> None:
    """Leaves the files as a killed process would: nothing moved, nothing closed."""
    store.worker.stop()
    store.lock.release()  # the operating system does this for a process that dies


def test_rows_round_trip_through_the_file_format() -> None:
    rows = [
        (1, "room", "code", 1.5, "Ana", b"\x00\x01"),
        (2, "room", "notes", 2.5, None, b""),
        (3, "r\u00f6\u00f6m", "code", 3.5, "\u00c5sa \U0001f600", b"x" * 70_000),
    ]
    data = b"".join(encode_row(row) for row in rows)
    assert decode_rows(data) == (rows, 0)
    assert decode_rows(data[:-1]) == (rows[:2], len(encode_row(rows[2])) - 1)


def test_what_a_crash_leaves_in_the_journal_is_there_after_reopening(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    crashed = Store(path)
    crashed.create_room(RoomInfo(id="r", title="", created_at=0))
    typed_history(crashed, "r")
    assert len(crashed.journal.unfolded) == 11
    assert (tmp_path / "db.journal").stat().st_size > 0
    crash(crashed)

    reopened = Store(path)
    assert (tmp_path / "db.journal").stat().st_size == 0  # moved into SQLite
    rows = reopened.load_updates("r")
    assert text_of([row.data for row in rows]) == "hello world"
    assert [row.author for row in rows] == ["alice"] * 5 + ["bob"] * 6
    reopened.append_updates([PendingUpdate("r", 2000.0, "carol", rows[-1].data)])
    assert reopened.load_updates("r")[-1].seq > rows[-1].seq
    reopened.close()


def test_a_write_cut_short_loses_only_itself(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "db.sqlite3"
    crashed = Store(path)
    crashed.create_room(RoomInfo(id="r", title="", created_at=0))
    typed_history(crashed, "r")
    crash(crashed)
    journal = tmp_path / "db.journal"
    whole = journal.read_bytes()
    journal.write_bytes(whole + encode_row((99, "r", "code", 9.0, "x", b"\x00\x00"))[:-3])

    with caplog.at_level(logging.WARNING):
        reopened = Store(path)
    assert text_of([row.data for row in reopened.load_updates("r")]) == "hello world"
    assert "cut short" in caplog.text
    reopened.close()


def test_a_crash_between_moving_and_emptying_the_journal_duplicates_nothing(
    tmp_path: Path,
) -> None:
    path = tmp_path / "db.sqlite3"
    store = Store(path)
    store.create_room(RoomInfo(id="r", title="", created_at=0))
    typed_history(store, "r")
    journal_bytes = (tmp_path / "db.journal").read_bytes()
    assert store.count_updates("r") == 11  # folds
    crash(store)
    (tmp_path / "db.journal").write_bytes(journal_bytes)  # as if the emptying never happened

    reopened = Store(path)
    rows = reopened.load_updates("r")
    assert len(rows) == 11
    assert text_of([row.data for row in rows]) == "hello world"
    reopened.close()


def test_rows_of_a_deleted_room_do_not_block_the_fold(tmp_path: Path) -> None:
    store = Store(tmp_path / "db.sqlite3")
    for room in ("kept", "gone"):
        store.create_room(RoomInfo(id=room, title="", created_at=0))
        typed_history(store, room)
    store.db.execute("DELETE FROM rooms WHERE id = 'gone'")  # behind the store's back
    assert text_of([row.data for row in store.load_updates("kept")]) == "hello world"
    assert store.load_updates("gone") == []
    assert store.journal.unfolded == []
    store.close()


class Listener:
    participant_id = None

    def __init__(self) -> None:
        self.received: list[bytes] = []

    def send(self, message: bytes) -> None:
        self.received.append(message)

    def send_many(self, messages: list[bytes]) -> None:
        self.received.extend(messages)


async def test_a_full_journal_moves_on_the_worker_after_the_sends(tmp_path: Path) -> None:
    store = Store(tmp_path / "db.sqlite3")
    store.create_room(RoomInfo(id="r", title="", created_at=0))
    commits = GroupCommit(store, on_failure=lambda rooms: None)
    listener = Listener()
    for index in range(FOLD_AFTER_ROWS + 10):
        commits.submit(PendingUpdate("r", float(index), "alice", b"\x00\x00"))
        commits.broadcast([listener], None, bytes([index % 256]))
        if index % 7 == 0:
            await asyncio.sleep(0)  # a flush every few updates, as under load
    await asyncio.sleep(0)
    assert len(listener.received) == FOLD_AFTER_ROWS + 10
    moving = store.journal.moving
    assert moving is not None  # handed to the worker, not done on the loop
    await asyncio.wrap_future(moving.done)
    assert not moving.segment.exists()
    assert len(store.journal.unfolded) < FOLD_AFTER_ROWS
    assert (tmp_path / "db.journal").stat().st_size < 100 * FOLD_AFTER_ROWS
    assert store.count_updates("r") == FOLD_AFTER_ROWS + 10
    store.close()


def test_a_segment_the_worker_never_moved_is_moved_on_start(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    crashed = Store(path)
    crashed.create_room(RoomInfo(id="r", title="", created_at=0))
    crashed.worker.stop()  # the process dies before the worker gets to it
    for index in range(FOLD_AFTER_ROWS + 5):
        crashed.append_updates([PendingUpdate("r", float(index), f"a{index}", b"\x00\x00")])
        if crashed.journal_is_full:
            crashed.fold_journal(in_background=True)
    crashed.append_updates([PendingUpdate("r", 9e9, "last", b"\x00\x00")])
    assert [p.name for p in crashed.journal.segments()] == ["db.journal.000000000001"]
    crash(crashed)

    reopened = Store(path)
    rows = reopened.load_updates("r")
    assert [row.author for row in rows] == [f"a{i}" for i in range(FOLD_AFTER_ROWS + 5)] + ["last"]
    assert reopened.journal.segments() == []
    reopened.close()
