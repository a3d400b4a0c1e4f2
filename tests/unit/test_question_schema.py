"""A version-2 file gains the question tables and template columns; the question bank replaces
the old shipped starters while the host's own templates stay."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from desktop.protocol import CodeTest, RoomInfo
from desktop.question_bank import QUESTION_BANK
from desktop.question_store import QuestionRecord
from desktop.schema import SCHEMA_VERSION
from desktop.store import Store

VERSION_2_TEMPLATES = """
CREATE TABLE templates (
    id TEXT PRIMARY KEY, title TEXT NOT NULL, language TEXT NOT NULL, code TEXT NOT NULL,
    notes TEXT NOT NULL, created_at REAL NOT NULL, builtin INTEGER NOT NULL DEFAULT 0
);
INSERT INTO templates VALUES ('old-starter', 'Debounce', 'javascript', '', '', 1.0, 1);
INSERT INTO templates VALUES ('mine', 'My question', 'python', 'print(1)', 'N', 2.0, 0);
"""


def version_2_file(path: Path) -> None:
    """A file as version 2 left it: no question tables, templates without statement or tests."""
    Store(path).close()
    db = sqlite3.connect(path)
    db.executescript(
        "DROP TABLE questions; DROP TABLE test_runs; DROP TABLE templates;"
        + VERSION_2_TEMPLATES
        + "PRAGMA user_version = 2;"
    )
    db.close()


def test_a_version_2_file_gains_questions_and_keeps_the_hosts_templates(tmp_path: Path) -> None:
    path = tmp_path / "interview-desk.sqlite3"
    version_2_file(path)
    store = Store(path)
    assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    templates = {t.title: t for t in store.templates.all()}
    assert "Debounce" not in templates
    mine = templates["My question"]
    assert (mine.code, mine.notes, mine.statement, mine.tests, mine.builtin) == (
        "print(1)",
        "N",
        "",
        [],
        False,
    )
    assert {t.title for t in QUESTION_BANK} <= set(templates)
    store.create_room(RoomInfo(id="r", title="", created_at=1.0))
    test = CodeTest(id="a", kind="function", call="f()", expected="1", hidden=True)
    store.questions.save("r", QuestionRecord("# Q", [test], True, 3.0))
    store.close()

    reopened = Store(path)
    assert reopened.questions.load("r") == QuestionRecord("# Q", [test], True, 3.0)
    shipped = [t for t in reopened.templates.all() if t.builtin]
    assert len(shipped) == len(QUESTION_BANK)  # not added twice
    reopened.close()
