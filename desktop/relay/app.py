"""The relay's aiohttp application: routes, shared state and a clean shutdown."""

from __future__ import annotations

from collections.abc import Callable

from aiohttp import web

from desktop import languages, paths
from desktop.relay import api, api_history, api_templates, pages
from desktop.relay.context import CONTEXT, RelayContext
from desktop.relay.doc_socket import doc_socket, notes_socket
from desktop.relay.events_socket import events_socket
from desktop.relay.hello_deadline import HELLO_DEADLINE, HelloDeadline
from desktop.relay.host_check import HostCheck
from desktop.relay.liveness import Liveness
from desktop.relay.runtimes import RuntimeFiles
from desktop.rooms import RoomRegistry
from desktop.settings import Settings
from desktop.store import Store

DATABASE_NAME = "interview-desk.sqlite3"


def create_app(settings: Settings, join_base: Callable[[], str]) -> web.Application:
    """The relay for `settings`; `join_base` is the address candidates use."""
    store = Store(settings.data_dir / DATABASE_NAME)
    rooms = RoomRegistry(store, settings.limits, settings.host_key, join_base)
    host_check = HostCheck(settings.host, settings.allowed_hosts)
    app = web.Application(client_max_size=64 * 1024, middlewares=[host_check.middleware])
    app[CONTEXT] = RelayContext(
        settings=settings,
        store=store,
        rooms=rooms,
        join_base=join_base,
        liveness=Liveness(settings.limits.heartbeat_seconds),
    )
    app[HELLO_DEADLINE] = HelloDeadline(settings.limits)
    app.router.add_get("/healthz", api.healthz)
    app.router.add_post("/api/rooms", api.create_room)
    app.router.add_get("/api/rooms", api.list_rooms)
    app.router.add_delete("/api/rooms/{room}", api.delete_room)
    app.router.add_get("/api/rooms/{room}/export", api_history.export)
    app.router.add_get("/api/rooms/{room}/history", api_history.history)
    app.router.add_get("/api/templates", api_templates.list_templates)
    app.router.add_post("/api/templates", api_templates.save_template)
    app.router.add_delete("/api/templates/{template}", api_templates.delete_template)
    app.router.add_get("/ws/{room}/doc", doc_socket)
    app.router.add_get("/ws/{room}/events", events_socket)
    app.router.add_get("/ws/{room}/notes", notes_socket)
    app.router.add_get("/", pages.host_console)
    app.router.add_get("/r/{room}", pages.room_page)
    app.router.add_get("/pyodide/{path:.+}", pages.pyodide_file)
    app.router.add_route("OPTIONS", "/pyodide/{path:.+}", pages.pyodide_preflight)
    RuntimeFiles(paths.runtimes_dir(), languages.all_languages()).add_routes(app.router)
    app.router.add_get("/{path:.+}", pages.webui_file)
    app.on_shutdown.append(_close_rooms)
    app.on_cleanup.append(_close_store)
    return app


async def _close_rooms(app: web.Application) -> None:
    await app[CONTEXT].liveness.stop()
    app[CONTEXT].rooms.close()


async def _close_store(app: web.Application) -> None:
    relay = app[CONTEXT]
    relay.rooms.commits.flush()
    relay.store.close()
