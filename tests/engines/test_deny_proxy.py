"""The test proxy every browser goes through: it forwards only routed relay names, refuses
everything else without opening a connection, and records each refusal."""

from __future__ import annotations

import socket
import urllib.error
import urllib.request
from collections.abc import Iterator

import pytest
from aiohttp import web

from tests.support.deny_proxy import DenyProxy, Refusal
from tests.support.thread_server import ThreadServer


class EchoServer(ThreadServer):
    """Answers every request with its own Host header and path."""

    def __init__(self) -> None:
        app = web.Application()
        app.router.add_get("/{tail:.*}", self._echo)
        super().__init__(app)

    async def _echo(self, request: web.Request) -> web.Response:
        return web.Response(text=f"{request.host} {request.path_qs}")


@pytest.fixture
def proxy() -> Iterator[DenyProxy]:
    started = DenyProxy().start()
    yield started
    started.stop()


@pytest.fixture
def server() -> Iterator[EchoServer]:
    started = EchoServer().start()
    yield started
    started.stop()


def fetch_through(proxy: DenyProxy, url: str) -> tuple[int, str]:
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({"http": proxy.url}))
    try:
        with opener.open(url, timeout=10) as reply:
            return reply.status, reply.read().decode()
    except urllib.error.HTTPError as error:
        with error:
            return error.code, ""


def server_port(server: EchoServer) -> int:
    return int(server.url("").rstrip("/").rsplit(":", 1)[1])


def test_a_routed_name_reaches_the_relay_port(proxy: DenyProxy, server: EchoServer) -> None:
    port = server_port(server)
    base = proxy.route(port)
    assert fetch_through(proxy, f"{base}/r/room?x=1") == (200, f"desk-lan:{port} /r/room?x=1")
    assert proxy.refusals() == []


def test_anything_else_is_refused_and_recorded(proxy: DenyProxy, server: EchoServer) -> None:
    port = server_port(server)
    proxy.route(port)
    assert fetch_through(proxy, "http://update.googleapis.com/service") == (403, "")
    assert fetch_through(proxy, f"http://desk-lan:{port + 1}/") == (403, "")
    assert proxy.refusals() == [
        Refusal("GET", "http://update.googleapis.com/service"),
        Refusal("GET", f"http://desk-lan:{port + 1}/"),
    ]


def test_a_tunnel_elsewhere_is_refused(proxy: DenyProxy) -> None:
    with socket.create_connection(("127.0.0.1", proxy.port), timeout=10) as client:
        client.sendall(b"CONNECT accounts.google.com:443 HTTP/1.1\r\nHost: x\r\n\r\n")
        reply = client.recv(1024)
    assert reply.startswith(b"HTTP/1.1 403")
    assert proxy.refusals() == [Refusal("CONNECT", "accounts.google.com:443")]


def test_an_unrouted_relay_is_refused_again(proxy: DenyProxy, server: EchoServer) -> None:
    port = server_port(server)
    base = proxy.route(port)
    proxy.unroute(port)
    assert fetch_through(proxy, base + "/") == (403, "")
