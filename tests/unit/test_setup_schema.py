"""A version-3 file gains the schema-and-data column of questions and templates (version 4):
every question, test and template it held stays, with no setup, and a setup saved afterwards
survives a reopen."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from desktop.protocol import CodeTest, RoomInfo
from desktop.question_bank import QUESTION_BANK
from desktop.question_store import QuestionRecord
from desktop.schema import SCHEMA_VERSION
from desktop.store import Store
from desktop.templates import TemplateDraft

TEST = CodeTest(id="a", stdin="1\n", expected="1\n", hidden=True)


def version_3_file(path: Path) -> None:
    """A file as version 3 left it: a room with a question, a host's template, no setup column."""
    store = Store(path)
    store.create_room(RoomInfo(id="r", title="Old", created_at=1.0))
    store.questions.save("r", QuestionRecord("# Old question", [TEST], True, 2.0))
    store.templates.save(TemplateDraft(title="Mine", language="python", code="print(1)"))
    store.close()
    db = sqlite3.connect(path)
    db.executescript(
        "ALTER TABLE questions DROP COLUMN setup; ALTER TABLE templates DROP COLUMN setup;"
        " PRAGMA user_version = 3;"
    )
    db.close()


def columns(store: Store, table: str) -> set[str]:
    return {row[1] for row in store.db.execute(f"PRAGMA table_info({table})")}


def test_a_version_3_file_gains_the_setup_and_keeps_its_questions_and_templates(
    tmp_path: Path,
) -> None:
    path = tmp_path / "interview-desk.sqlite3"
    version_3_file(path)
    store = Store(path)
    assert store.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert "setup" in columns(store, "questions")
    assert "setup" in columns(store, "templates")
    assert store.questions.load("r") == QuestionRecord("# Old question", [TEST], True, 2.0, "")
    mine = next(t for t in store.templates.all() if t.title == "Mine")
    assert (mine.code, mine.setup, mine.builtin) == ("print(1)", "", False)
    shipped = {t.title: t for t in store.templates.all() if t.builtin}
    assert len(shipped) == len(QUESTION_BANK)
    assert {t.title: t.setup for t in QUESTION_BANK} == {t: shipped[t].setup for t in shipped}
    store.questions.save(
        "r", QuestionRecord("# Old question", [TEST], True, 3.0, "CREATE TABLE t(a);")
    )
    store.close()

    reopened = Store(path)
    assert reopened.questions.load("r").setup == "CREATE TABLE t(a);"
    assert len([t for t in reopened.templates.all() if t.builtin]) == len(QUESTION_BANK)
    reopened.close()
