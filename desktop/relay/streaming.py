"""Big answers built off the event loop and sent in pieces.

A transcript or a playback history near the storage caps is tens of
megabytes. `json.dumps` of it in one call holds the GIL throughout (about
100 ms), and one giant write holds that much memory twice; so the JSON is
built element by element on a worker thread, and sent in chunks.
"""

from __future__ import annotations

import json
from typing import Any

from aiohttp import web

CHUNK_BYTES = 256 * 1024


def json_pieces(value: Any, split_depth: int = 2) -> list[str]:
    """`value` as JSON text in pieces: each list element and dict value its own, two levels deep."""
    pieces: list[str] = []
    _add(value, split_depth, pieces)
    return pieces


def _add(value: Any, depth: int, pieces: list[str]) -> None:
    if depth > 0 and isinstance(value, dict):
        pieces.append("{")
        for index, (key, item) in enumerate(value.items()):
            pieces.append(("," if index else "") + json.dumps(str(key)) + ":")
            _add(item, depth - 1, pieces)
        pieces.append("}")
    elif depth > 0 and isinstance(value, list):
        pieces.append("[")
        for index, item in enumerate(value):
            if index:
                pieces.append(",")
            _add(item, depth - 1, pieces)
        pieces.append("]")
    else:
        pieces.append(json.dumps(value))


async def send_in_chunks(
    request: web.Request,
    pieces: list[str],
    content_type: str,
    headers: dict[str, str] | None = None,
) -> web.StreamResponse:
    """Streams `pieces` as one UTF-8 body, a chunk at a time, waiting for a slow reader."""
    response = web.StreamResponse(headers=headers or {})
    response.content_type = content_type
    response.charset = "utf-8"
    await response.prepare(request)
    buffer: list[bytes] = []
    size = 0
    for piece in pieces:
        for start in range(0, len(piece), CHUNK_BYTES):
            data = piece[start : start + CHUNK_BYTES].encode()
            buffer.append(data)
            size += len(data)
            if size >= CHUNK_BYTES:
                await response.write(b"".join(buffer))
                buffer, size = [], 0
    if buffer:
        await response.write(b"".join(buffer))
    await response.write_eof()
    return response
