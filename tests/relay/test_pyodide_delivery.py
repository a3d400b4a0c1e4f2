"""What travels to a candidate: the Pyodide runtime files (and the start-up snapshot) go out
brotli-compressed where the browser accepts it, gzip where it only accepts that, whole
otherwise; every answer says it varies by Accept-Encoding, and a second request revalidates
with a 304 instead of a download."""

from __future__ import annotations

import gzip

import aiohttp
import pytest

from desktop import paths
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


async def test_second_request_is_answered_304_without_a_body(
    relay: RunningRelay, session: aiohttp.ClientSession
) -> None:
    url = f"{relay.http}/pyodide/{SNAPSHOT}"
    headers = {"Accept-Encoding": "br"}
    async with session.get(url, headers=headers, auto_decompress=False) as reply:
        etag = reply.headers["ETag"]
        assert "max-age" in reply.headers["Cache-Control"]
        assert reply.headers["Timing-Allow-Origin"] == "*"
    async with session.get(url, headers={**headers, "If-None-Match": etag}) as reply:
        assert reply.status == 304
        assert await reply.read() == b""
