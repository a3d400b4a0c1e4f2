"""GET /runtimes/<language>/<file>: only the files desktop/languages.json lists for a language
go out, with the type a browser needs (wasm streaming compiles only application/wasm), to any
origin (the runner's frame is opaque and the page may be isolated), as their brotli or gzip
copy when accepted, and revalidated with a 304."""

from __future__ import annotations

import gzip
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest
from aiohttp import web

from desktop import languages, paths
from desktop.languages import Language, Runtime
from desktop.relay.runtimes import RuntimeFiles
from tests.support.inprocess_relay import RunningRelay

LISTED = [
    (language.id, name)
    for language in languages.all_languages()
    if language.runtime is not None
    for name in language.runtime.files
]
# The first file of each language: enough for the header checks.
FIRST = list({language: (language, name) for language, name in reversed(LISTED)}.values())


def on_disk(language_id: str, name: str) -> Path:
    runtime = languages.by_id(language_id).runtime
    assert runtime is not None
    return paths.runtimes_dir() / runtime.package / name


def copy(path: Path, suffix: str) -> bytes:
    return path.with_name(path.name + suffix).read_bytes()


def installed(language_id: str, name: str, suffix: str = "") -> pytest.MarkDecorator:
    path = on_disk(language_id, name)
    return pytest.mark.skipif(
        not Path(f"{path}{suffix}").is_file(), reason=f"{path}{suffix} not made (make setup)"
    )


def cases(pairs: list[tuple[str, str]], suffix: str = "") -> list[object]:
    return [pytest.param(*pair, marks=installed(*pair, suffix)) for pair in pairs]


@pytest.mark.parametrize(("language", "name"), cases(LISTED))
async def test_every_listed_file_is_served_whole_to_any_origin(
    relay: RunningRelay, session: aiohttp.ClientSession, language: str, name: str
) -> None:
    url = f"{relay.http}/runtimes/{language}/{name}"
    async with session.get(url, headers={"Accept-Encoding": "identity"}) as reply:
        body = await reply.read()
        assert reply.status == 200
        assert "Content-Encoding" not in reply.headers
        assert reply.headers["Vary"] == "Accept-Encoding"
        assert reply.headers["Access-Control-Allow-Origin"] == "*"
        assert reply.headers["Cross-Origin-Resource-Policy"] == "cross-origin"
        assert reply.headers["X-Content-Type-Options"] == "nosniff"
        if name.endswith(".wasm"):
            assert reply.headers["Content-Type"] == "application/wasm"
        elif name.endswith(".js"):
            assert reply.headers["Content-Type"] == "text/javascript"
        elif name.endswith(".ts"):
            assert reply.headers["Content-Type"].startswith("text/plain")
    assert body == on_disk(language, name).read_bytes()


@pytest.mark.parametrize(("language", "name"), cases(FIRST, ".br"))
async def test_runtime_goes_as_brotli_when_accepted_and_gzip_otherwise(
    relay: RunningRelay, session: aiohttp.ClientSession, language: str, name: str
) -> None:
    url = f"{relay.http}/runtimes/{language}/{name}"
    whole = on_disk(language, name)
    brotli = {"Accept-Encoding": "gzip, deflate, br, zstd"}
    async with session.get(url, headers=brotli, auto_decompress=False) as reply:
        assert reply.headers["Content-Encoding"] == "br"
        assert reply.headers["Vary"] == "Accept-Encoding"
        assert await reply.read() == copy(whole, ".br")
    only_gzip = {"Accept-Encoding": "gzip, deflate"}
    async with session.get(url, headers=only_gzip, auto_decompress=False) as reply:
        assert reply.headers["Content-Encoding"] == "gzip"
        packed = await reply.read()
    assert gzip.decompress(packed) == whole.read_bytes()
    assert len(packed) < whole.stat().st_size


@pytest.mark.parametrize(("language", "name"), cases(FIRST))
async def test_second_request_is_a_304_without_a_body(
    relay: RunningRelay, session: aiohttp.ClientSession, language: str, name: str
) -> None:
    url = f"{relay.http}/runtimes/{language}/{name}"
    headers = {"Accept-Encoding": "br"}
    async with session.get(url, headers=headers, auto_decompress=False) as reply:
        etag = reply.headers["ETag"]
        assert "max-age" in reply.headers["Cache-Control"]
        assert reply.headers["Timing-Allow-Origin"] == "*"
    async with session.get(url, headers={**headers, "If-None-Match": etag}) as reply:
        assert reply.status == 304
        assert reply.headers["Vary"] == "Accept-Encoding"
        assert await reply.read() == b""


async def test_preflight_allows_any_origin(
    relay: RunningRelay, session: aiohttp.ClientSession
) -> None:
    language, name = FIRST[0]
    url = f"{relay.http}/runtimes/{language}/{name}"
    async with session.options(url, headers={"Origin": "null"}) as reply:
        assert reply.status == 204
        assert reply.headers["Access-Control-Allow-Origin"] == "*"


@pytest.mark.parametrize(
    "path",
    [
        "/runtimes/ruby/dist/ruby.debug+stdlib.wasm",  # in the package, not in the list
        "/runtimes/ruby/package.json",
        "/runtimes/sql/dist/sql-wasm-debug.wasm",
        "/runtimes/typescript/lib/tsc.js",
        "/runtimes/python/pyodide.asm.wasm",  # Pyodide has its own route
        "/runtimes/javascript/x.js",
        "/runtimes/cobol/x.wasm",
        "/runtimes/ruby/dist/ruby+stdlib.wasm.br",  # copies go out by Accept-Encoding only
        "/runtimes/ruby/dist/ruby+stdlib.wasm%00",
        "/runtimes/ruby/..%2fsql/dist/sql-wasm.wasm",
        "/runtimes/sql/dist/..%2f..%2ftypescript/lib/typescript.js",
        "/runtimes/sql/dist/%2e%2e/%2e%2e/%2e%2e/%2e%2e/pyproject.toml",
    ],
)
async def test_anything_not_listed_is_not_found(
    relay: RunningRelay, session: aiohttp.ClientSession, path: str
) -> None:
    async with session.get(relay.http + path) as reply:
        assert reply.status == 404, path


# The same route over a package made here, so that its whitelist, containment and a listed
# file missing on disk are checked whatever is installed.
TOY = Language("toy", "Toy", "toy", "text", Runtime("@toy/vm", ("vm.wasm", "lib/boot.js")))


@pytest.fixture
async def toy_relay(tmp_path: Path) -> AsyncIterator[str]:
    package = tmp_path / "node_modules" / "@toy" / "vm"
    (package / "lib").mkdir(parents=True)
    (package / "vm.wasm").write_bytes(b"\0asm\1\0\0\0")
    (package / "secret.txt").write_text("not listed")
    (tmp_path / "node_modules" / "outside.js").write_text("outside the package")
    app = web.Application()
    RuntimeFiles(tmp_path / "node_modules", [TOY]).add_routes(app.router)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    yield f"http://127.0.0.1:{port}"
    await runner.cleanup()


async def test_the_whitelist_is_the_languages_list(
    toy_relay: str, session: aiohttp.ClientSession
) -> None:
    async with session.get(f"{toy_relay}/runtimes/toy/vm.wasm") as reply:
        assert reply.status == 200
        assert reply.headers["Content-Type"] == "application/wasm"
        assert await reply.read() == b"\0asm\1\0\0\0"
    for path in ("secret.txt", "lib/boot.js", "../outside.js", "vm.wasm\0", "%00"):
        async with session.get(f"{toy_relay}/runtimes/toy/{path}") as reply:
            assert reply.status == 404, path
