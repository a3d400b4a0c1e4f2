"""The relay application on a real loopback socket inside the test's event loop."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from aiohttp import web

from desktop.relay.app import create_app
from desktop.relay.context import CONTEXT, RelayContext
from desktop.relay.server import GuardedSite, bind
from desktop.settings import Limits, Settings

HOST_KEY = "test-host-key"


@dataclass
class RunningRelay:
    site: GuardedSite
    port: int

    @property
    def runner(self) -> web.AppRunner:
        return self.site.runner

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
        await self.site.stop()


async def start_relay(
    data_dir: Path, limits: Limits | None = None, allowed_hosts: tuple[str, ...] = ()
) -> RunningRelay:
    """The relay as `serve` runs it (connection guard included), on a free loopback port."""
    settings = Settings(
        host="127.0.0.1",
        port=0,
        data_dir=data_dir,
        host_key=HOST_KEY,
        limits=limits or Limits(),
        allowed_hosts=allowed_hosts,
    )
    listener = bind(settings)
    port = listener.getsockname()[1]
    site = GuardedSite(
        create_app(settings, lambda: f"http://127.0.0.1:{port}"), listener, settings.limits
    )
    await site.start()
    return RunningRelay(site, port)
