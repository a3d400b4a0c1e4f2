"""Question templates: starter code, language and interviewer notes, kept in SQLite.

A few good starters ship with the app; the host can save the current code of
any room as a new one.
"""

from __future__ import annotations

import secrets
import sqlite3
import time

from pydantic import Field

from desktop.protocol import Language, Strict

SCHEMA = """
CREATE TABLE IF NOT EXISTS templates (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    language TEXT NOT NULL,
    code TEXT NOT NULL,
    notes TEXT NOT NULL,
    created_at REAL NOT NULL,
    builtin INTEGER NOT NULL DEFAULT 0
);
"""


class TemplateDraft(Strict):
    """What the host sends to save a template."""

    title: str = Field(min_length=1, max_length=100)
    language: Language
    code: str = Field(max_length=100_000)
    notes: str = Field(default="", max_length=20_000)


class Template(TemplateDraft):
    id: str
    created_at: float
    builtin: bool


STARTERS = [
    TemplateDraft(
        title="FizzBuzz warm-up",
        language="python",
        code=(
            "def fizzbuzz(n: int) -> list[str]:\n"
            '    """Return the FizzBuzz sequence from 1 to n."""\n'
            "    ...\n\n\n"
            "print(fizzbuzz(15))\n"
        ),
        notes="Five minutes. Watch for: off-by-one at n, the order of the checks, tests.",
    ),
    TemplateDraft(
        title="Two sum",
        language="python",
        code=(
            "def two_sum(numbers: list[int], target: int) -> tuple[int, int] | None:\n"
            '    """Indices of two numbers that add up to target, or None."""\n'
            "    ...\n\n\n"
            "assert two_sum([2, 7, 11, 15], 9) == (0, 1)\n"
            "print('ok')\n"
        ),
        notes="Brute force first is fine; ask for O(n) with a dict. Duplicates? Negative numbers?",
    ),
    TemplateDraft(
        title="LRU cache",
        language="python",
        code=(
            "class LRUCache:\n"
            "    def __init__(self, capacity: int) -> None:\n"
            "        ...\n\n"
            "    def get(self, key: int) -> int | None:\n"
            "        ...\n\n"
            "    def put(self, key: int, value: int) -> None:\n"
            "        ...\n"
        ),
        notes="Expect OrderedDict or dict + linked list. Ask about complexity and thread safety.",
    ),
    TemplateDraft(
        title="Debounce",
        language="javascript",
        code=(
            "// Return a function that calls fn only after `ms` without new calls.\n"
            "function debounce(fn, ms) {\n"
            "}\n\n"
            "const log = debounce((x) => console.log('called with', x), 50);\n"
            "log(1); log(2); log(3);\n"
        ),
        notes="Closures and timers. Follow-ups: leading edge, cancel(), `this` and arguments.",
    ),
    TemplateDraft(
        title="Group anagrams",
        language="javascript",
        code=(
            "function groupAnagrams(words) {\n"
            "}\n\n"
            "console.log(groupAnagrams(['eat', 'tea', 'tan', 'ate', 'nat', 'bat']));\n"
        ),
        notes="Sorting keys vs counting keys; output order; Map vs object.",
    ),
]


class TemplateStore:
    """Templates in the relay's database; the starters are added on first use."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db
        self.db.executescript(SCHEMA)
        if self.db.execute("SELECT count(*) FROM templates").fetchone()[0] == 0:
            for starter in STARTERS:
                self.save(starter, builtin=True)

    def save(self, draft: TemplateDraft, *, builtin: bool = False) -> Template:
        template = Template(
            **draft.model_dump(),
            id=secrets.token_urlsafe(9),
            created_at=time.time(),
            builtin=builtin,
        )
        self.db.execute(
            "INSERT INTO templates (id, title, language, code, notes, created_at, builtin)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                template.id,
                template.title,
                template.language,
                template.code,
                template.notes,
                template.created_at,
                template.builtin,
            ),
        )
        return template

    def all(self) -> list[Template]:
        rows = self.db.execute(
            "SELECT id, title, language, code, notes, created_at, builtin FROM templates"
            " ORDER BY builtin DESC, created_at"
        )
        keys = ("id", "title", "language", "code", "notes", "created_at", "builtin")
        return [Template(**dict(zip(keys, row, strict=True))) for row in rows]

    def get(self, template_id: str) -> Template | None:
        return next((t for t in self.all() if t.id == template_id), None)

    def delete(self, template_id: str) -> bool:
        return self.db.execute("DELETE FROM templates WHERE id = ?", (template_id,)).rowcount > 0
