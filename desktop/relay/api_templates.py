"""`/api/templates`: the host's question templates."""

from __future__ import annotations

from aiohttp import web
from pydantic import ValidationError

from desktop.relay.api import json_body, refuse_if_disk_low, require_host
from desktop.templates import TemplateDraft


async def list_templates(request: web.Request) -> web.Response:
    relay = require_host(request)
    return web.json_response(
        {"templates": [template.model_dump() for template in relay.store.templates.all()]}
    )


async def save_template(request: web.Request) -> web.Response:
    relay = require_host(request)
    refuse_if_disk_low(relay)
    try:
        draft = TemplateDraft.model_validate(await json_body(request))
    except ValidationError as error:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in error.errors()[:3]
        )
        raise web.HTTPBadRequest(text=f"Invalid template — {problems}") from None
    return web.json_response(relay.store.templates.save(draft).model_dump(), status=201)


async def delete_template(request: web.Request) -> web.Response:
    relay = require_host(request)
    if not relay.store.templates.delete(request.match_info["template"]):
        raise web.HTTPNotFound(text="No such template.")
    return web.Response(status=204)
