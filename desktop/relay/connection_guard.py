"""Connections per client address, and a deadline for a request's headers.

aiohttp's server accepts any number of connections from one machine and waits
forever for a request that never finishes, so ~1,000 half-sent requests use up
the process's files and every other request times out. This sits between the
listening socket and aiohttp's public protocol factory (`AppRunner.server`):
it counts open connections per address and closes those over the cap, keeps
at most a few connections per address still sending their first request's
headers (the oldest goes when another arrives, so a real request from the same
machine always gets through), and closes one whose headers have not ended
within a few seconds. After that it only passes bytes on.
"""

from __future__ import annotations

import asyncio
import logging
import socket
from collections.abc import Callable

from desktop.settings import Limits

log = logging.getLogger(__name__)
HEAD_END = b"\r\n\r\n"


class ConnectionGuard:
    """The protocol factory the listening socket uses; one per relay."""

    def __init__(self, factory: Callable[[], asyncio.Protocol], limits: Limits) -> None:
        self.factory = factory
        self.limits = limits
        self.open: dict[str, int] = {}
        # Per address, in arrival order: connections whose request head is not in yet.
        self.waiting: dict[str, dict[GuardedConnection, None]] = {}

    def __call__(self) -> GuardedConnection:
        return GuardedConnection(self, self.factory())

    def admit(self, connection: GuardedConnection) -> bool:
        address = connection.address
        count = self.open.get(address, 0)
        if count >= self.limits.connections_per_address:
            log.warning(
                "refused a connection from %s: it already holds %d",
                address,
                self.limits.connections_per_address,
            )
            return False
        self.open[address] = count + 1
        waiting = self.waiting.setdefault(address, {})
        if len(waiting) >= self.limits.waiting_requests_per_address:
            oldest = next(iter(waiting))
            log.warning("closed a connection from %s: too many unfinished requests", address)
            oldest.drop()
        waiting[connection] = None
        return True

    def head_done(self, connection: GuardedConnection) -> None:
        waiting = self.waiting.get(connection.address)
        if waiting is not None:
            waiting.pop(connection, None)
            if not waiting:
                del self.waiting[connection.address]

    def closed(self, connection: GuardedConnection) -> None:
        self.head_done(connection)
        count = self.open.get(connection.address, 0) - 1
        if count > 0:
            self.open[connection.address] = count
        else:
            self.open.pop(connection.address, None)


class GuardedConnection(asyncio.Protocol):
    """One accepted connection: aiohttp's protocol inside, watched until its head is in."""

    __slots__ = ("address", "admitted", "guard", "inner", "tail", "timer", "transport", "waiting")

    def __init__(self, guard: ConnectionGuard, inner: asyncio.Protocol) -> None:
        self.guard = guard
        self.inner = inner
        self.address = ""
        self.admitted = False
        self.waiting = True
        self.tail = b""
        self.timer: asyncio.TimerHandle | None = None
        self.transport: asyncio.Transport | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport
        self.address = address_of(transport)
        if not self.guard.admit(self):
            transport.abort()
            return
        self.admitted = True
        self.timer = asyncio.get_running_loop().call_later(
            self.guard.limits.request_head_seconds, self._head_too_slow
        )
        self.inner.connection_made(transport)

    def data_received(self, data: bytes) -> None:
        if self.waiting:
            seen = self.tail + data
            if HEAD_END in seen:
                self._head_arrived()
            else:
                self.tail = seen[-3:]
        self.inner.data_received(data)

    def eof_received(self) -> bool | None:
        return self.inner.eof_received() if self.admitted else None

    def pause_writing(self) -> None:
        self.inner.pause_writing()

    def resume_writing(self) -> None:
        self.inner.resume_writing()

    def connection_lost(self, exc: Exception | None) -> None:
        if not self.admitted:
            return
        self.admitted = False
        self._head_arrived()
        self.guard.closed(self)
        self.inner.connection_lost(exc)

    def drop(self) -> None:
        """Closes the connection now; aiohttp learns of it through connection_lost."""
        self._head_arrived()
        if self.transport is not None:
            self.transport.abort()

    def _head_arrived(self) -> None:
        if self.waiting:
            self.waiting = False
            self.tail = b""
            if self.timer is not None:
                self.timer.cancel()
                self.timer = None
            self.guard.head_done(self)

    def _head_too_slow(self) -> None:
        self.timer = None
        if self.waiting:
            log.warning(
                "closed a connection from %s: no request within %g s",
                self.address,
                self.guard.limits.request_head_seconds,
            )
            self.drop()


def address_of(transport: asyncio.BaseTransport) -> str:
    """The client's IP address (one machine), or a fixed name for non-IP sockets."""
    peer = transport.get_extra_info("peername")
    if isinstance(peer, tuple) and peer:
        return str(peer[0])
    sock = transport.get_extra_info("socket")
    return "unix" if sock is not None and sock.family == socket.AF_UNIX else "unknown"
