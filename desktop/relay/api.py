"""`/healthz` and `/api/rooms`: room creation and the host's list of interviews."""

from __future__ import annotations

import json
import secrets
import time
from typing import Any

from aiohttp import web

import desktop
from desktop import languages
from desktop.key_throttle import KeyLockedOutError
from desktop.question_store import QuestionRecord
from desktop.relay.context import RelayContext, context_of


async def healthz(request: web.Request) -> web.Response:
    return web.json_response({"status": "ok", "version": desktop.__version__})


def require_host(request: web.Request) -> RelayContext:
    """The relay context, if the request carries the host key; 401 otherwise."""
    relay = context_of(request)
    header = request.headers.get("Authorization", "")
    scheme, _, key = header.partition(" ")

    def is_right() -> bool:
        return scheme.lower() == "bearer" and secrets.compare_digest(
            key.strip().encode(), relay.settings.host_key.encode()
        )

    try:
        # Only a presented key is a guess; asking without one is not counted.
        accepted = bool(key.strip()) and relay.rooms.key_throttle.check(request.remote, is_right)
    except KeyLockedOutError as error:
        raise web.HTTPTooManyRequests(
            text=json.dumps({"error": error.message}),
            content_type="application/json",
            headers={"Retry-After": str(error.seconds)},
        ) from None
    if not accepted:
        raise web.HTTPUnauthorized(
            text=json.dumps({"error": "This needs the host key (Authorization: Bearer KEY)."}),
            content_type="application/json",
            headers={"WWW-Authenticate": "Bearer"},
        )
    return relay


def refuse_if_disk_low(relay: RelayContext) -> None:
    """`507` while the data folder is under its floor of free space: nothing new is stored."""
    if relay.rooms.disk.low:
        raise web.HTTPInsufficientStorage(
            text=json.dumps({"error": relay.rooms.disk.message()}),
            content_type="application/json",
        )


async def json_body(request: web.Request) -> dict[str, Any]:
    """The request's JSON object (empty if there is no body), or 400."""
    if not request.can_read_body:
        return {}
    try:
        body: Any = await request.json()
    except ValueError:
        raise web.HTTPBadRequest(text="The body must be JSON.") from None
    if not isinstance(body, dict):
        raise web.HTTPBadRequest(text='The body must be a JSON object like {"title": "..."}.')
    return body


async def create_room(request: web.Request) -> web.Response:
    """A new interview, empty or from a template (`{"title", "language", "template"}`)."""
    relay = require_host(request)
    refuse_if_disk_low(relay)
    body = await json_body(request)
    title = body.get("title", "")
    language = body.get("language", languages.DEFAULT_LANGUAGE)
    code = notes = ""
    question = QuestionRecord()
    template_id = body.get("template")
    if template_id is not None:
        template = relay.store.templates.get(str(template_id))
        if template is None:
            raise web.HTTPBadRequest(text="template: no template with that id.")
        title = title or template.title
        language, code, notes = template.language, template.code, template.notes
        question = QuestionRecord(
            template.statement,
            template.tests,
            template.show_hidden_count,
            time.time(),
            template.setup,
        )
    if not isinstance(title, str) or len(title) > 100:
        raise web.HTTPBadRequest(text="title: a string of at most 100 characters.")
    if not languages.is_language(language):
        raise web.HTTPBadRequest(text=f"language: {languages.choices()}.")
    info = relay.rooms.create(title=title.strip(), language=language, code=code, notes=notes)
    if template_id is not None:
        relay.store.questions.save(info.id, question)
    return web.json_response(
        {"room": info.id, "join_url": relay.rooms.join_url(info.id)}, status=201
    )


async def list_rooms(request: web.Request) -> web.Response:
    """Past and current interviews, newest first."""
    relay = require_host(request)
    join_base = relay.join_base()
    rooms = [
        {
            **summary.info.model_dump(),
            "join_url": f"{join_base}/r/{summary.info.id}",
            "language": summary.language,
            "ended_at": summary.ended_at,
            "participants": summary.participants,
        }
        for summary in relay.store.list_rooms()
    ]
    return web.json_response({"rooms": rooms})


async def delete_room(request: web.Request) -> web.Response:
    relay = require_host(request)
    if not relay.rooms.delete(request.match_info["room"]):
        raise web.HTTPNotFound(text="No such room.")
    return web.Response(status=204)
