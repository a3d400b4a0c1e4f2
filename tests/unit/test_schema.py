"""Older database files open and keep everything; newer ones, or a folder in use, are refused."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from desktop.folder_lock import FolderInUseError
from desktop.protocol import RoomInfo
from desktop.schema import SCHEMA_VERSION, NewerDatabaseError
from desktop.store import PendingUpdate, Store
from tests.unit.test_store import text_of, typed_history

# The tables as the first release wrote them (user_version 0).
VERSION_1_SCHEMA = """
CREATE TABLE rooms (
    id TEXT PRIMARY KEY, title TEXT NOT NULL, created_at REAL NOT NULL,
    language TEXT NOT NULL DEFAULT 'python', locked INTEGER NOT NULL DEFAULT 0,
    runs_disabled INTEGER NOT NULL DEFAULT 0, ended_at REAL
);
CREATE TABLE updates (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    room_id TEXT NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
    doc TEXT NOT NULL DEFAULT 'code', created_at REAL NOT NULL, author TEXT,
    data BLOB NOT NULL
);
CREATE INDEX updates_by_room ON updates (room_id, doc, seq);
"""


def version_1_file(path: Path, source: Store) -> None:
    """Copies `source`'s rooms and updates into a file laid out as version 1 wrote it."""
    old = sqlite3.connect(path)
    old.executescript(VERSION_1_SCHEMA)
    old.executemany(
        "INSERT INTO rooms (id, title, created_at) VALUES (?, ?, ?)",
        source.db.execute("SELECT id, title, created_at FROM rooms").fetchall(),
    )
    old.executemany(
        "INSERT INTO updates (seq, room_id, doc, created_at, author, data)"
        " VALUES (?, ?, ?, ?, ?, ?)",
        source.db.execute(
            "SELECT seq * 10, room_id, doc, created_at, author, data FROM updates"
        ).fetchall(),
    )
    old.commit()
    old.close()


def test_a_version_1_file_is_upgraded_with_every_update_in_order(tmp_path: Path) -> None:
    source = Store(tmp_path / "source.sqlite3")
    source.create_room(RoomInfo(id="r", title="Old room", created_at=1.0))
    typed_history(source, "r")
    expected = [(row.seq * 10, row.author, row.data) for row in source.load_updates("r")]
    version_1_file(tmp_path / "old.sqlite3", source)
    source.close()

    store = Store(tmp_path / "old.sqlite3")
    upgraded = store.load_updates("r")
    assert [(row.seq, row.author, row.data) for row in upgraded] == expected
    assert text_of([row.data for row in upgraded]) == "hello world"
    table_sql = store.db.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'updates'"
    ).fetchone()[0]
    assert "AUTOINCREMENT" not in table_sql
    assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    store.append_updates([PendingUpdate("r", 2000.0, "carol", upgraded[-1].data)])
    assert store.load_updates("r")[-1].seq > upgraded[-1].seq
    store.close()
    reopened = Store(tmp_path / "old.sqlite3")  # a second open changes nothing
    assert len(reopened.load_updates("r")) == len(upgraded) + 1
    reopened.close()


def newer_file(path: Path) -> bytes:
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE future (x)")
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.commit()
    db.close()
    return path.read_bytes()


def test_a_file_from_a_newer_release_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "interview-desk.sqlite3"
    before = newer_file(path)
    with pytest.raises(NewerDatabaseError, match="newer Interview Desk"):
        Store(path)
    assert path.read_bytes() == before


def serve_refuses(data_dir: Path) -> str:
    """`serve` on `data_dir` must exit 2 with a message, not a traceback; returns the message."""
    serve = [sys.executable, "-m", "desktop", "serve", "--host", "127.0.0.1", "--port", "0"]
    done = subprocess.run(
        [*serve, "--data-dir", str(data_dir)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    return done.stderr


def test_serve_says_why_it_cannot_open_a_newer_data_folder(tmp_path: Path) -> None:
    newer_file(tmp_path / "interview-desk.sqlite3")
    assert "newer Interview Desk" in serve_refuses(tmp_path)


def test_a_second_store_on_one_folder_is_refused_until_the_first_closes(tmp_path: Path) -> None:
    first = Store(tmp_path / "interview-desk.sqlite3")
    with pytest.raises(FolderInUseError, match="Another Interview Desk is using"):
        Store(tmp_path / "interview-desk.sqlite3")
    first.close()
    Store(tmp_path / "interview-desk.sqlite3").close()


def test_serve_says_why_it_cannot_share_a_data_folder(tmp_path: Path) -> None:
    holder = Store(tmp_path / "interview-desk.sqlite3")
    try:
        said = serve_refuses(tmp_path)
    finally:
        holder.close()
    assert "Another Interview Desk is using the data folder" in said


def test_a_version_4_file_gains_the_doors_table(tmp_path: Path) -> None:
    path = tmp_path / "rooms.sqlite3"
    store = Store(path)
    store.create_room(RoomInfo(id="r", title="Kept", created_at=1.0))
    store.db.execute("DROP TABLE doors")
    store.db.execute("PRAGMA user_version = 4")
    store.close()
    store = Store(path)
    try:
        assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 5
        assert store.doors.load("r") is None
        assert store.get_room("r") is not None
    finally:
        store.close()
