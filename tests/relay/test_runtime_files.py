"""GET /runtimes/<language>/<file>: only the files desktop/languages.json lists for a language
go out, with the type a browser needs (wasm streaming compiles only application/wasm), to any
origin (the runner's frame is opaque and the page may be isolated), as their brotli or gzip
copy when accepted; under the versioned folder the page is given they are cached for good (a
warm join asks nothing), and a changed file is a new version; elsewhere they are revalidated
with a 304 each time, so no upgrade leaves a browser with a stale copy."""

from __future__ import annotations

import gzip
import os
import re
from collections.abc import AsyncIterator
from pathlib import Path

import aiohttp
import pytest
from aiohttp import web

from desktop import languages, paths
from desktop.languages import Language, Runtime
from desktop.relay.file_versions import IMMUTABLE
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
async def test_unversioned_url_is_revalidated_each_time_with_a_304(
    relay: RunningRelay, session: aiohttp.ClientSession, language: str, name: str
) -> None:
    url = f"{relay.http}/runtimes/{language}/{name}"
    headers = {"Accept-Encoding": "br"}
    async with session.get(url, headers=headers, auto_decompress=False) as reply:
        etag = reply.headers["ETag"]
        assert reply.headers["Cache-Control"] == "no-cache"
        assert reply.headers["Timing-Allow-Origin"] == "*"
    async with session.get(url, headers={**headers, "If-None-Match": etag}) as reply:
        assert reply.status == 304
        assert reply.headers["Vary"] == "Accept-Encoding"
        assert reply.headers["Cache-Control"] == "no-cache"
        assert await reply.read() == b""


async def page_bases(relay: RunningRelay, session: aiohttp.ClientSession) -> dict[str, str]:
    """The runtime folders a room page was given, by language."""
    if not (paths.webui_dist() / "room.html").is_file():
        pytest.skip("web UI not built (make setup)")
    async with session.get(f"{relay.http}/r/{relay.create_room()}") as reply:
        text = await reply.text()
    pattern = r'<meta name="interview-desk-runtime-base-([a-z]+)" content="([^"]*)">'
    return dict(re.findall(pattern, text))


async def test_page_names_a_versioned_folder_for_every_runtime(
    relay: RunningRelay, session: aiohttp.ClientSession
) -> None:
    bases = await page_bases(relay, session)
    with_runtime = [language.id for language in languages.all_languages() if language.runtime]
    assert sorted(bases) == sorted(with_runtime)
    for language, base in bases.items():
        assert re.fullmatch(rf"/runtimes/{language}/v[0-9a-f]{{16}}/", base), base


@pytest.mark.parametrize(("language", "name"), cases(FIRST, ".br"))
async def test_versioned_url_is_cached_for_good(
    relay: RunningRelay, session: aiohttp.ClientSession, language: str, name: str
) -> None:
    base = (await page_bases(relay, session))[language]
    url = f"{relay.http}{base}{name}"
    async with session.get(url, headers={"Accept-Encoding": "br"}, auto_decompress=False) as reply:
        assert reply.status == 200
        assert reply.headers["Cache-Control"] == IMMUTABLE
        assert reply.headers["Content-Encoding"] == "br"
        assert reply.headers["Vary"] == "Accept-Encoding"
        assert reply.headers["Access-Control-Allow-Origin"] == "*"
        assert await reply.read() == copy(on_disk(language, name), ".br")


@pytest.mark.parametrize(("language", "name"), cases(FIRST))
async def test_another_version_gets_todays_file_revalidated(
    relay: RunningRelay, session: aiohttp.ClientSession, language: str, name: str
) -> None:
    """A page rendered before the files changed still loads, but nothing is kept under its
    stale URL without asking."""
    url = f"{relay.http}/runtimes/{language}/v0123456789abcdef/{name}"
    async with session.get(url, headers={"Accept-Encoding": "identity"}) as reply:
        assert reply.status == 200
        assert reply.headers["Cache-Control"] == "no-cache"
        assert await reply.read() == on_disk(language, name).read_bytes()


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
        "/runtimes/sql/v0123456789abcdef/dist/sql-wasm-debug.wasm",
        "/runtimes/sql/v0123456789abcdef/%2e%2e/%2e%2e/%2e%2e/%2e%2e/pyproject.toml",
        "/runtimes/sql/x0123456789abcdef/dist/sql-wasm.wasm",  # not a version
        "/runtimes/sql/v0123456789abcdef/v0123456789abcdef/dist/sql-wasm.wasm",
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
def toy_package(tmp_path: Path) -> Path:
    package = tmp_path / "node_modules" / "@toy" / "vm"
    (package / "lib").mkdir(parents=True)
    (package / "vm.wasm").write_bytes(b"\0asm\1\0\0\0")
    (package / "secret.txt").write_text("not listed")
    (tmp_path / "node_modules" / "outside.js").write_text("outside the package")
    return package


@pytest.fixture
def toy_files(toy_package: Path) -> RuntimeFiles:
    return RuntimeFiles(toy_package.parent.parent, [TOY])


@pytest.fixture
async def toy_relay(toy_files: RuntimeFiles) -> AsyncIterator[str]:
    app = web.Application()
    toy_files.add_routes(app.router)
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


async def cache_control_and_body(
    session: aiohttp.ClientSession, url: str, encoding: str = "identity"
) -> tuple[str, bytes]:
    headers = {"Accept-Encoding": encoding}
    async with session.get(url, headers=headers, auto_decompress=False) as reply:
        assert reply.status == 200, url
        return reply.headers["Cache-Control"], await reply.read()


async def test_an_upgraded_file_is_a_new_version_and_the_old_url_is_revalidated(
    toy_relay: str, toy_files: RuntimeFiles, toy_package: Path, session: aiohttp.ClientSession
) -> None:
    old = toy_relay + toy_files.base("toy")
    assert await cache_control_and_body(session, old + "vm.wasm") == (IMMUTABLE, b"\0asm\1\0\0\0")
    (toy_package / "vm.wasm").write_bytes(b"\0asm\1\0\0\0 upgraded")
    new = toy_relay + toy_files.base("toy")
    assert new != old
    assert await cache_control_and_body(session, new + "vm.wasm") == (
        IMMUTABLE,
        b"\0asm\1\0\0\0 upgraded",
    )
    assert await cache_control_and_body(session, old + "vm.wasm") == (
        "no-cache",
        b"\0asm\1\0\0\0 upgraded",
    )


async def test_a_new_compressed_copy_alone_is_a_new_version(
    toy_relay: str, toy_files: RuntimeFiles, toy_package: Path, session: aiohttp.ClientSession
) -> None:
    """The copy is what most browsers get: remade at set-up, it must not hide behind the old URL."""
    whole = toy_package / "vm.wasm"
    brotli = whole.with_name("vm.wasm.br")
    brotli.write_bytes(b"first copy")
    old = toy_files.base("toy")
    brotli.write_bytes(b"second copy")
    stat = brotli.stat()
    os.utime(brotli, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    new = toy_files.base("toy")
    assert new != old
    control, body = await cache_control_and_body(session, toy_relay + new + "vm.wasm", "br")
    assert (control, body) == (IMMUTABLE, b"second copy")


async def test_unchanged_files_keep_their_version(toy_files: RuntimeFiles) -> None:
    """A warm join's URLs are the ones the browser cached: pages rendered later name the same."""
    assert toy_files.base("toy") == toy_files.base("toy")
