"""SQLite rows of a room's question (statement, tests, schema and data) and of its test runs."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field

from pydantic import TypeAdapter

from desktop.protocol import CodeTest, SuiteRun

_TESTS = TypeAdapter(list[CodeTest])


@dataclass(frozen=True, slots=True)
class QuestionRecord:
    """What a room asks: the statement in Markdown, the tests (hidden ones included) and the
    schema and data that SQL runs load first."""

    statement: str = ""
    tests: list[CodeTest] = field(default_factory=list)
    show_hidden_count: bool = False
    updated_at: float | None = None
    setup: str = ""


def tests_to_json(tests: list[CodeTest]) -> str:
    return _TESTS.dump_json(tests).decode()


def tests_from_json(text: str) -> list[CodeTest]:
    return _TESTS.validate_json(text)


class QuestionStore:
    """The `questions` and `test_runs` tables; used from the relay's event loop thread only."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def load(self, room_id: str) -> QuestionRecord:
        row = self.db.execute(
            "SELECT statement, tests, show_hidden_count, updated_at, setup FROM questions"
            " WHERE room_id = ?",
            (room_id,),
        ).fetchone()
        if row is None:
            return QuestionRecord()
        return QuestionRecord(row[0], tests_from_json(row[1]), bool(row[2]), row[3], row[4])

    def save(self, room_id: str, question: QuestionRecord) -> None:
        self.db.execute(
            "INSERT OR REPLACE INTO questions"
            " (room_id, statement, tests, show_hidden_count, updated_at, setup)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (
                room_id,
                question.statement,
                tests_to_json(question.tests),
                question.show_hidden_count,
                question.updated_at,
                question.setup,
            ),
        )

    def save_run(self, room_id: str, run: SuiteRun) -> None:
        self.db.execute(
            "INSERT INTO test_runs (test_run_id, room_id, finished_at, run) VALUES (?, ?, ?, ?)",
            (run.test_run_id, room_id, run.finished_at, run.model_dump_json()),
        )

    def run_bytes(self, room_id: str) -> list[tuple[str, int, bool]]:
        """Bytes of stored test runs by participant, and whether each is a host: for the caps."""
        rows = self.db.execute(
            "SELECT json_extract(t.run, '$.by') AS by_id, sum(length(CAST(t.run AS BLOB))),"
            " max(coalesce(p.role = 'host', 0))"
            " FROM test_runs t LEFT JOIN participants p"
            " ON p.participant_id = json_extract(t.run, '$.by')"
            " WHERE t.room_id = ? GROUP BY by_id",
            (room_id,),
        ).fetchall()
        return [(str(row[0]), int(row[1]), bool(row[2])) for row in rows]

    def runs(self, room_id: str, limit: int = 10_000) -> list[SuiteRun]:
        """The room's test runs, oldest first (the newest `limit` of them)."""
        rows = self.db.execute(
            "SELECT run FROM test_runs WHERE room_id = ? ORDER BY finished_at DESC LIMIT ?",
            (room_id, limit),
        ).fetchall()
        return [SuiteRun.model_validate(json.loads(row[0])) for row in reversed(rows)]
