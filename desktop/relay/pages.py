"""The web UI's pages and files, and the Pyodide bundle, with their headers.

Pages opened on a loopback address are cross-origin isolated (COOP + COEP) so
that the Python runner can stop code with an interrupt buffer; elsewhere
(plain HTTP over the LAN is not a secure context) isolation cannot work, so it
is not offered. A page whose engine cannot use it (no SharedArrayBuffer, or no
blob: worker in a sandboxed frame under COEP, as in WebKit) reloads itself with
`?runner-isolation=off` and a `runner_isolation=off` cookie, and is then served
without them. The Pyodide files may be loaded by the runner's opaque-origin
frame, hence CORS `*` on them alone (and on the other languages' runtimes, served the same way
by desktop/relay/runtimes.py).
"""

from __future__ import annotations

import html
from pathlib import Path

from aiohttp import web

from desktop import paths
from desktop.relay.context import context_of
from desktop.relay.host_check import host_name, is_loopback

PAGE_HEADERS = {
    "Cross-Origin-Resource-Policy": "same-origin",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-cache",
}
ISOLATION_HEADERS = {
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Embedder-Policy": "require-corp",
}
#: The query flag and cookie of a page whose engine cannot use isolation (or of a test).
ISOLATION_OPT_OUT = "runner-isolation"
ISOLATION_COOKIE = "runner_isolation"
ASSET_HEADERS = {
    "Cross-Origin-Resource-Policy": "same-origin",
    "X-Content-Type-Options": "nosniff",
}
PYODIDE_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Cross-Origin-Resource-Policy": "cross-origin",
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "public, max-age=604800",
    # The runner's worker reports what each file cost on the wire (sizes are hidden otherwise).
    "Timing-Allow-Origin": "*",
    # Every runtime file has .br and .gz copies (made at set-up), sent by FileResponse by the
    # request's Accept-Encoding: a cache must key on it even for the uncompressed answer.
    "Vary": "Accept-Encoding",
}
# What the runner loads (webui/src/runners/): FileResponse picks their .br/.gz copies itself.
PYODIDE_RUNTIME_FILES = frozenset(
    {
        "pyodide.mjs",
        "pyodide.asm.js",
        "pyodide.asm.wasm",
        "python_stdlib.zip",
        "pyodide-lock.json",
        "interview-desk-snapshot.bin",
        "interview-desk-stdlib.zip",
    }
)
CONTENT_TYPES = {
    ".wasm": "application/wasm",
    ".mjs": "text/javascript",
    ".js": "text/javascript",
    # TypeScript's library declarations (lib.*.d.ts): text, not the MPEG stream `.ts` guesses.
    ".ts": "text/plain; charset=utf-8",
    ".zip": "application/zip",
    ".bin": "application/octet-stream",
}


def page_headers(request: web.Request) -> dict[str, str]:
    """A page's headers: isolated only where the browser can be (a secure context) and wants it."""
    opted_out = (
        request.query.get(ISOLATION_OPT_OUT) == "off"
        or request.cookies.get(ISOLATION_COOKIE) == "off"
    )
    if opted_out or not is_loopback(host_name(request.host)):
        return dict(PAGE_HEADERS)
    return {**ISOLATION_HEADERS, **PAGE_HEADERS}


def render_page(request: web.Request, name: str, status: int = 200) -> web.Response:
    """A built HTML page with the run-time settings the browser needs injected."""
    relay = context_of(request)
    page = paths.webui_dist() / name
    if not page.is_file():
        return web.Response(
            status=503,
            text="The web UI is not built yet: run `make setup`.",
            headers=page_headers(request),
        )
    base = html.escape(relay.settings.pyodide_base, quote=True)
    meta = f'<meta name="interview-desk-pyodide-base" content="{base}">'
    text = page.read_text(encoding="utf-8").replace("</head>", meta + "</head>", 1)
    return web.Response(
        status=status, text=text, content_type="text/html", headers=page_headers(request)
    )


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
            headers=page_headers(request),
        )
    return render_page(request, "room.html")


async def webui_file(request: web.Request) -> web.StreamResponse:
    """Any other built file (hashed assets, icons)."""
    path = inside(paths.webui_dist(), request.match_info["path"])
    if path.suffix == ".html":
        raise web.HTTPNotFound()
    headers = dict(ASSET_HEADERS)
    if request.match_info["path"].startswith("assets/"):
        headers["Cache-Control"] = "public, max-age=31536000, immutable"
    return web.FileResponse(path, headers=headers)


async def pyodide_file(request: web.Request) -> web.StreamResponse:
    """One of the files the Python runner loads; nothing else of the bundle (console.html…)."""
    name = request.match_info["path"]
    if name not in PYODIDE_RUNTIME_FILES:
        raise web.HTTPNotFound()
    path = inside(paths.pyodide_dir(), name)
    headers = dict(PYODIDE_HEADERS)
    content_type = CONTENT_TYPES.get(path.suffix)
    if content_type is not None:
        headers["Content-Type"] = content_type
    return web.FileResponse(path, headers=headers)


async def pyodide_preflight(request: web.Request) -> web.Response:
    return web.Response(status=204, headers={**PYODIDE_HEADERS, "Access-Control-Max-Age": "86400"})


def inside(root: Path, relative: str) -> Path:
    """A file below `root`, refusing anything that climbs out of it (or is no path: NUL)."""
    root = root.resolve()
    try:
        path = (root / relative).resolve()
        found = path.is_relative_to(root) and path.is_file()
    except (ValueError, OSError):  # an embedded NUL, a name too long for the system
        found = False
    if not found:
        raise web.HTTPNotFound()
    return path
