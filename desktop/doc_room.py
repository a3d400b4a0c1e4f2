"""One room's shared document over the y-websocket protocol, framework-free.

The relay answers sync requests from its authoritative pycrdt copy, stores every
update before forwarding the received bytes unchanged to the other peers, and
keeps presence so newcomers see everyone at once and leavers vanish at once.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, Protocol

from pycrdt import Doc

from desktop.awareness import Presence, encode_update
from desktop.client_cap import MAX_CLIENTS, ClientCap
from desktop.disk_floor import NO_FLOOR, DiskFloor
from desktop.full_state import SMALL_DOCUMENT_BYTES, FullState
from desktop.group_commit import GroupCommit
from desktop.store import PendingUpdate
from desktop.ysync import (
    DecodeError,
    MessageType,
    Reader,
    SyncType,
    awareness_message,
    parse_sync,
    plain_update,
    sync_message,
)

EMPTY_UPDATE = b"\x00\x00"


class DocPeer(Protocol):
    """A connection to one participant's document provider."""

    participant_id: str | None  # None: a client that did not say who it is

    def send(self, message: bytes) -> None: ...

    def send_many(self, messages: list[bytes]) -> None: ...

    def close(self, reason: str) -> None: ...


class DocumentRoom:
    """The shared document of one room and the connections editing it."""

    def __init__(
        self, room_id: str, doc: Doc[Any], commits: GroupCommit, kind: str = "code"
    ) -> None:
        self.room_id = room_id
        self.kind = kind
        self.doc = doc
        self.commits = commits
        self.peers: set[DocPeer] = set()
        self.presence = Presence()
        self.author_of: Callable[[DocPeer], str | None] = lambda peer: None
        self.may_edit: Callable[[DocPeer], bool] = lambda peer: True
        self.on_refused: Callable[[DocPeer], None] = lambda peer: None
        # Storage: the bytes of updates stored so far (counted as they come, O(1)),
        # the cap, and the disk floor; `on_full(peer, code, reason)` tells the sender.
        self.stored_bytes = 0
        self.max_bytes = 1 << 62
        self.full_state: FullState | None = None  # for big documents only
        self.clients = ClientCap(doc)
        self.disk: DiskFloor = NO_FLOOR
        self.on_full: Callable[[DocPeer, str, str], None] = lambda peer, code, reason: None

    def join(self, peer: DocPeer) -> None:
        """Starts the sync and shows the newcomer everyone already here."""
        self.peers.add(peer)
        self.commits.send(peer, sync_message(SyncType.STEP1, self.doc.get_state()))
        everyone = self.presence.snapshot()
        if everyone:
            self.commits.send(peer, awareness_message(encode_update(everyone)))

    def leave(self, peer: DocPeer) -> None:
        """Forgets a closed connection and removes its presence for everyone, now."""
        self.peers.discard(peer)
        removals = self.presence.remove_owner(peer)
        if removals:
            self.commits.broadcast(self.peers, None, awareness_message(encode_update(removals)))

    def receive(self, peer: DocPeer, message: bytes) -> None:
        """Handles one binary frame; raises DecodeError and changes nothing if it is bad."""
        update = plain_update(message)
        if update is not None:
            self._receive_update(peer, message, update)
            return
        reader = Reader(message)
        kind = reader.var_uint()
        if kind == MessageType.SYNC:
            self._receive_sync(peer, message, reader)
        elif kind == MessageType.AWARENESS:
            self._receive_awareness(peer, message, reader.var_bytes(), reader)
        elif kind == MessageType.QUERY_AWARENESS:
            everyone = self.presence.snapshot()
            self.commits.send(peer, awareness_message(encode_update(everyone)))
        elif kind != MessageType.AUTH:
            raise DecodeError(f"unknown message type {kind}")

    def _receive_sync(self, peer: DocPeer, message: bytes, reader: Reader) -> None:
        sync = parse_sync(reader)
        if not reader.at_end():
            raise DecodeError("trailing bytes after the sync message")
        if sync.kind == SyncType.STEP1:
            if self.stored_bytes > SMALL_DOCUMENT_BYTES:
                self._send_full_state(peer)
                return
            try:
                missing = self.doc.get_update(sync.payload)
            except ValueError as error:
                raise DecodeError(f"bad state vector: {error}") from error
            self.commits.send(peer, sync_message(SyncType.STEP2, missing))
            return
        # A client's sync step 2 reaches the others as a plain update.
        forward = (
            message if sync.kind == SyncType.UPDATE else sync_message(SyncType.UPDATE, sync.payload)
        )
        self._receive_update(peer, forward, sync.payload)

    def _receive_update(self, peer: DocPeer, forward: bytes, update: bytes) -> None:
        """Applies, stores and forwards one update; `forward` is its update message."""
        if update == EMPTY_UPDATE:
            return
        if not self.may_edit(peer):
            self.on_refused(peer)
            return
        size = self.stored_bytes + len(update)
        if size > self.max_bytes or self.disk.low:
            self._refuse_full(peer)
            return
        if not self.clients.admits(update):
            self.on_full(
                peer,
                "too-many-clients",
                f"This document has had {MAX_CLIENTS} editors (page loads); "
                "no new one can write to it. Everything written so far is safe.",
            )
            return
        try:
            self.doc.apply_update(update)
        except ValueError as error:
            raise DecodeError(f"bad document update: {error}") from error
        self.stored_bytes = size
        if update[0] > 1:  # several clients' edits at once: learn who they were
            self.clients.applied(self.doc, update)
        if self.full_state is not None and not self.full_state.note(update):
            self.full_state = None
        self.commits.submit(
            PendingUpdate(self.room_id, time.time(), self.author_of(peer), update, self.kind)
        )
        self.commits.broadcast(self.peers, peer, forward)

    def _receive_awareness(
        self, peer: DocPeer, message: bytes, update: bytes, reader: Reader
    ) -> None:
        if not reader.at_end():
            raise DecodeError("trailing bytes after the awareness message")
        accepted = self.presence.apply(update, peer, peer.participant_id, self.author_of(peer))
        if not accepted:
            return
        exact = len(accepted) == _entry_count(update) and not self.presence.rewrote
        forward = message if exact else None
        if forward is None:
            forward = awareness_message(encode_update(accepted))
        if len(self.peers) == 1:
            # Alone in the room, a y-websocket client would hear nothing and
            # reconnect after 30 s; its own presence coming back keeps it calm.
            self.commits.send(peer, forward)
        self.commits.broadcast(self.peers, peer, forward)

    def _send_full_state(self, peer: DocPeer) -> None:
        if self.full_state is None:
            self.full_state = FullState(self.doc, self.stored_bytes)
        for message in self.full_state.messages():
            self.commits.send(peer, message)

    def _refuse_full(self, peer: DocPeer) -> None:
        if self.disk.low:
            self.on_full(peer, "disk-full", self.disk.message())
            return
        what = "code" if self.kind == "code" else self.kind
        megabytes = self.max_bytes / 2**20
        self.on_full(
            peer,
            "document-full",
            f"This room's {what} reached the relay's limit of {megabytes:g} MiB of edits; "
            "your edit was not kept. Everything written so far is safe.",
        )

    def close_all(self, reason: str) -> None:
        for peer in list(self.peers):
            peer.close(reason)

    def close_participant(self, participant_id: str, reason: str) -> None:
        for peer in list(self.peers):
            if peer.participant_id == participant_id:
                peer.close(reason)


def _entry_count(update: bytes) -> int:
    return Reader(update).var_uint()
