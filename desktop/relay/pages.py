"""The web UI's pages and files, and the Pyodide bundle, with their headers.

Pages opened on a loopback address are cross-origin isolated (COOP + COEP) so
that the Python runner can stop code with an interrupt buffer; elsewhere
(plain HTTP over the LAN is not a secure context) isolation cannot work, so it
is not offered. A page whose engine cannot use it (no SharedArrayBuffer, or no
blob: worker in a sandboxed frame under COEP, as in WebKit) reloads itself with
`?runner-isolation=off` and a `runner_isolation=off` cookie, and is then served
without them. The Pyodide files may be loaded by the runner's opaque-origin
frame, hence CORS `*` on them alone (and on the other languages' runtimes, served the same way
by desktop/relay/runtimes.py). The page is told versioned URLs for all of them
(desktop/relay/file_versions.py): cached for good, and new ones after an upgrade.
"""

from __future__ import annotations

import html
from pathlib import Path

from aiohttp import web

from desktop import languages, paths
from desktop.relay.context import context_of
from desktop.relay.file_versions import (
    FileSet,
    file_set,
    runtime_base,
    runtime_file_set,
    split_version,
)
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
    # Built scripts and styles have .br/.gz copies (webui/build-tools/precompress.ts).
    "Vary": "Accept-Encoding",
}
PYODIDE_HEADERS = {
    "Access-Control-Allow-Origin": "*",
    "Cross-Origin-Resource-Policy": "cross-origin",
    "X-Content-Type-Options": "nosniff",
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
#: The route's folder; the page gets it with the files' version (unless `--pyodide-base` is set).
PYODIDE_ROUTE = "/pyodide/"
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
    page = paths.webui_dist() / name
    if not page.is_file():
        return web.Response(
            status=503,
            text="The web UI is not built yet: run `make setup`.",
            headers=page_headers(request),
        )
    metas = runtime_metas(request)
    text = page.read_text(encoding="utf-8").replace("</head>", metas + "</head>", 1)
    return web.Response(
        status=status, text=text, content_type="text/html", headers=page_headers(request)
    )


def runtime_metas(request: web.Request) -> str:
    """Where the page loads each runtime from: versioned folders, looked at again per page."""
    pyodide_base = context_of(request).settings.pyodide_base
    if pyodide_base == PYODIDE_ROUTE:
        pyodide_base = f"{PYODIDE_ROUTE}{pyodide_files().take_version()}/"
    bases = {"pyodide-base": pyodide_base}
    for language in languages.all_languages():
        if language.runtime is not None:
            files = runtime_file_set(paths.runtimes_dir(), language.runtime)
            bases[f"runtime-base-{language.id}"] = runtime_base(language.id, files)
    return "".join(
        f'<meta name="interview-desk-{name}" content="{html.escape(url, quote=True)}">'
        for name, url in bases.items()
    )


def pyodide_files() -> FileSet:
    return file_set(paths.pyodide_dir(), PYODIDE_RUNTIME_FILES)


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
    files = pyodide_files()
    version, name = split_version(request.match_info["path"])
    if name not in files.names:
        raise web.HTTPNotFound()
    path = inside(files.root, name)
    headers = {**PYODIDE_HEADERS, "Cache-Control": files.cache_control(version)}
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
