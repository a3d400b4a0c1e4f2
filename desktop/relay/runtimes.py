"""GET /runtimes/<language>/<version>/<file>: the in-browser runtime files of a language's runner.

Each language in desktop/languages.json names an npm package installed in
pyodide_bundle/node_modules and the files of it the runner loads; only those are served
(the Ruby package alone holds 94 MB of debug builds nobody should fetch). They go out like
Pyodide's: to any origin (the runner's sandboxed frame has an opaque origin and the page may
be cross-origin isolated), under a versioned URL the page is given and cached for good there
(desktop/relay/file_versions.py; without the version: revalidated each time), and as the
.br/.gz copy made at set-up (scripts/precompress-runtimes.mjs) when the browser accepts it.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from aiohttp import web

from desktop.languages import Language
from desktop.relay.file_versions import FileSet, runtime_base, runtime_file_set, split_version
from desktop.relay.pages import CONTENT_TYPES, PYODIDE_HEADERS, inside

#: The same answer headers as Pyodide's files (CORS, CORP, Vary); caching is per URL.
RUNTIME_HEADERS = PYODIDE_HEADERS


class RuntimeFiles:
    """The whitelist of runtime files, fixed when the relay starts, and their handlers."""

    def __init__(self, node_modules: Path, languages: Iterable[Language]) -> None:
        self._files: dict[str, FileSet] = {}
        for language in languages:
            if language.runtime is not None:
                self._files[language.id] = runtime_file_set(node_modules, language.runtime)

    def base(self, language: str) -> str:
        """The folder URL the page loads `language`'s runtime from (its current version)."""
        return runtime_base(language, self._files[language])

    def add_routes(self, router: web.UrlDispatcher) -> None:
        router.add_get("/runtimes/{language}/{path:.+}", self.serve)
        router.add_route("OPTIONS", "/runtimes/{language}/{path:.+}", self.preflight)

    async def serve(self, request: web.Request) -> web.StreamResponse:
        files = self._files.get(request.match_info["language"])
        version, name = split_version(request.match_info["path"])
        if files is None or name not in files.names:
            raise web.HTTPNotFound()
        path = inside(files.root, name)
        headers = {**RUNTIME_HEADERS, "Cache-Control": files.cache_control(version)}
        content_type = CONTENT_TYPES.get(path.suffix)
        if content_type is not None:
            headers["Content-Type"] = content_type
        return web.FileResponse(path, headers=headers)

    async def preflight(self, request: web.Request) -> web.Response:
        return web.Response(
            status=204, headers={**RUNTIME_HEADERS, "Access-Control-Max-Age": "86400"}
        )
