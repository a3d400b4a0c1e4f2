"""The update journal: cheap appends, folded into the indexed log without losing a row."""

from __future__ import annotations

import asyncio
from pathlib import Path

from desktop.group_commit import GroupCommit
from desktop.protocol import RoomInfo
from desktop.store import FOLD_AFTER_ROWS, PendingUpdate, Store
from tests.unit.test_store import text_of, typed_history


def journal_count(store: Store) -> int:
    return int(store.db.execute("SELECT count(*) FROM journal").fetchone()[0])


def test_what_a_crash_leaves_in_the_journal_is_there_after_reopening(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    crashed = Store(path)
    crashed.create_room(RoomInfo(id="r", title="", created_at=0))
    typed_history(crashed, "r")
    assert journal_count(crashed) == 11  # never folded: the process "dies" here
    crashed.checkpointer.stop()

    reopened = Store(path)
    rows = reopened.load_updates("r")
    assert text_of([row.data for row in rows]) == "hello world"
    assert [row.seq for row in rows] == sorted(row.seq for row in rows)
    assert journal_count(reopened) == 0
    reopened.append_updates([PendingUpdate("r", 2000.0, "carol", rows[-1].data)])
    assert reopened.load_updates("r")[-1].seq > rows[-1].seq
    reopened.close()


def test_reads_see_journal_rows_and_order_is_kept_across_folds(tmp_path: Path) -> None:
    store = Store(tmp_path / "db.sqlite3")
    store.create_room(RoomInfo(id="r", title="", created_at=0))
    doc = typed_history(store, "r")
    assert store.count_updates("r") == 11  # folded first, so counted
    store.append_updates([PendingUpdate("r", 3000.0, "bob", doc.get_update())])
    rows = store.load_updates("r")
    assert len(rows) == 12
    assert [row.author for row in rows][-1] == "bob"
    assert [row.seq for row in rows] == sorted({row.seq for row in rows})
    store.close()


def test_rows_of_a_deleted_room_do_not_block_the_fold(tmp_path: Path) -> None:
    store = Store(tmp_path / "db.sqlite3")
    for room in ("kept", "gone"):
        store.create_room(RoomInfo(id=room, title="", created_at=0))
        typed_history(store, room)
    store.db.execute("DELETE FROM rooms WHERE id = 'gone'")  # behind the store's back
    assert text_of([row.data for row in store.load_updates("kept")]) == "hello world"
    assert store.load_updates("gone") == []
    assert journal_count(store) == 0
    store.close()


class Listener:
    participant_id = None

    def __init__(self) -> None:
        self.received: list[bytes] = []

    def send(self, message: bytes) -> None:
        self.received.append(message)

    def send_many(self, messages: list[bytes]) -> None:
        self.received.extend(messages)


async def test_group_commit_folds_a_full_journal_after_sending(tmp_path: Path) -> None:
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
    assert journal_count(store) < FOLD_AFTER_ROWS
    assert store.count_updates("r") == FOLD_AFTER_ROWS + 10
    store.close()
