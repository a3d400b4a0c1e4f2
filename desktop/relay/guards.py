"""Checks every socket passes: the room's own origin, and a message rate."""

from __future__ import annotations

from urllib.parse import urlsplit

from aiohttp import web

from desktop.rate_limit import RateLimit

__all__ = ["RateLimit", "origin_allowed"]


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
