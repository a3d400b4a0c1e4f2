"""Rooms' documents rebuilt on a worker thread before the room opens.

Opening a room reads every stored update of its two documents, compacts a
long log and applies each update to a fresh pycrdt document: near the size
cap, a hundred thousand rows and a second of work. On the event loop that
second would stall every other room; on a thread the loop keeps running
(pycrdt and SQLite calls are short, and the GIL changes hands between them).
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pycrdt import Doc

from desktop.store import Store
from desktop.store_reader import read_off_loop


@dataclass(frozen=True)
class LoadedDocument:
    doc: Doc[Any]
    stored_bytes: int


def build_document(store: Store, room_id: str, kind: str, compact_after: int) -> LoadedDocument:
    """A document rebuilt from the stored log (compacted first if long), with its stored size."""
    if store.count_updates(room_id, kind) > compact_after:
        store.compact(room_id, kind)
    doc: Doc[Any] = Doc()
    size = 0
    for row in store.load_updates(room_id, kind):
        doc.apply_update(row.data)
        size += len(row.data)
    return LoadedDocument(doc, size)


class RoomLoader:
    """Builds a room's documents off the loop; the registry takes them when it opens the room."""

    def __init__(self, store: Store, kinds: Sequence[str], compact_after: int) -> None:
        self.store = store
        self.kinds = tuple(kinds)
        self.compact_after = compact_after
        self.ready: dict[str, dict[str, LoadedDocument]] = {}
        self.run_bytes: dict[str, tuple[dict[str, int], set[str]]] = {}
        self.loading: dict[str, asyncio.Future[None]] = {}

    async def prepare(self, room_id: str) -> None:
        """Builds the room's documents unless they are ready; concurrent callers share one build."""
        if room_id in self.ready:
            return
        pending = self.loading.get(room_id)
        if pending is not None:
            await asyncio.shield(pending)
            return
        done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self.loading[room_id] = done
        try:
            documents, run_bytes = await read_off_loop(self.store, self._build(room_id))
            self.ready[room_id] = documents
            self.store.run_bytes_cache.setdefault(room_id, run_bytes)
            done.set_result(None)
        except BaseException as error:
            done.set_exception(error)
            done.exception()  # retrieved: the caller below sees it
            raise
        finally:
            del self.loading[room_id]

    def take(self, room_id: str, kind: str) -> LoadedDocument | None:
        """The document built for `room_id`, once; None if it was not built (or is taken)."""
        documents = self.ready.get(room_id)
        if documents is None:
            return None
        document = documents.pop(kind, None)
        if not documents:
            del self.ready[room_id]
        return document

    def forget(self, room_id: str) -> None:
        self.ready.pop(room_id, None)

    def _build(self, room_id: str) -> Any:
        def build(
            store: Store,
        ) -> tuple[dict[str, LoadedDocument], tuple[dict[str, int], set[str]]]:
            documents = {
                kind: build_document(store, room_id, kind, self.compact_after)
                for kind in self.kinds
            }
            return documents, store.run_bytes(room_id)

        return build
