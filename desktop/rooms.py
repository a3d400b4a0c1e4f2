"""The room registry: creates rooms, loads them from the store, unloads idle ones.

A room in memory is its shared document plus its interview (participants and
runs); it knows nothing of sockets or HTTP.
"""

from __future__ import annotations

import logging
import secrets
import time
from dataclasses import dataclass
from typing import Any

from pycrdt import Doc, Map, Text

from desktop.doc_room import DocumentRoom
from desktop.group_commit import GroupCommit
from desktop.interview import Interview
from desktop.protocol import Language, RoomInfo
from desktop.settings import Limits
from desktop.store import PendingUpdate, Store

log = logging.getLogger(__name__)

COMPACT_AFTER_ROWS = 500


@dataclass
class Room:
    info: RoomInfo
    document: DocumentRoom
    interview: Interview

    @property
    def is_idle(self) -> bool:
        return not self.document.peers and not self.interview.participants


def new_room_id() -> str:
    """128 random bits, URL-safe: the link is the capability."""
    return secrets.token_urlsafe(16)


class RoomRegistry:
    """Every room of this relay; the loaded ones are kept in memory while in use."""

    def __init__(self, store: Store, limits: Limits, host_key: str) -> None:
        self.store = store
        self.limits = limits
        self.host_key = host_key
        self.commits = GroupCommit(store, on_failure=self._drop_rooms)
        self.loaded: dict[str, Room] = {}

    def create(self, title: str = "", language: Language = "python") -> RoomInfo:
        """Makes a room whose document already says which language it is in."""
        info = RoomInfo(id=new_room_id(), title=title, created_at=time.time())
        doc: Doc[Any] = Doc()
        doc["code"] = Text()
        meta: Map[str] = Map()
        doc["meta"] = meta
        meta["language"] = language
        with self.store.transaction():
            self.store.create_room(info)
        self.store.append_updates([PendingUpdate(info.id, info.created_at, None, doc.get_update())])
        return info

    def exists(self, room_id: str) -> bool:
        return room_id in self.loaded or self.store.get_room(room_id) is not None

    def open(self, room_id: str) -> Room | None:
        """The room in memory, loading it from the store if needed; None if unknown."""
        room = self.loaded.get(room_id)
        if room is not None:
            return room
        info = self.store.get_room(room_id)
        if info is None:
            return None
        if self.store.count_updates(room_id) > COMPACT_AFTER_ROWS:
            self.store.compact(room_id)
        doc: Doc[Any] = Doc()
        for row in self.store.load_updates(room_id):
            doc.apply_update(row.data)
        room = Room(
            info=info,
            document=DocumentRoom(room_id, doc, self.commits),
            interview=Interview(info, self.store, self.limits, self.host_key),
        )
        self.loaded[room_id] = room
        return room

    def release(self, room: Room) -> None:
        """Unloads a room nobody is in any more, after its updates are stored."""
        if room.is_idle and self.loaded.get(room.info.id) is room:
            self.commits.flush()
            del self.loaded[room.info.id]

    def close(self) -> None:
        """Closes every connection and stores what is pending: a clean shutdown."""
        for room in list(self.loaded.values()):
            room.document.close_all("The relay is shutting down.")
            room.interview.close_all("The relay is shutting down.")
        self.commits.flush()

    def _drop_rooms(self, room_ids: set[str]) -> None:
        # Peers resend on reconnect what the store could not keep.
        for room_id in room_ids:
            room = self.loaded.pop(room_id, None)
            if room is not None:
                room.document.close_all("The relay could not store an edit; reconnecting.")
