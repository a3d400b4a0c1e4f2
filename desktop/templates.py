"""Question templates: statement, tests, schema and data, starter code, language and notes,
kept in SQLite.

A question bank ships with the app (`desktop/question_bank.py`); the host can save
any room's question, code and notes as a new template.
"""

from __future__ import annotations

import secrets
import sqlite3
import time
from collections.abc import Sequence

from pydantic import Field

from desktop.protocol import MAX_SETUP_CHARS, CodeTest, Language, Strict
from desktop.question_store import tests_from_json, tests_to_json

SCHEMA = """
CREATE TABLE IF NOT EXISTS templates (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    language TEXT NOT NULL,
    code TEXT NOT NULL,
    notes TEXT NOT NULL,
    created_at REAL NOT NULL,
    builtin INTEGER NOT NULL DEFAULT 0,
    statement TEXT NOT NULL DEFAULT '',
    tests TEXT NOT NULL DEFAULT '[]',
    show_hidden_count INTEGER NOT NULL DEFAULT 0,
    setup TEXT NOT NULL DEFAULT ''
);
"""


class TemplateDraft(Strict):
    """What the host sends to save a template."""

    title: str = Field(min_length=1, max_length=100)
    language: Language
    code: str = Field(max_length=100_000)
    notes: str = Field(default="", max_length=20_000)
    statement: str = Field(default="", max_length=20_000)
    tests: list[CodeTest] = Field(default_factory=list, max_length=50)
    show_hidden_count: bool = False
    #: The schema and data an SQL room's runs load first.
    setup: str = Field(default="", max_length=MAX_SETUP_CHARS)


SHIPPED_FIELDS = set(TemplateDraft.model_fields)


class Template(TemplateDraft):
    id: str
    created_at: float
    builtin: bool


class TemplateStore:
    """Templates in the relay's database; the shipped ones are (re)placed when they change."""

    def __init__(self, db: sqlite3.Connection, shipped: Sequence[TemplateDraft] = ()) -> None:
        self.db = db
        self.db.executescript(SCHEMA)
        builtins = sorted(t.model_dump_json(include=SHIPPED_FIELDS) for t in self._builtins())
        if builtins != sorted(t.model_dump_json(include=SHIPPED_FIELDS) for t in shipped):
            self.db.execute("DELETE FROM templates WHERE builtin = 1")
            for draft in shipped:
                self.save(draft, builtin=True)

    def save(self, draft: TemplateDraft, *, builtin: bool = False) -> Template:
        template = Template(
            **draft.model_dump(),
            id=secrets.token_urlsafe(9),
            created_at=time.time(),
            builtin=builtin,
        )
        self.db.execute(
            "INSERT INTO templates (id, title, language, code, notes, created_at, builtin,"
            " statement, tests, show_hidden_count, setup)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                template.id,
                template.title,
                template.language,
                template.code,
                template.notes,
                template.created_at,
                template.builtin,
                template.statement,
                tests_to_json(template.tests),
                template.show_hidden_count,
                template.setup,
            ),
        )
        return template

    def all(self) -> list[Template]:
        return self._select("1 ORDER BY builtin DESC, created_at")

    def get(self, template_id: str) -> Template | None:
        return next((t for t in self.all() if t.id == template_id), None)

    def delete(self, template_id: str) -> bool:
        return self.db.execute("DELETE FROM templates WHERE id = ?", (template_id,)).rowcount > 0

    def _builtins(self) -> list[Template]:
        return self._select("builtin = 1")

    def _select(self, where: str) -> list[Template]:
        rows = self.db.execute(
            "SELECT id, title, language, code, notes, created_at, builtin, statement, tests,"
            f" show_hidden_count, setup FROM templates WHERE {where}"
        )
        return [
            Template(
                id=row[0],
                title=row[1],
                language=row[2],
                code=row[3],
                notes=row[4],
                created_at=row[5],
                builtin=bool(row[6]),
                statement=row[7],
                tests=tests_from_json(row[8]),
                show_hidden_count=bool(row[9]),
                setup=row[10],
            )
            for row in rows
        ]
