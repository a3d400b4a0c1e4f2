from __future__ import annotations

import aiohttp
import pytest

from desktop import paths
from tests.support.inprocess_relay import HOST_KEY, RunningRelay

HOST = {"Authorization": f"Bearer {HOST_KEY}"}


async def test_healthz_reports_ok_and_version(
    relay: RunningRelay, session: aiohttp.ClientSession
) -> None:
    async with session.get(relay.http + "/healthz") as reply:
        assert reply.status == 200
        body = await reply.json()
    assert body["status"] == "ok"
    assert body["version"]


async def test_host_creates_room_with_unguessable_id(
    relay: RunningRelay, session: aiohttp.ClientSession
) -> None:
    async with session.post(relay.http + "/api/rooms", headers=HOST, json={"title": "T"}) as reply:
        assert reply.status == 201
        body = await reply.json()
    room = body["room"]
    assert len(room) >= 22  # 128 bits in URL-safe base64
    assert body["join_url"].endswith(f"/r/{room}")
    assert relay.context.store.get_room(room) is not None


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Authorization": "Bearer wrong"},
        {"Authorization": HOST_KEY},
        {"Authorization": "Basic x"},
    ],
)
async def test_room_creation_refuses_without_the_host_key(
    relay: RunningRelay, session: aiohttp.ClientSession, headers: dict[str, str]
) -> None:
    async with session.post(relay.http + "/api/rooms", headers=headers) as reply:
        assert reply.status == 401
        assert "host key" in (await reply.json())["error"]
    assert relay.context.store.list_rooms() == []


async def test_bad_room_creation_bodies_get_400(
    relay: RunningRelay, session: aiohttp.ClientSession
) -> None:
    for body in (b"not json", b"[1]", b'{"title": 5}', b'{"language": "cobol"}'):
        async with session.post(relay.http + "/api/rooms", headers=HOST, data=body) as reply:
            assert reply.status == 400, body


async def test_unknown_room_is_404_on_every_route(
    relay: RunningRelay, session: aiohttp.ClientSession
) -> None:
    unknown = "A" * 22
    async with session.get(f"{relay.http}/r/{unknown}") as reply:
        assert reply.status == 404
        assert "not valid" in await reply.text()
    for kind in ("doc", "events"):
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await session.ws_connect(f"{relay.ws}/ws/{unknown}/{kind}")
        assert refused.value.status == 404
    async with session.get(f"{relay.http}/api/rooms/{unknown}/export", headers=HOST) as reply:
        assert reply.status == 404


async def test_known_room_page_is_served_cross_origin_isolated(
    relay: RunningRelay, session: aiohttp.ClientSession
) -> None:
    room = relay.create_room()
    async with session.get(f"{relay.http}/r/{room}") as reply:
        assert reply.headers["Cross-Origin-Opener-Policy"] == "same-origin"
        assert reply.headers["Cross-Origin-Embedder-Policy"] == "require-corp"
        if (paths.webui_dist() / "room.html").is_file():
            assert reply.status == 200
            assert 'name="interview-desk-pyodide-base" content="/pyodide/v' in await reply.text()
        else:
            assert reply.status == 503


async def test_static_files_cannot_escape_their_folders(
    relay: RunningRelay, session: aiohttp.ClientSession
) -> None:
    for path in (
        "/pyodide/../../pyproject.toml",
        "/pyodide/%2e%2e/%2e%2e/pyproject.toml",
        "/..%2f..%2fpyproject.toml",
        "/assets/../../../pyproject.toml",
    ):
        async with session.get(relay.http + path) as reply:
            assert reply.status == 404, path


@pytest.mark.skipif(not paths.pyodide_dir().is_dir(), reason="Pyodide bundle not fetched")
async def test_pyodide_wasm_is_served_as_wasm_to_any_origin(
    relay: RunningRelay, session: aiohttp.ClientSession
) -> None:
    async with session.get(relay.http + "/pyodide/pyodide.asm.wasm") as reply:
        assert reply.status == 200
        assert reply.headers["Content-Type"] == "application/wasm"
        assert reply.headers["Access-Control-Allow-Origin"] == "*"
        assert reply.headers["Cache-Control"] == "no-cache"  # the page's versioned URL: forever


async def test_export_is_host_only_and_holds_code_and_language(
    relay: RunningRelay, session: aiohttp.ClientSession
) -> None:
    room = relay.create_room("Export me")
    url = f"{relay.http}/api/rooms/{room}/export"
    async with session.get(url) as reply:
        assert reply.status == 401
    async with session.get(url + "?format=json", headers=HOST) as reply:
        assert reply.status == 200
        body = await reply.json()
    assert body["room"]["title"] == "Export me"
    assert body["language"] == "python"
    assert body["code"] == ""
    assert body["runs"] == []
    async with session.get(url, headers=HOST) as reply:
        assert reply.status == 200
        assert reply.content_type == "text/html"
        assert "Export me" in await reply.text()


@pytest.mark.skipif(not paths.pyodide_dir().is_dir(), reason="Pyodide bundle not fetched")
async def test_pyodide_is_served_compressed_to_browsers_that_accept_gzip(
    relay: RunningRelay, session: aiohttp.ClientSession
) -> None:
    url = relay.http + "/pyodide/pyodide.asm.wasm"
    async with session.get(url, headers={"Accept-Encoding": "gzip"}, auto_decompress=False) as r:
        compressed = len(await r.read())
        assert r.headers["Content-Encoding"] == "gzip"
        assert r.headers["Content-Type"] == "application/wasm"
    assert compressed < (paths.pyodide_dir() / "pyodide.asm.wasm").stat().st_size * 0.5


async def test_the_built_scripts_are_served_as_brotli_to_browsers_that_accept_it(
    relay: RunningRelay, session: aiohttp.ClientSession
) -> None:
    """The room page's script (0.8 MB as is) goes out as the .br copy the build wrote, marked so
    that caches keep one answer per encoding; a client offering nothing gets the file itself."""
    scripts = sorted((paths.webui_dist() / "assets").glob("room-*.js"))
    assert scripts, "webui/dist has no room script: run make setup"
    script = scripts[0]
    url = f"{relay.http}/assets/{script.name}"
    async with session.get(
        url, headers={"Accept-Encoding": "br, gzip"}, auto_decompress=False
    ) as r:
        assert r.status == 200
        assert r.headers["Content-Encoding"] == "br"
        assert r.headers["Vary"] == "Accept-Encoding"
        assert "javascript" in r.headers["Content-Type"]
        assert await r.read() == script.with_name(script.name + ".br").read_bytes()
    async with session.get(
        url, headers={"Accept-Encoding": "identity"}, auto_decompress=False
    ) as r:
        assert "Content-Encoding" not in r.headers
        assert await r.read() == script.read_bytes()
