from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

from pycrdt import Doc, Text

from desktop.protocol import RoomInfo
from desktop.store import PendingUpdate, Store


def text_of(updates: list[bytes]) -> str:
    doc: Doc[Any] = Doc()
    for update in updates:
        doc.apply_update(update)
    return str(doc.get("code", type=Text))


def typed_history(store: Store, room: str) -> Doc[Any]:
    """Types 'hello world' one character per update, alternating two authors in bursts."""
    doc: Doc[Any] = Doc()
    doc["code"] = text = Text()
    updates: list[bytes] = []
    doc.observe(lambda event: updates.append(event.update))
    for i, char in enumerate("hello world"):
        text += char
        author = "alice" if i < 5 else "bob"
        store.append_updates([PendingUpdate(room, 1000.0 + i * 0.5, author, updates[-1])])
    return doc


def test_compaction_keeps_the_document_and_who_wrote_what(tmp_path: Path) -> None:
    store = Store(tmp_path / "db.sqlite3")
    store.create_room(RoomInfo(id="r", title="", created_at=0))
    typed_history(store, "r")
    before = store.load_updates("r")
    removed = store.compact("r", window_seconds=2.0)
    after = store.load_updates("r")
    assert removed > 0
    assert len(after) == len(before) - removed
    assert text_of([row.data for row in after]) == "hello world"
    assert {row.author for row in after} == {"alice", "bob"}
    assert all(b.created_at >= a.created_at for a, b in itertools.pairwise(after))


def test_repeated_compaction_survives_reopening(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite3"
    store = Store(path)
    store.create_room(RoomInfo(id="r", title="", created_at=0))
    typed_history(store, "r")
    store.compact("r")
    store.compact("r")
    store.close()
    reopened = Store(path)
    assert text_of([row.data for row in reopened.load_updates("r")]) == "hello world"


def test_deleting_nothing_from_other_rooms(tmp_path: Path) -> None:
    store = Store(tmp_path / "db.sqlite3")
    for room in ("a", "b"):
        store.create_room(RoomInfo(id=room, title="", created_at=0))
        typed_history(store, room)
    store.compact("a")
    assert len(store.load_updates("b")) == len("hello world")
