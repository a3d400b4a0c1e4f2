"""A big document encoded once, for the sync requests of everyone who joins it.

Encoding a document is one call into pycrdt that holds the GIL from start to
end: near the 4 MiB cap, tens of milliseconds in which no other room is
served. Someone reconnecting over and over to a big room would make every
room wait that long each time. So a big document is encoded once; later
edits are kept beside the encoding, and a newcomer gets both (the encoding as
sync step 2, then the later edits as updates: applying them in that order
gives the same document). Once the kept edits grow past a limit the encoding
is dropped and made again at the next sync — at most a few times over a
document's life, since its stored size is capped.
"""

from __future__ import annotations

from typing import Any

from pycrdt import Doc

from desktop.ysync import SyncType, sync_message

# Below this a document is answered exactly (`get_update(state vector)`): it is quick.
SMALL_DOCUMENT_BYTES = 256 * 1024
TAIL_LIMIT_BYTES = 256 * 1024


class FullState:
    """One encoding of a whole document and the updates applied to it since."""

    __slots__ = ("encoded", "stored_bytes", "tail", "tail_bytes")

    def __init__(self, doc: Doc[Any], stored_bytes: int) -> None:
        self.encoded = sync_message(SyncType.STEP2, doc.get_update())
        self.tail: list[bytes] = []
        self.tail_bytes = 0
        # The document's stored size this state stands for: after a reload from the
        # same rows it is still right, and saves encoding the document again.
        self.stored_bytes = stored_bytes

    def note(self, update: bytes) -> bool:
        """Keeps an update applied after the encoding; False once the encoding is too old."""
        self.tail.append(update)
        self.tail_bytes += len(update)
        self.stored_bytes += len(update)
        return self.tail_bytes <= TAIL_LIMIT_BYTES

    def messages(self) -> list[bytes]:
        """What a newcomer needs, whatever it already has: sending more than that is harmless."""
        return [self.encoded, *(sync_message(SyncType.UPDATE, update) for update in self.tail)]
