"""The room registry: creates rooms, loads them from the store, unloads idle ones.

A room in memory is its shared code document, the host's private notes
document, and its interview (participants, runs, host controls). It knows
nothing of sockets or HTTP.
"""

from __future__ import annotations

import asyncio
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pycrdt import Doc, Map, MapEvent, Text

from desktop import languages
from desktop.disk_floor import DiskFloor
from desktop.doc_room import DocPeer, DocumentRoom
from desktop.door import Door
from desktop.door_store import DoorSaver
from desktop.full_state import SMALL_DOCUMENT_BYTES, FullState
from desktop.group_commit import GroupCommit
from desktop.interview import Interview
from desktop.key_throttle import KeyThrottle
from desktop.protocol import Language, ProtocolError, RoomInfo
from desktop.question import QuestionDesk
from desktop.room_loader import LoadedDocument, RoomLoader, build_document
from desktop.settings import Limits
from desktop.store import PendingUpdate, Store

COMPACT_AFTER_ROWS = 500
KEPT_FULL_STATES = 4
# A big room stays loaded this long after its last peer leaves: a newcomer
# after newcomer would otherwise rebuild it each time (a thread holding the GIL).
WARM_SECONDS = 30.0
NOTES = "notes"
UNNAMED_AUTHOR = "a candidate (unnamed client)"


@dataclass
class Room:
    info: RoomInfo
    document: DocumentRoom
    notes: DocumentRoom
    interview: Interview
    question: QuestionDesk
    refusal_told: dict[str, float] = field(default_factory=dict)

    @property
    def is_idle(self) -> bool:
        return not (self.document.peers or self.notes.peers or self.interview.participants)

    def wire(self) -> None:
        """Lets the interview's host controls govern both documents."""

        def may_edit_code(peer: DocPeer) -> bool:
            participant = self.interview.participants.get(peer.participant_id or "")
            return self.interview.may_edit(participant)

        def may_edit_notes(peer: DocPeer) -> bool:
            return self.interview.controls.ended_at is None

        def author_of(peer: DocPeer) -> str:
            # The relay's own record names the author, never what the client claims.
            if peer.participant_id is None:
                return UNNAMED_AUTHOR
            return self.interview.names.get(peer.participant_id, UNNAMED_AUTHOR)

        self.document.may_edit = may_edit_code
        self.notes.may_edit = may_edit_notes
        self.document.author_of = author_of
        self.notes.author_of = author_of
        self.interview.on_seated = self.question.greet
        self.document.on_refused = self._tell_refused
        self.document.on_full = self._tell_full
        self.notes.on_full = self._tell_full
        self.interview.on_removed = self._disconnect

    def _tell_refused(self, peer: DocPeer) -> None:
        participant = self.interview.participants.get(peer.participant_id or "")
        now = time.monotonic()
        if participant is None or now - self.refusal_told.get(peer.participant_id or "", 0) < 2:
            return
        self.refusal_told[participant.info.participant_id] = now
        reason = (
            "This interview has ended; the code is read-only."
            if self.interview.controls.ended_at is not None
            else "The interviewer has locked the editor; your edit was not applied."
        )
        participant.peer.send_text(ProtocolError("editor-locked", reason).to_frame())

    def _tell_full(self, peer: DocPeer, code: str, reason: str) -> None:
        """Tells the sender (at most every 2 s) why the document took no more of its edits."""
        participant = self.interview.participants.get(peer.participant_id or "")
        now = time.monotonic()
        key = f"{code}:{peer.participant_id}"
        if participant is None or now - self.refusal_told.get(key, 0) < 2:
            return
        self.refusal_told[key] = now
        participant.peer.send_text(ProtocolError(code, reason).to_frame())

    def _disconnect(self, participant_id: str) -> None:
        for document in (self.document, self.notes):
            document.close_participant(participant_id, "Removed by the interviewer.")


def new_room_id() -> str:
    """128 random bits, URL-safe: the link is the capability."""
    return secrets.token_urlsafe(16)


