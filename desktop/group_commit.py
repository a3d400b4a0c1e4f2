"""Group commit: store a loop tick's document updates in one transaction, then send.

Messages to peers queue behind uncommitted updates, so nobody ever sees an
edit that a crash could take back, and each peer gets its messages in order —
all of one tick's messages in a single write.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Iterable
from typing import Protocol

from desktop.store import PendingUpdate, Store

log = logging.getLogger(__name__)


class Sender(Protocol):
    """Anything that can take messages without waiting (a socket adapter)."""

    def send(self, message: bytes) -> None: ...

    def send_many(self, messages: list[bytes]) -> None: ...


class GroupCommit:
    """Batches update rows and the sends that must follow them."""

    def __init__(
        self,
        store: Store,
        on_failure: Callable[[set[str]], None],
        loop: asyncio.AbstractEventLoop | None = None,
    ) -> None:
        self.store = store
        self.on_failure = on_failure
        self.loop = loop
        self.rows: list[PendingUpdate] = []
        self.outbox: dict[Sender, list[bytes]] = {}
        self.flush_scheduled = False

    def submit(self, row: PendingUpdate) -> None:
        """Queues an update for the next commit."""
        self.rows.append(row)
        if not self.flush_scheduled:
            self.flush_scheduled = True
            (self.loop or asyncio.get_running_loop()).call_soon(self.flush)

    def send(self, peer: Sender, message: bytes) -> None:
        """Sends now if nothing is waiting to be stored, else right after the commit."""
        if self.rows:
            self.outbox.setdefault(peer, []).append(message)
        else:
            peer.send(message)

    def broadcast(self, peers: Iterable[Sender], skip: object, message: bytes) -> None:
        """Sends to every peer but `skip`, after any pending commit."""
        if self.rows:
            outbox = self.outbox
            for peer in peers:
                if peer is not skip:
                    outbox.setdefault(peer, []).append(message)
        else:
            for peer in peers:
                if peer is not skip:
                    peer.send(message)

    def flush(self) -> None:
        """Commits every pending row, then sends what waited for it, one write per peer."""
        self.flush_scheduled = False
        rows, self.rows = self.rows, []
        outbox, self.outbox = self.outbox, {}
        if rows:
            try:
                self.store.append_updates(rows)
            except Exception:
                # Nothing of this batch may be broadcast. The rooms drop their
                # in-memory copy and their peers, who resend on reconnect.
                log.exception("could not store %d document updates", len(rows))
                self.on_failure({row.room_id for row in rows})
                return
        for peer, messages in outbox.items():
            peer.send_many(messages)
        if self.store.journal_is_full:
            try:
                self.store.fold_journal(in_background=True)
            except Exception:
                log.exception("could not move the update journal into the log; will retry")
