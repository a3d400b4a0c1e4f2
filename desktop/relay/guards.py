"""Checks every socket passes: the room's own origin, and a message rate."""

from __future__ import annotations

import time
from urllib.parse import urlsplit

from aiohttp import web


def origin_allowed(request: web.Request) -> bool:
    """Browsers must come from a page of this relay; clients without Origin are not browsers.

    A page of another site (or a sandboxed, opaque-origin frame, `Origin: null`)
    cannot open our sockets, so it cannot join a room through a visitor's browser.
    """
    origin = request.headers.get("Origin")
    if origin is None:
        return True
    parts = urlsplit(origin)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return False
    return parts.netloc.lower() == request.host.lower()


class RateLimit:
    """A token bucket: `rate` messages a second on average, bursts up to `burst`."""

    __slots__ = ("burst", "rate", "stamp", "tokens")

    def __init__(self, rate: float, burst: float) -> None:
        self.rate = rate
        self.burst = burst
        self.tokens = burst
        self.stamp = time.monotonic()

    def allow(self) -> bool:
        now = time.monotonic()
        self.tokens = min(self.burst, self.tokens + (now - self.stamp) * self.rate)
        self.stamp = now
        if self.tokens >= 1.0:
            self.tokens -= 1.0
            return True
        return False
