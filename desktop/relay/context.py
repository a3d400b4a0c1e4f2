"""What every handler of one relay shares, stored on the aiohttp application."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from aiohttp import web

from desktop.relay.liveness import Liveness
from desktop.rooms import RoomRegistry
from desktop.settings import Settings
from desktop.store import Store


@dataclass
class RelayContext:
    settings: Settings
    store: Store
    rooms: RoomRegistry
    # e.g. "http://192.168.1.20:8765", for links shown to candidates; asked each
    # time, so choosing another network address in the window takes effect at once.
    join_base: Callable[[], str]
    liveness: Liveness


CONTEXT = web.AppKey("relay", RelayContext)


def context_of(request: web.Request) -> RelayContext:
    return request.app[CONTEXT]
