"""What travels to a candidate: the Pyodide runtime files (and the start-up snapshot) go out
brotli-compressed where the browser accepts it, gzip where it only accepts that, whole
otherwise; every answer says it varies by Accept-Encoding. The page loads them from a versioned
folder, cached for good (a warm join asks nothing; the next version is a new folder, so a new
snapshot never meets last week's pyodide.asm.wasm); without the version they are revalidated
with a 304 each time."""

from __future__ import annotations

import gzip
import re

import aiohttp
import pytest

from desktop import paths
from desktop.relay.file_versions import IMMUTABLE
from desktop.relay.pages import PYODIDE_RUNTIME_FILES
from tests.support.inprocess_relay import RunningRelay

SNAPSHOT = "interview-desk-snapshot.bin"
RUNTIME = ("pyodide.asm.wasm", "python_stdlib.zip", "pyodide.asm.js", SNAPSHOT)

pytestmark = pytest.mark.skipif(
    not (paths.pyodide_dir() / f"{SNAPSHOT}.br").is_file(),
    reason="Pyodide bundle, snapshot or compressed copies not made (make setup)",
)


@pytest.mark.parametrize("name", RUNTIME)
async def test_runtime_file_is_sent_as_brotli_when_accepted(
    relay: RunningRelay, session: aiohttp.ClientSession, name: str
) -> None:
    url = f"{relay.http}/pyodide/{name}"
    headers = {"Accept-Encoding": "gzip, deflate, br, zstd"}
    async with session.get(url, headers=headers, auto_decompress=False) as reply:
        body = await reply.read()
        assert reply.status == 200
        assert reply.headers["Content-Encoding"] == "br"
        assert reply.headers["Vary"] == "Accept-Encoding"
        assert reply.headers["Access-Control-Allow-Origin"] == "*"
    assert body == (paths.pyodide_dir() / f"{name}.br").read_bytes()


async def test_snapshot_goes_as_gzip_where_brotli_is_not_accepted(
    relay: RunningRelay, session: aiohttp.ClientSession
) -> None:
    url = f"{relay.http}/pyodide/{SNAPSHOT}"
    async with session.get(url, headers={"Accept-Encoding": "gzip, deflate"}) as reply:
        assert reply.headers["Content-Encoding"] == "gzip"
        assert reply.headers["Content-Type"] == "application/octet-stream"
    async with session.get(
        url, headers={"Accept-Encoding": "gzip, deflate"}, auto_decompress=False
    ) as reply:
        packed = await reply.read()
    assert gzip.decompress(packed) == (paths.pyodide_dir() / SNAPSHOT).read_bytes()


async def test_uncompressed_answer_still_varies_by_encoding(
    relay: RunningRelay, session: aiohttp.ClientSession
) -> None:
    url = f"{relay.http}/pyodide/pyodide.asm.wasm"
    async with session.get(url, headers={"Accept-Encoding": "identity"}) as reply:
        assert "Content-Encoding" not in reply.headers
        assert reply.headers["Vary"] == "Accept-Encoding"
        assert reply.headers["Content-Type"] == "application/wasm"


async def test_unversioned_url_is_revalidated_each_time_with_a_304(
    relay: RunningRelay, session: aiohttp.ClientSession
) -> None:
    url = f"{relay.http}/pyodide/{SNAPSHOT}"
    headers = {"Accept-Encoding": "br"}
    async with session.get(url, headers=headers, auto_decompress=False) as reply:
        etag = reply.headers["ETag"]
        assert reply.headers["Cache-Control"] == "no-cache"
        assert reply.headers["Timing-Allow-Origin"] == "*"
    async with session.get(url, headers={**headers, "If-None-Match": etag}) as reply:
        assert reply.status == 304
        assert reply.headers["Cache-Control"] == "no-cache"
        assert await reply.read() == b""


async def page_pyodide_base(relay: RunningRelay, session: aiohttp.ClientSession) -> str:
    if not (paths.webui_dist() / "room.html").is_file():
        pytest.skip("web UI not built (make setup)")
    async with session.get(f"{relay.http}/r/{relay.create_room()}") as reply:
        found = re.search(
            r'name="interview-desk-pyodide-base" content="([^"]*)"', await reply.text()
        )
    assert found is not None
    return found.group(1)


async def test_page_loads_pyodide_from_a_versioned_folder(
    relay: RunningRelay, session: aiohttp.ClientSession
) -> None:
    base = await page_pyodide_base(relay, session)
    assert re.fullmatch(r"/pyodide/v[0-9a-f]{16}/", base), base
    assert await page_pyodide_base(relay, session) == base


@pytest.mark.parametrize("name", sorted(PYODIDE_RUNTIME_FILES))
async def test_every_runtime_file_is_cached_for_good_under_the_page_s_version(
    relay: RunningRelay, session: aiohttp.ClientSession, name: str
) -> None:
    url = relay.http + await page_pyodide_base(relay, session) + name
    async with session.get(url, headers={"Accept-Encoding": "br"}, auto_decompress=False) as reply:
        assert reply.status == 200
        assert reply.headers["Cache-Control"] == IMMUTABLE
        assert reply.headers["Content-Encoding"] == "br"
        assert reply.headers["Access-Control-Allow-Origin"] == "*"
        assert await reply.read() == (paths.pyodide_dir() / f"{name}.br").read_bytes()


async def test_a_stale_version_gets_todays_file_revalidated(
    relay: RunningRelay, session: aiohttp.ClientSession
) -> None:
    url = f"{relay.http}/pyodide/v0123456789abcdef/{SNAPSHOT}"
    async with session.get(url, headers={"Accept-Encoding": "identity"}) as reply:
        assert reply.status == 200
        assert reply.headers["Cache-Control"] == "no-cache"
        assert await reply.read() == (paths.pyodide_dir() / SNAPSHOT).read_bytes()


@pytest.mark.parametrize(
    "path", ["v0123456789abcdef/console.html", "v0123456789abcdef/x/pyodide.mjs", "vX/pyodide.mjs"]
)
async def test_versioned_folder_holds_only_the_runtime_files(
    relay: RunningRelay, session: aiohttp.ClientSession, path: str
) -> None:
    async with session.get(f"{relay.http}/pyodide/{path}") as reply:
        assert reply.status == 404, path
