"""Drops document sockets whose peer went away without closing (a laptop lid shut).

aiohttp's heartbeat keeps timers per connection and reschedules them on every
read; document sockets are read for every keystroke, so one sweep over all of
them does the same job for less. A socket quiet for `heartbeat` seconds gets a
ping; one still quiet `heartbeat` seconds later is cut off, and its presence
leaves the room at once.
"""

from __future__ import annotations

import asyncio
import contextlib

from desktop.relay.direct_socket import DirectSocket
from desktop.relay.frames import OP_PING, FrameWriter

PING_AFTER_SWEEPS = 2
DROP_AFTER_SWEEPS = 4


class Liveness:
    """Sweeps every `heartbeat / 2` seconds over the sockets it watches."""

    def __init__(self, heartbeat_seconds: float) -> None:
        self.interval = heartbeat_seconds / 2
        self.watched: dict[DirectSocket, FrameWriter] = {}
        self.quiet_sweeps: dict[DirectSocket, int] = {}
        self.task: asyncio.Task[None] | None = None

    def watch(self, socket: DirectSocket, writer: FrameWriter) -> None:
        self.watched[socket] = writer
        if self.task is None:
            self.task = asyncio.get_running_loop().create_task(self._run())

    def forget(self, socket: DirectSocket) -> None:
        self.watched.pop(socket, None)
        self.quiet_sweeps.pop(socket, None)

    async def stop(self) -> None:
        if self.task is not None:
            self.task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self.task
            self.task = None

    async def _run(self) -> None:
        while True:
            await asyncio.sleep(self.interval)
            self.sweep()

    def sweep(self) -> None:
        for socket, writer in list(self.watched.items()):
            if socket.heard:
                socket.heard = False
                self.quiet_sweeps.pop(socket, None)
                continue
            quiet = self.quiet_sweeps.get(socket, 0) + 1
            self.quiet_sweeps[socket] = quiet
            if quiet == PING_AFTER_SWEEPS:
                writer.write(OP_PING, b"")
            elif quiet >= DROP_AFTER_SWEEPS:
                writer.abort()
                self.forget(socket)
