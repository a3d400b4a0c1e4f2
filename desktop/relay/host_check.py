"""Requests must name this machine in `Host`: a defence against DNS rebinding.

A page of `evil.example` whose name the attacker re-points at this machine's
address would otherwise be same-origin with it in the visitor's browser: its
`Origin` and `Host` would match, so the Origin check alone lets it open the
room's sockets and call the API. Browsers always send the name they resolved,
so the relay answers only to names it knows are its own: loopback, this
machine's addresses and host name, the address it listens on, and names the
person running it allowed (`serve --allow-host NAME`).
"""

from __future__ import annotations

import ipaddress
import socket
import time
from collections.abc import Awaitable, Callable, Iterable

import ifaddr
from aiohttp import web

from desktop import lan

REFRESH_SECONDS = 5.0
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def host_name(header: str) -> str:
    """`Host` without its port, lower-case, without a trailing dot: `[::1]:80` → `::1`."""
    name = header.strip().lower()
    if name.startswith("["):
        name = name[1:].split("]", 1)[0]
    elif name.count(":") == 1:
        name = name.split(":", 1)[0]
    return name.rstrip(".")


def is_loopback(name: str) -> bool:
    if name == "localhost" or name.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def machine_names() -> set[str]:
    """This machine's addresses (every interface, IPv4 and IPv6) and host names."""
    names = {socket.gethostname().lower()}
    names |= {f"{name}.local" for name in list(names) if "." not in name}
    try:
        for adapter in ifaddr.get_adapters():
            for ip in adapter.ips:
                address = ip.ip if isinstance(ip.ip, str) else ip.ip[0]
                names.add(address.lower().split("%", 1)[0])
    except OSError:
        pass
    chosen = lan.chosen()
    if chosen:
        names.add(chosen.lower())
    return names


class HostCheck:
    """Knows the names this relay answers to; looks again when an unknown one arrives."""

    def __init__(self, listen_host: str, allowed: Iterable[str]) -> None:
        self.fixed = {host_name(name) for name in allowed if name}
        if listen_host not in ("", "0.0.0.0", "::"):
            self.fixed.add(host_name(listen_host))
        self.known = self.fixed | machine_names()
        self.looked_at = time.monotonic()

    def allows(self, header: str | None) -> bool:
        if header is None:
            return True  # HTTP/1.0 tools: no browser, so no rebinding
        name = host_name(header)
        if name in self.known or is_loopback(name):
            return True
        now = time.monotonic()
        if now - self.looked_at > REFRESH_SECONDS:  # the network may have changed
            self.looked_at = now
            self.known = self.fixed | machine_names()
            return name in self.known
        return False

    @web.middleware
    async def middleware(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        if not self.allows(request.headers.get("Host")):
            return web.Response(
                status=421,
                text="This relay does not answer to that name. "
                "Use its address, or start it with --allow-host NAME.",
            )
        return await handler(request)
