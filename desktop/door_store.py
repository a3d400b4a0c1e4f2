"""The door of each room (desktop/door.py) in the database, saved a moment after it changes.

A door changes on every join; saving it at once would let a client that joins and leaves in
a loop turn each `hello` into a write. Changes within a second are saved together, and
whatever is pending is saved when the relay stops.
"""

from __future__ import annotations

import asyncio
import json
import logging
import sqlite3

from desktop.door import Door

log = logging.getLogger(__name__)
SAVE_DELAY_SECONDS = 1.0


class DoorStore:
    """Reads and writes the `doors` table (one JSON record per room)."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def load(self, room_id: str) -> Door | None:
        row = self.db.execute("SELECT state FROM doors WHERE room_id = ?", (room_id,)).fetchone()
        if row is None:
            return None
        try:
            return Door.from_record(json.loads(row[0]))
        except (ValueError, KeyError, TypeError) as error:
            # A record this version cannot read: start with an open door rather than no room.
            log.warning("room %s: could not read who may come in (%s)", room_id, error)
            return None

    def save(self, room_id: str, door: Door) -> None:
        state = json.dumps(door.to_record(), separators=(",", ":"))
        self.db.execute(
            "INSERT INTO doors (room_id, state) VALUES (?, ?)"
            " ON CONFLICT (room_id) DO UPDATE SET state = excluded.state",
            (room_id, state),
        )


class DoorSaver:
    """Coalesces saves: at most one write per room per SAVE_DELAY_SECONDS."""

    def __init__(self, store: DoorStore) -> None:
        self.store = store
        self.pending: dict[str, Door] = {}
        self.timer: asyncio.TimerHandle | None = None

    def changed(self, room_id: str, door: Door) -> None:
        self.pending[room_id] = door
        if self.timer is None:
            try:
                loop = asyncio.get_running_loop()
            except RuntimeError:  # no loop (a script or a test driving rooms directly)
                self.flush()
                return
            self.timer = loop.call_later(SAVE_DELAY_SECONDS, self.flush)

    def forget(self, room_id: str) -> None:
        self.pending.pop(room_id, None)

    def flush(self) -> None:
        if self.timer is not None:
            self.timer.cancel()
            self.timer = None
        pending, self.pending = self.pending, {}
        for room_id, door in pending.items():
            try:
                self.store.save(room_id, door)
            except sqlite3.Error as error:
                log.warning("room %s: could not save who may come in (%s)", room_id, error)
