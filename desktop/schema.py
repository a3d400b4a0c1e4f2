"""The database's tables, and the steps that bring an older file up to date.

`PRAGMA user_version` records which version a file has. A file from a newer
Interview Desk is refused rather than damaged.
"""

from __future__ import annotations

import sqlite3

SCHEMA = """
CREATE TABLE IF NOT EXISTS rooms (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    created_at REAL NOT NULL,
    language TEXT NOT NULL DEFAULT 'python',
    locked INTEGER NOT NULL DEFAULT 0,
    runs_disabled INTEGER NOT NULL DEFAULT 0,
    ended_at REAL
);
CREATE TABLE IF NOT EXISTS updates (
    seq INTEGER PRIMARY KEY,
    room_id TEXT NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
    doc TEXT NOT NULL DEFAULT 'code',
    created_at REAL NOT NULL,
    author TEXT,
    data BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS updates_by_room ON updates (room_id, doc, seq);
CREATE TABLE IF NOT EXISTS runs (
    run_id TEXT PRIMARY KEY,
    room_id TEXT NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
    by TEXT NOT NULL,
    by_name TEXT NOT NULL,
    language TEXT NOT NULL,
    code TEXT NOT NULL,
    started_at REAL NOT NULL,
    finished_at REAL,
    output TEXT,
    error TEXT
);
CREATE INDEX IF NOT EXISTS runs_by_room ON runs (room_id, started_at);
CREATE TABLE IF NOT EXISTS participants (
    participant_id TEXT PRIMARY KEY,
    room_id TEXT NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    role TEXT NOT NULL,
    joined_at REAL NOT NULL,
    left_at REAL
);
CREATE TABLE IF NOT EXISTS questions (
    room_id TEXT PRIMARY KEY REFERENCES rooms(id) ON DELETE CASCADE,
    statement TEXT NOT NULL DEFAULT '',
    tests TEXT NOT NULL DEFAULT '[]',
    show_hidden_count INTEGER NOT NULL DEFAULT 0,
    updated_at REAL,
    setup TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS test_runs (
    test_run_id TEXT PRIMARY KEY,
    room_id TEXT NOT NULL REFERENCES rooms(id) ON DELETE CASCADE,
    finished_at REAL NOT NULL,
    run TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS test_runs_by_room ON test_runs (room_id, finished_at);
CREATE TABLE IF NOT EXISTS doors (
    room_id TEXT PRIMARY KEY REFERENCES rooms(id) ON DELETE CASCADE,
    state TEXT NOT NULL
);
"""

# Version 1 numbered updates with AUTOINCREMENT, which rewrites sqlite_sequence
# in every commit; plain rowids keep the same order for less than half the work.
# The old table steps aside, SCHEMA creates the new one, and the rows move over.
SET_ASIDE_VERSION_1_UPDATES = """
DROP INDEX updates_by_room;
ALTER TABLE updates RENAME TO updates_v1;
"""
MOVE_VERSION_1_UPDATES = """
INSERT INTO updates (seq, room_id, doc, created_at, author, data)
    SELECT seq, room_id, doc, created_at, author, data FROM updates_v1 ORDER BY seq;
DROP TABLE updates_v1;
"""

# Version 3 adds the question (statement and tests) and the test runs of a room, and
# gives templates a statement and tests; older templates get an empty one.
TEMPLATE_COLUMNS_SINCE_VERSION_3 = {
    "statement": "TEXT NOT NULL DEFAULT ''",
    "tests": "TEXT NOT NULL DEFAULT '[]'",
    "show_hidden_count": "INTEGER NOT NULL DEFAULT 0",
}

# Version 4 gives a question, and a template, its schema and data (the SQL an SQL room runs
# before every run); older ones get none.
SETUP_COLUMN_SINCE_VERSION_4 = {"setup": "TEXT NOT NULL DEFAULT ''"}

# Version 5 keeps each room's door (who each browser is, who was removed, whom the lobby let
# in): a new table, created by SCHEMA above.

SCHEMA_VERSION = 5


class NewerDatabaseError(RuntimeError):
    """The data folder was written by a newer Interview Desk."""


def migrate(db: sqlite3.Connection) -> None:
    """Creates the tables of a new file or upgrades an older one, in one transaction."""
    version = int(db.execute("PRAGMA user_version").fetchone()[0])
    if version > SCHEMA_VERSION:
        raise NewerDatabaseError(
            f"{_name(db)} was written by a newer Interview Desk (database version {version});"
            " update the app to open it."
        )
    if version == SCHEMA_VERSION:
        return
    has_updates = db.execute(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'updates'"
    ).fetchone()
    db.execute("BEGIN IMMEDIATE")
    try:
        version_1_updates = has_updates is not None and "AUTOINCREMENT" in has_updates[0]
        if version_1_updates:
            _run_script(db, SET_ASIDE_VERSION_1_UPDATES)
        _run_script(db, SCHEMA)
        if version_1_updates:
            _run_script(db, MOVE_VERSION_1_UPDATES)
        _add_columns(db, "templates", TEMPLATE_COLUMNS_SINCE_VERSION_3)
        _add_columns(db, "templates", SETUP_COLUMN_SINCE_VERSION_4)
        _add_columns(db, "questions", SETUP_COLUMN_SINCE_VERSION_4)
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
    except BaseException:
        db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


def _add_columns(db: sqlite3.Connection, table: str, wanted: dict[str, str]) -> None:
    """Gives an older table the columns it lacks (a table not made yet is left alone: the
    templates table of a new file is created later, by desktop/templates.py)."""
    columns = {row[1] for row in db.execute(f"PRAGMA table_info({table})")}
    if not columns:
        return
    for name, kind in wanted.items():
        if name not in columns:
            db.execute(f"ALTER TABLE {table} ADD COLUMN {name} {kind}")


def _run_script(db: sqlite3.Connection, script: str) -> None:
    """Runs statements one by one: executescript() would commit our transaction."""
    for statement in script.split(";"):
        if statement.strip():
            db.execute(statement)


def _name(db: sqlite3.Connection) -> str:
    row = db.execute("PRAGMA database_list").fetchone()
    return str(row[2]) if row is not None and row[2] else "The database"
