"""An append-only file in front of the update log: one `write` per group commit.

A SQLite commit costs a transaction, page-sized WAL writes and lock calls even
for one keystroke; that was the relay's largest cost per edit. The journal
instead appends each batch of updates to a plain file in one system call, which
survives a killed process as well as a commit does (both stay in the page cache
until the disk catches up). The store moves the journal into SQLite in large
batches and then empties it; on start it moves in whatever a crash left.

Each record is `<u32 length><u32 crc32>` and a body of
`<i64 seq><f64 created_at><u16 room><u16 doc><i32 author, -1 for none>` followed
by those strings (UTF-8) and the update itself. Reading stops at the first
record that is cut short or fails its checksum: a write the crash interrupted,
which was never acknowledged.
"""

from __future__ import annotations

import logging
import os
import struct
import zlib
from collections.abc import Iterable
from pathlib import Path

log = logging.getLogger(__name__)

HEADER = struct.Struct("<II")
FIELDS = struct.Struct("<qdHHi")
NO_AUTHOR = -1

# (seq, room_id, doc, created_at, author, data): the order of the updates table's columns.
JournalRow = tuple[int, str, str, float, str | None, bytes]


def encode_row(row: JournalRow) -> bytes:
    seq, room_id, doc, created_at, author, data = row
    room = room_id.encode()
    kind = doc.encode()
    writer = b"" if author is None else author.encode()
    fields = FIELDS.pack(
        seq, created_at, len(room), len(kind), NO_AUTHOR if author is None else len(writer)
    )
    body = b"".join((fields, room, kind, writer, data))
    return HEADER.pack(len(body), zlib.crc32(body)) + body


def decode_rows(data: bytes) -> tuple[list[JournalRow], int]:
    """The whole records at the start of `data`, and how many bytes after them are unusable."""
    rows: list[JournalRow] = []
    position = 0
    while position + HEADER.size <= len(data):
        length, checksum = HEADER.unpack_from(data, position)
        body = data[position + HEADER.size : position + HEADER.size + length]
        if len(body) < length or length < FIELDS.size or zlib.crc32(body) != checksum:
            break
        seq, created_at, room_length, doc_length, author_length = FIELDS.unpack_from(body)
        cursor = FIELDS.size
        room_id = body[cursor : cursor + room_length].decode()
        cursor += room_length
        doc = body[cursor : cursor + doc_length].decode()
        cursor += doc_length
        author = None
        if author_length != NO_AUTHOR:
            author = body[cursor : cursor + author_length].decode()
            cursor += author_length
        rows.append((seq, room_id, doc, created_at, author, body[cursor:]))
        position += HEADER.size + length
    return rows, len(data) - position


def read_rows(path: Path) -> list[JournalRow]:
    """Every whole record in a journal file, in the order written."""
    with open(path, "rb") as file:
        rows, unusable = decode_rows(file.read())
    if unusable:
        log.warning(
            "%s: ignored %d bytes after the last whole record (a write cut short)", path, unusable
        )
    return rows


class UpdateJournal:
    """The journal file of one store; used from the relay's event loop thread only."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.fd = self._open(path)
        self.size = os.fstat(self.fd).st_size

    @staticmethod
    def _open(path: Path) -> int:
        flags = os.O_RDWR | os.O_CREAT | os.O_APPEND | getattr(os, "O_BINARY", 0)
        return os.open(path, flags, 0o600)

    def append(self, rows: Iterable[JournalRow]) -> None:
        """Writes every row in one system call, or none of them (the error is raised)."""
        data = b"".join([encode_row(row) for row in rows])
        try:
            written = 0
            while written < len(data):
                written += os.write(self.fd, data[written:])
        except BaseException:
            os.ftruncate(self.fd, self.size)  # no torn record may hide the ones after it
            raise
        self.size += len(data)

    def read(self) -> list[JournalRow]:
        """Every whole record in the file, in the order written."""
        return read_rows(self.path)

    def rotate(self, to: Path) -> None:
        """Renames the file to `to` and starts an empty one in its place."""
        os.close(self.fd)
        os.replace(self.path, to)
        self.fd = self._open(self.path)
        self.size = 0

    def clear(self) -> None:
        os.ftruncate(self.fd, 0)
        self.size = 0

    def close(self) -> None:
        os.close(self.fd)
