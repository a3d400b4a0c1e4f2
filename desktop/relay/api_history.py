"""Host-only reads of one interview: the edit history for playback, and the transcript."""

from __future__ import annotations

import base64
from typing import Any

from aiohttp import web
from pycrdt import Doc, Map, Text

from desktop.relay.api import require_host
from desktop.relay.context import RelayContext
from desktop.rooms import NOTES
from desktop.store import StoredUpdate
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


async def history(request: web.Request) -> web.Response:
    """Every stored update of the code, with when and by whom, and the runs: for playback."""
    relay = require_host(request)
    room_id = stored_room(relay, request)
    updates = [
        {
            "seq": row.seq,
            "at": row.created_at,
            "author": row.author,
            "update": base64.b64encode(row.data).decode(),
        }
        for row in relay.store.load_updates(room_id)
    ]
    runs = [run.model_dump() for run in relay.store.recent_runs(room_id, 10_000)]
    question = relay.store.questions.load(room_id)
    test_runs = [run.model_dump() for run in relay.store.questions.runs(room_id)]
    return web.json_response(
        {
            "updates": updates,
            "runs": runs,
            "statement": question.statement,
            "test_runs": test_runs,
        }
    )


def transcript(relay: RelayContext, room_id: str) -> dict[str, Any]:
    info = relay.store.get_room(room_id)
    assert info is not None
    code_doc = rebuild(relay.store.load_updates(room_id))
    notes_doc = rebuild(relay.store.load_updates(room_id, NOTES))
    meta = code_doc.get("meta", type=Map).to_py() or {}
    return {
        "room": info.model_dump(),
        "language": meta.get("language", "python"),
        "ended_at": relay.store.load_controls(room_id).ended_at,
        "code": str(code_doc.get("code", type=Text)),
        "notes": str(notes_doc.get("notes", type=Text)),
        "runs": [run.model_dump() for run in relay.store.recent_runs(room_id, 10_000)],
        "participants": relay.store.participants(room_id),
        **question_part(relay, room_id),
    }


def question_part(relay: RelayContext, room_id: str) -> dict[str, Any]:
    """The statement, every test (hidden ones too: the export is the host's) and every run."""
    question = relay.store.questions.load(room_id)
    return {
        "statement": question.statement,
        "tests": [test.model_dump() for test in question.tests],
        "test_runs": [run.model_dump() for run in relay.store.questions.runs(room_id)],
    }


async def export(request: web.Request) -> web.Response:
    """The transcript: a self-contained HTML page, or `?format=json`."""
    relay = require_host(request)
    room_id = stored_room(relay, request)
    data = transcript(relay, room_id)
    if request.query.get("format") == "json":
        return web.json_response(data)
    filename = f"interview-{room_id[:8]}.html"
    return web.Response(
        text=render_html(data),
        content_type="text/html",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )
