"""The web UI's pages and files, and the Pyodide bundle, with their headers.

Pages are cross-origin isolated (COOP + COEP) so that, on loopback, the Python
runner can stop code with an interrupt buffer; the Pyodide files may be loaded
by the runner's opaque-origin frame, hence CORS `*` on them alone.
"""

from __future__ import annotations

import html
from pathlib import Path

from aiohttp import web

from desktop import paths
from desktop.relay.context import context_of

PAGE_HEADERS = {
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Embedder-Policy": "require-corp",
    "Cross-Origin-Resource-Policy": "same-origin",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-cache",
}
ASSET_HEADERS = {
    "Cross-Origin-Resource-Policy": "same-origin",
    "X-Content-Type-Options": "nosniff",
}
PYODIDE_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Cross-Origin-Resource-Policy": "cross-origin",
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "public, max-age=604800",
}
CONTENT_TYPES = {".wasm": "application/wasm", ".mjs": "text/javascript", ".zip": "application/zip"}


def render_page(request: web.Request, name: str, status: int = 200) -> web.Response:
    """A built HTML page with the run-time settings the browser needs injected."""
    relay = context_of(request)
    page = paths.webui_dist() / name
    if not page.is_file():
        return web.Response(
            status=503,
            text="The web UI is not built yet: run `make setup`.",
            headers=PAGE_HEADERS,
        )
    base = html.escape(relay.settings.pyodide_base, quote=True)
    meta = f'<meta name="interview-desk-pyodide-base" content="{base}">'
    text = page.read_text(encoding="utf-8").replace("</head>", meta + "</head>", 1)
    return web.Response(status=status, text=text, content_type="text/html", headers=PAGE_HEADERS)


async def host_console(request: web.Request) -> web.Response:
    return render_page(request, "index.html")


async def room_page(request: web.Request) -> web.Response:
    if not context_of(request).rooms.exists(request.match_info["room"]):
        return web.Response(
            status=404,
            text="<!doctype html><title>Interview Desk</title>"
            "<h1>This interview link is not valid.</h1>"
            "<p>Ask the interviewer for a new link.</p>",
            content_type="text/html",
            headers=PAGE_HEADERS,
        )
    return render_page(request, "room.html")


async def webui_file(request: web.Request) -> web.StreamResponse:
    """Any other built file (hashed assets, icons)."""
    path = _inside(paths.webui_dist(), request.match_info["path"])
    if path.suffix == ".html":
        raise web.HTTPNotFound()
    headers = dict(ASSET_HEADERS)
    if request.match_info["path"].startswith("assets/"):
        headers["Cache-Control"] = "public, max-age=31536000, immutable"
    return web.FileResponse(path, headers=headers)


async def pyodide_file(request: web.Request) -> web.StreamResponse:
    path = _inside(paths.pyodide_dir(), request.match_info["path"])
    headers = dict(PYODIDE_HEADERS)
    content_type = CONTENT_TYPES.get(path.suffix)
    if content_type is not None:
        headers["Content-Type"] = content_type
    return web.FileResponse(path, headers=headers)


async def pyodide_preflight(request: web.Request) -> web.Response:
    return web.Response(status=204, headers={**PYODIDE_HEADERS, "Access-Control-Max-Age": "86400"})


def _inside(root: Path, relative: str) -> Path:
    """A file below `root`, refusing anything that climbs out of it."""
    root = root.resolve()
    path = (root / relative).resolve()
    if not path.is_relative_to(root) or not path.is_file():
        raise web.HTTPNotFound()
    return path
