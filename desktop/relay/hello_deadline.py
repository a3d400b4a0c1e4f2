"""Events sockets that have not said `hello` yet: a few per room, each for a few seconds.

A socket that never greets holds a file and a task for nothing; a flood of
them would otherwise stay open until the peer gives up. The oldest waiting
socket of a room makes way for a newer one, so a real participant, who says
hello as soon as the socket opens, always gets through.
"""

from __future__ import annotations

import asyncio

from aiohttp import WSCloseCode, web

from desktop.relay.doc_socket import close_socket
from desktop.settings import Limits


class HelloDeadline:
    """Closes events sockets that stay silent too long, or wait in too great a number."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.waiting: dict[str, dict[web.WebSocketResponse, asyncio.TimerHandle]] = {}

    def opened(self, room_id: str, socket: web.WebSocketResponse) -> None:
        room = self.waiting.setdefault(room_id, {})
        if len(room) >= self.limits.waiting_sockets_per_room:
            oldest = next(iter(room))
            self.greeted(room_id, oldest)
            close_socket(
                oldest, WSCloseCode.POLICY_VIOLATION, "Too many sockets waiting to say hello."
            )
        seconds = self.limits.hello_seconds
        room[socket] = asyncio.get_running_loop().call_later(
            seconds, self._too_slow, room_id, socket
        )

    def greeted(self, room_id: str, socket: web.WebSocketResponse) -> None:
        """The socket said hello (or closed): it no longer waits."""
        room = self.waiting.get(room_id)
        if room is None:
            return
        timer = room.pop(socket, None)
        if timer is not None:
            timer.cancel()
        if not room:
            del self.waiting[room_id]

    def _too_slow(self, room_id: str, socket: web.WebSocketResponse) -> None:
        self.greeted(room_id, socket)
        seconds = f"{self.limits.hello_seconds:g}"
        close_socket(socket, WSCloseCode.POLICY_VIOLATION, f"Say hello within {seconds} seconds.")


HELLO_DEADLINE = web.AppKey("hello_deadline", HelloDeadline)
