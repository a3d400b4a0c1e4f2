"""`/healthz` and `/api`: room creation and host-only reads."""

from __future__ import annotations

import json
import secrets
from typing import Any

from aiohttp import web
from pycrdt import Doc, Map, Text

import desktop
from desktop.relay.context import RelayContext, context_of


async def healthz(request: web.Request) -> web.Response:
    return web.json_response({"status": "ok", "version": desktop.__version__})


def require_host(request: web.Request) -> RelayContext:
    """The relay context, if the request carries the host key; 401 otherwise."""
    relay = context_of(request)
    header = request.headers.get("Authorization", "")
    scheme, _, key = header.partition(" ")
    if scheme.lower() != "bearer" or not secrets.compare_digest(
        key.strip().encode(), relay.settings.host_key.encode()
    ):
        raise web.HTTPUnauthorized(
            text=json.dumps({"error": "This needs the host key (Authorization: Bearer KEY)."}),
            content_type="application/json",
            headers={"WWW-Authenticate": "Bearer"},
        )
    return relay


async def create_room(request: web.Request) -> web.Response:
    relay = require_host(request)
    body: Any = {}
    if request.can_read_body:
        try:
            body = await request.json()
        except ValueError:
            raise web.HTTPBadRequest(text="The body must be JSON.") from None
    if not isinstance(body, dict):
        raise web.HTTPBadRequest(text='The body must be a JSON object like {"title": "..."}.')
    title = body.get("title", "")
    language = body.get("language", "python")
    if not isinstance(title, str) or len(title) > 100:
        raise web.HTTPBadRequest(text="title: a string of at most 100 characters.")
    if language not in ("python", "javascript"):
        raise web.HTTPBadRequest(text='language: "python" or "javascript".')
    info = relay.rooms.create(title=title.strip(), language=language)
    return web.json_response(
        {"room": info.id, "join_url": f"{relay.join_base}/r/{info.id}"}, status=201
    )


async def list_rooms(request: web.Request) -> web.Response:
    relay = require_host(request)
    rooms = [
        {**room.model_dump(), "join_url": f"{relay.join_base}/r/{room.id}"}
        for room in relay.store.list_rooms()
    ]
    return web.json_response({"rooms": rooms})


async def export_room(request: web.Request) -> web.Response:
    """The interview as data: final code, language, runs and participants."""
    relay = require_host(request)
    room_id = request.match_info["room"]
    info = relay.store.get_room(room_id)
    if info is None:
        raise web.HTTPNotFound(text="No such room.")
    relay.rooms.commits.flush()
    doc: Doc[Any] = Doc()
    for row in relay.store.load_updates(room_id):
        doc.apply_update(row.data)
    code = str(doc.get("code", type=Text))
    meta = doc.get("meta", type=Map).to_py() or {}
    return web.json_response(
        {
            "room": info.model_dump(),
            "language": meta.get("language", "python"),
            "code": code,
            "runs": [run.model_dump() for run in relay.store.recent_runs(room_id, 10_000)],
            "participants": relay.store.participants(room_id),
        }
    )
