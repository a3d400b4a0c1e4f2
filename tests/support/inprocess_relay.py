"""The relay application on a real loopback socket inside the test's event loop."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from aiohttp import web

from desktop.relay.app import create_app
from desktop.relay.context import CONTEXT, RelayContext
from desktop.relay.server import bind
from desktop.settings import Limits, Settings

HOST_KEY = "test-host-key"


@dataclass
class RunningRelay:
    runner: web.AppRunner
    port: int

    @property
    def http(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def ws(self) -> str:
        return f"ws://127.0.0.1:{self.port}"

    @property
    def context(self) -> RelayContext:
        return self.runner.app[CONTEXT]

    def create_room(self, title: str = "") -> str:
        return self.context.rooms.create(title).id

    async def stop(self) -> None:
        await self.runner.cleanup()


async def start_relay(data_dir: Path, limits: Limits | None = None) -> RunningRelay:
    settings = Settings(
        host="127.0.0.1", port=0, data_dir=data_dir, host_key=HOST_KEY, limits=limits or Limits()
    )
    listener = bind(settings)
    port = listener.getsockname()[1]
    runner = web.AppRunner(create_app(settings, lambda: f"http://127.0.0.1:{port}"))
    await runner.setup()
    await web.SockSite(runner, listener).start()
    return RunningRelay(runner, port)
