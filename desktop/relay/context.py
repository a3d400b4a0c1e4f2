"""What every handler of one relay shares, stored on the aiohttp application."""

from __future__ import annotations

from dataclasses import dataclass

from aiohttp import web

from desktop.rooms import RoomRegistry
from desktop.settings import Settings
from desktop.store import Store


@dataclass
class RelayContext:
    settings: Settings
    store: Store
    rooms: RoomRegistry
    join_base: str  # e.g. "http://192.168.1.20:8765", for links shown to candidates


CONTEXT = web.AppKey("relay", RelayContext)


def context_of(request: web.Request) -> RelayContext:
    return request.app[CONTEXT]