class RoomRegistry:
    """Every room of this relay; the loaded ones are kept in memory while in use."""

    def __init__(
        self,
        store: Store,
        limits: Limits,
        host_key: str,
        join_base: Callable[[], str] = lambda: "",
    ) -> None:
        self.store = store
        self.join_base = join_base
        self.limits = limits
        self.host_key = host_key
        self.commits = GroupCommit(store, on_failure=self._drop_rooms)
        self.disk = DiskFloor(store.path.parent, limits.min_free_disk_bytes)
        self.loader = RoomLoader(store, ("code", NOTES), COMPACT_AFTER_ROWS)
        self.generation: dict[str, int] = {}  # rises each time a room is loaded
        self.full_states: dict[str, FullState] = {}  # of big rooms gone idle
        self.loaded: dict[str, Room] = {}
        self.doors: dict[str, Door] = {}  # outlive an unloaded room; stored too
        self.door_saver = DoorSaver(store.doors)
        self.key_throttle = KeyThrottle()
        self.warm: dict[str, asyncio.TimerHandle] = {}  # idle big rooms kept loaded

    def create(
        self,
        title: str = "",
        language: Language = languages.DEFAULT_LANGUAGE,
        code: str = "",
        notes: str = "",
    ) -> RoomInfo:
        """Makes a room whose document already holds its language and starter code."""
        info = RoomInfo(id=new_room_id(), title=title, created_at=time.time())
        doc: Doc[Any] = Doc()
        doc["code"] = Text(code)
        meta: Map[str] = Map()
        doc["meta"] = meta
        meta["language"] = language
        rows = [PendingUpdate(info.id, info.created_at, None, doc.get_update())]
        if notes:
            notes_doc: Doc[Any] = Doc()
            notes_doc["notes"] = Text(notes)
            rows.append(
                PendingUpdate(info.id, info.created_at, None, notes_doc.get_update(), NOTES)
            )
        with self.store.transaction():
            self.store.create_room(info)
            self.store.set_language(info.id, language)
        self.store.append_updates(rows)
        return info

    def join_url(self, room_id: str) -> str:
        """The link candidates open: this machine's LAN address, not loopback."""
        return f"{self.join_base()}/r/{room_id}"

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
        self.generation[room_id] = self.generation.get(room_id, 0) + 1
        loaded_code = self.load_document(room_id, "code")
        loaded_notes = self.load_document(room_id, NOTES)
        code = DocumentRoom(room_id, loaded_code.doc, self.commits)
        self._follow_language(room_id, code.doc)
        interview = Interview(
            info,
            self.store,
            self.limits,
            self.host_key,
            lambda: self.join_url(room_id),
            self._door(room_id),
            self.key_throttle,
        )
        room = Room(
            info=info,
            document=code,
            notes=DocumentRoom(room_id, loaded_notes.doc, self.commits, NOTES),
            interview=interview,
            question=QuestionDesk(room_id, self.store.questions, interview),
        )
        for document, loaded in ((room.document, loaded_code), (room.notes, loaded_notes)):
            document.max_bytes = self.limits.max_document_bytes
            document.stored_bytes = loaded.stored_bytes
            document.disk = self.disk
        kept = self.full_states.pop(room_id, None)
        if kept is not None and kept.stored_bytes == room.document.stored_bytes:
            room.document.full_state = kept
        interview.disk = self.disk
        door = interview.door
        interview.on_door_changed = lambda: self.door_saver.changed(room_id, door)
        room.wire()
        self.loaded[room_id] = room
        return room

    async def prepare(self, room_id: str) -> None:
        """Rebuilds a room's documents on a worker thread, so that `open` is quick."""
        if room_id in self.loaded or self.store.get_room(room_id) is None:
            return
        generation = self.generation.get(room_id, 0)
        await self.loader.prepare(room_id)
        if room_id in self.loaded or self.generation.get(room_id, 0) != generation:
            self.loader.forget(room_id)  # opened meanwhile: what was read may be stale

    def load_document(self, room_id: str, kind: str) -> LoadedDocument:
        """The document `prepare` built, else rebuilt here from the stored log."""
        loaded = self.loader.take(room_id, kind)
        if loaded is None:
            loaded = build_document(self.store, room_id, kind, COMPACT_AFTER_ROWS)
        return loaded

    def release(self, room: Room) -> None:
        """Unloads a room nobody is in any more (a big one a while later), after storing it."""
        if not (room.is_idle and self.loaded.get(room.info.id) is room):
            return
        if room.document.stored_bytes > SMALL_DOCUMENT_BYTES and self._keep_warm(room):
            return
        self._unload(room)

    def _keep_warm(self, room: Room) -> bool:
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return False
        room_id = room.info.id
        previous = self.warm.pop(room_id, None)
        if previous is not None:
            previous.cancel()
        self.warm[room_id] = loop.call_later(WARM_SECONDS, self._cool, room)
        while len(self.warm) > KEPT_FULL_STATES:
            oldest = next(iter(self.warm))
            self.warm.pop(oldest).cancel()
            kept = self.loaded.get(oldest)
            if kept is not None and kept.is_idle:
                self._unload(kept)
        return True

    def _cool(self, room: Room) -> None:
        self.warm.pop(room.info.id, None)
        if room.is_idle and self.loaded.get(room.info.id) is room:
            self._unload(room)

    def _unload(self, room: Room) -> None:
        self.commits.flush()
        del self.loaded[room.info.id]
        if room.document.full_state is not None:  # someone reconnecting reuses it
            self.full_states[room.info.id] = room.document.full_state
            while len(self.full_states) > KEPT_FULL_STATES:
                del self.full_states[next(iter(self.full_states))]

    def delete(self, room_id: str) -> bool:
        """Closes a room's connections and removes it with all its history."""
        room = self.loaded.pop(room_id, None)
        self.doors.pop(room_id, None)
        self.door_saver.forget(room_id)
        warm = self.warm.pop(room_id, None)
        if warm is not None:
            warm.cancel()
        if room is not None:
            self.commits.flush()
            for document in (room.document, room.notes):
                document.close_all("This interview was deleted.")
            room.interview.close_all("This interview was deleted.")
        return self.store.delete_room(room_id)

    def close(self) -> None:
        """Closes every connection and stores what is pending: a clean shutdown."""
        for warm in self.warm.values():
            warm.cancel()
        self.warm.clear()
        for room in list(self.loaded.values()):
            for document in (room.document, room.notes):
                document.close_all("The relay is shutting down.")
            room.interview.close_all("The relay is shutting down.")
        self.commits.flush()
        self.door_saver.flush()

    def _door(self, room_id: str) -> Door:
        """The room's door: kept in memory while the relay runs, read from the store first."""
        door = self.doors.get(room_id)
        if door is None:
            door = self.doors[room_id] = self.store.doors.load(room_id) or Door()
        return door

    def _follow_language(self, room_id: str, doc: Doc[Any]) -> None:
        meta = doc.get("meta", type=Map)

        def changed(event: MapEvent) -> None:
            language = meta.get("language")
            if languages.is_language(language):
                self.store.set_language(room_id, language)

        meta.observe(changed)

    def _drop_rooms(self, room_ids: set[str]) -> None:
        # Peers resend on reconnect what the store could not keep.
        for room_id in room_ids:
            room = self.loaded.pop(room_id, None)
            if room is not None:
                room.document.close_all("The relay could not store an edit; reconnecting.")
                room.notes.close_all("The relay could not store an edit; reconnecting.")
