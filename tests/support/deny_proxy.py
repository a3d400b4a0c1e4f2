"""An HTTP proxy on 127.0.0.1 that every test browser uses: it forwards only to relays under
test (by a LAN-style name mapped to a loopback port) and refuses, and records, everything else.

Browsers call home even with every flag set (sign-in, autofill, update, settings services);
through this proxy no such packet leaves the machine, and a test can fail on what was refused.
Loopback addresses bypass it (the probe servers of the hostile-code tests must really be
reachable, or their "nothing reached it" checks would prove nothing).
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from dataclasses import dataclass, field

#: The name test pages use for a relay "over the LAN": not loopback, so not a secure context.
LAN_NAME = "desk-lan"

_HEAD_LIMIT = 64 * 1024


@dataclass(frozen=True)
class Refusal:
    """One request the proxy refused: what was asked for, and how."""

    method: str
    target: str


@dataclass
class DenyProxy:
    """start() it once per process; route() a relay port; read .refused."""

    port: int = 0
    refused: list[Refusal] = field(default_factory=list)
    forwarded: int = 0
    _routes: set[tuple[str, int]] = field(default_factory=set)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _loop: asyncio.AbstractEventLoop | None = None
    _thread: threading.Thread | None = None
    _serving: asyncio.Task[None] | None = None
    #: Connections being served; stop() ends them and waits, so no socket outlives the proxy.
    _clients: set[asyncio.Task[None]] = field(default_factory=set)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def route(self, port: int, name: str = LAN_NAME) -> str:
        """Forwards `http://name:port` to 127.0.0.1:port; returns that base URL."""
        with self._lock:
            self._routes.add((name.lower(), port))
        return f"http://{name}:{port}"

    def unroute(self, port: int, name: str = LAN_NAME) -> None:
        with self._lock:
            self._routes.discard((name.lower(), port))

    def refusals(self) -> list[Refusal]:
        with self._lock:
            return list(self.refused)

    def start(self) -> DenyProxy:
        ready = threading.Event()
        loop = asyncio.new_event_loop()
        self._loop = loop

        async def serve() -> None:
            self._serving = asyncio.current_task()
            server = await asyncio.start_server(self._client, "127.0.0.1", self.port)
            self.port = server.sockets[0].getsockname()[1]
            ready.set()
            async with server:
                await server.serve_forever()

        def run() -> None:
            asyncio.set_event_loop(loop)
            try:
                loop.run_until_complete(serve())
            except asyncio.CancelledError:
                pass
            finally:
                loop.close()

        self._thread = threading.Thread(target=run, name="deny-proxy", daemon=True)
        self._thread.start()
        if not ready.wait(10):
            raise RuntimeError("the test proxy did not start")
        return self

    def stop(self) -> None:
        loop, thread = self._loop, self._thread
        if loop is None or thread is None:
            return
        with contextlib.suppress(TimeoutError, RuntimeError):
            asyncio.run_coroutine_threadsafe(self._shutdown(), loop).result(10)
        thread.join(10)
        self._loop = self._thread = None

    async def _shutdown(self) -> None:
        """Ends every connection (each closes its sockets on the way out), then the server."""
        clients = list(self._clients)
        for task in clients:
            task.cancel()
        await asyncio.gather(*clients, return_exceptions=True)
        if self._serving is not None:
            self._serving.cancel()

    def _allowed(self, host: str, port: int) -> bool:
        with self._lock:
            return (host.lower(), port) in self._routes

    def _refuse(self, method: str, target: str) -> None:
        with self._lock:
            self.refused.append(Refusal(method, target))

    async def _client(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._clients.add(task)
        try:
            head = await reader.readuntil(b"\r\n\r\n")
            await self._handle(head[:_HEAD_LIMIT], reader, writer)
        except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ConnectionError):
            pass
        finally:
            self._clients.discard(task)
            await _closed(writer)

    async def _handle(
        self, head: bytes, reader: asyncio.StreamReader, writer: asyncio.StreamWriter
    ) -> None:
        request_line, _, rest = head.partition(b"\r\n")
        method, target, version = _split_request_line(request_line)
        tunnel = method == "CONNECT"
        host, port, path = _authority(target) if tunnel else _absolute_target(target)
        if host is None or not self._allowed(host, port):
            self._refuse(method, target)
            writer.write(
                b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            )
            await writer.drain()
            return
        self.forwarded += 1
        upstream_reader, upstream_writer = await asyncio.open_connection("127.0.0.1", port)
        try:  # from here on the upstream writer is ours to close, whatever fails
            if tunnel:  # Chromium sends WebSockets through a CONNECT tunnel, even for ws://
                writer.write(b"HTTP/1.1 200 Connection Established\r\n\r\n")
                await writer.drain()
            else:
                headers = _forwarded_headers(rest)
                upstream_writer.write(f"{method} {path} {version}\r\n".encode() + headers)
                await upstream_writer.drain()
            await asyncio.gather(
                _pipe(reader, upstream_writer),
                _pipe(upstream_reader, writer),
                return_exceptions=True,
            )
        finally:
            await _closed(upstream_writer)


def _split_request_line(line: bytes) -> tuple[str, str, str]:
    parts = line.decode("latin-1").split(" ")
    if len(parts) != 3:
        return ("?", line.decode("latin-1"), "HTTP/1.1")
    return parts[0].upper(), parts[1], parts[2]


def _absolute_target(target: str) -> tuple[str | None, int, str]:
    """(host, port, origin-form path) of `http://host:port/path` (or `ws://`, as WebKit asks
    for a WebSocket); host None for anything else."""
    scheme, sep, rest = target.partition("://")
    if not sep or scheme.lower() not in ("http", "ws"):
        return None, 0, target
    authority, slash, path = rest.partition("/")
    host, port, _ = _authority(authority if ":" in authority else authority + ":80")
    return host, port, slash + path if slash else "/"


def _authority(authority: str) -> tuple[str | None, int, str]:
    """(host, port, "") of `host:port`, as CONNECT names its target."""
    host, colon, port_text = authority.rpartition(":")
    if not colon or not port_text.isdigit():
        return None, 0, ""
    return host, int(port_text), ""


def _forwarded_headers(rest: bytes) -> bytes:
    """The request's headers, with one request per upstream connection (Connection: close) so a
    browser never reuses a forwarded connection for another host; WebSocket upgrades keep theirs."""
    lines = [line for line in rest.split(b"\r\n") if line]
    upgrade = any(line.lower().startswith(b"upgrade:") for line in lines)
    kept = [
        line
        for line in lines
        if not line.lower().startswith(b"proxy-connection:")
        and (upgrade or not line.lower().startswith(b"connection:"))
    ]
    if not upgrade:
        kept.append(b"Connection: close")
    return b"\r\n".join(kept) + b"\r\n\r\n"


async def _closed(writer: asyncio.StreamWriter) -> None:
    """Closes a connection and waits until its socket is gone (a bare close() leaves that to
    later, and a busy test run then sees unclosed-transport warnings)."""
    writer.close()
    with contextlib.suppress(ConnectionError, asyncio.CancelledError):
        await writer.wait_closed()


async def _pipe(source: asyncio.StreamReader, sink: asyncio.StreamWriter) -> None:
    try:
        while chunk := await source.read(65536):
            sink.write(chunk)
            await sink.drain()
    finally:
        if sink.can_write_eof():
            sink.write_eof()


_shared: DenyProxy | None = None
_shared_lock = threading.Lock()


def shared_proxy() -> DenyProxy:
    """The process's one proxy, started on first use (every browser launch asks for it)."""
    global _shared
    with _shared_lock:
        if _shared is None:
            _shared = DenyProxy().start()
        return _shared


def started() -> bool:
    """Whether this process has started its proxy (tiers without browsers never do)."""
    with _shared_lock:
        return _shared is not None
