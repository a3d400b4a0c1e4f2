"""Host-only reads of one interview: the edit history for playback, and the transcript."""

from __future__ import annotations

import base64
from typing import Any

from aiohttp import web
from pycrdt import Doc, Map, Text

from desktop import languages
from desktop.relay.api import require_host
from desktop.relay.context import RelayContext
from desktop.relay.streaming import json_pieces, send_in_chunks
from desktop.rooms import NOTES
from desktop.store import Store, StoredUpdate
from desktop.store_reader import read_off_loop
from desktop.transcript import render_html


def stored_room(relay: RelayContext, request: web.Request) -> str:
    room_id = request.match_info["room"]
    if relay.store.get_room(room_id) is None:
        raise web.HTTPNotFound(text="No such room.")
    relay.rooms.commits.flush()  # include what is waiting for the next group commit
    return room_id


def rebuild(rows: list[StoredUpdate]) -> Doc[Any]:
    doc: Doc[Any] = Doc()
    for row in rows:
        doc.apply_update(row.data)
    return doc


async def history(request: web.Request) -> web.StreamResponse:
    """Every stored update of the code, with when and by whom, and the runs: for playback."""
    relay = require_host(request)
    room_id = stored_room(relay, request)
    # Built on a worker thread and streamed: a big room must not stall the others.
    pieces = await read_off_loop(relay.store, lambda store: json_pieces(history_of(store, room_id)))
    return await send_in_chunks(request, pieces, "application/json")


def history_of(store: Store, room_id: str) -> dict[str, Any]:
    updates = [
        {
            "seq": row.seq,
            "at": row.created_at,
            "author": row.author,
            "update": base64.b64encode(row.data).decode(),
        }
        for row in store.load_updates(room_id)
    ]
    runs = [run.model_dump() for run in store.recent_runs(room_id, 10_000)]
    question = store.questions.load(room_id)
    test_runs = [run.model_dump() for run in store.questions.runs(room_id)]
    return {
        "updates": updates,
        "runs": runs,
        "statement": question.statement,
        "setup": question.setup,
        "test_runs": test_runs,
    }


def transcript(store: Store, room_id: str) -> dict[str, Any]:
    info = store.get_room(room_id)
    assert info is not None
    code_doc = rebuild(store.load_updates(room_id))
    notes_doc = rebuild(store.load_updates(room_id, NOTES))
    meta = code_doc.get("meta", type=Map).to_py() or {}
    return {
        "room": info.model_dump(),
        "language": meta.get("language", languages.DEFAULT_LANGUAGE),
        "ended_at": store.load_controls(room_id).ended_at,
        "code": str(code_doc.get("code", type=Text)),
        "notes": str(notes_doc.get("notes", type=Text)),
        "runs": [run.model_dump() for run in store.recent_runs(room_id, 10_000)],
        "participants": store.participants(room_id),
        **question_part(store, room_id),
    }


def question_part(store: Store, room_id: str) -> dict[str, Any]:
    """The statement, every test (hidden ones too: the export is the host's) and every run."""
    question = store.questions.load(room_id)
    return {
        "statement": question.statement,
        "setup": question.setup,
        "tests": [test.model_dump() for test in question.tests],
        "test_runs": [run.model_dump() for run in store.questions.runs(room_id)],
    }


async def export(request: web.Request) -> web.StreamResponse:
    """The transcript: a self-contained HTML page, or `?format=json`; built off the loop."""
    relay = require_host(request)
    room_id = stored_room(relay, request)
    if request.query.get("format") == "json":
        pieces = await read_off_loop(
            relay.store, lambda store: json_pieces(transcript(store, room_id))
        )
        return await send_in_chunks(request, pieces, "application/json")
    page = await read_off_loop(relay.store, lambda store: render_html(transcript(store, room_id)))
    filename = f"interview-{room_id[:8]}.html"
    return await send_in_chunks(
        request,
        [page],
        "text/html",
        {"Content-Disposition": f'attachment; filename="{filename}"'},
    )
