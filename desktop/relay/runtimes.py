"""GET /runtimes/<language>/<file>: the in-browser runtime files of a language's runner.

Each language in desktop/languages.json names an npm package installed in
pyodide_bundle/node_modules and the files of it the runner loads; only those are served
(the Ruby package alone holds 94 MB of debug builds nobody should fetch). They go out like
Pyodide's: to any origin (the runner's sandboxed frame has an opaque origin and the page may
be cross-origin isolated), cached with revalidation, and as the .br/.gz copy made at set-up
(scripts/precompress-runtimes.mjs) when the browser accepts it.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from aiohttp import web

from desktop.languages import Language
from desktop.relay.pages import CONTENT_TYPES, PYODIDE_HEADERS, inside

#: The same answer headers as Pyodide's files (CORS, CORP, caching, Vary).
RUNTIME_HEADERS = PYODIDE_HEADERS


class RuntimeFiles:
    """The whitelist of runtime files, fixed when the relay starts, and their handlers."""

    def __init__(self, node_modules: Path, languages: Iterable[Language]) -> None:
        self._packages: dict[str, Path] = {}
        self._files: dict[str, frozenset[str]] = {}
        for language in languages:
            if language.runtime is None:
                continue
            self._packages[language.id] = node_modules / language.runtime.package
            self._files[language.id] = frozenset(language.runtime.files)

    def add_routes(self, router: web.UrlDispatcher) -> None:
        router.add_get("/runtimes/{language}/{path:.+}", self.serve)
        router.add_route("OPTIONS", "/runtimes/{language}/{path:.+}", self.preflight)

    async def serve(self, request: web.Request) -> web.StreamResponse:
        language = request.match_info["language"]
        name = request.match_info["path"]
        if name not in self._files.get(language, frozenset()):
            raise web.HTTPNotFound()
        path = inside(self._packages[language], name)
        headers = dict(RUNTIME_HEADERS)
        content_type = CONTENT_TYPES.get(path.suffix)
        if content_type is not None:
            headers["Content-Type"] = content_type
        return web.FileResponse(path, headers=headers)

    async def preflight(self, request: web.Request) -> web.Response:
        return web.Response(
            status=204, headers={**RUNTIME_HEADERS, "Access-Control-Max-Age": "86400"}
        )
