"""Starting and stopping the relay: headless in the foreground, or on a thread.

The command line serves in the foreground until Ctrl-C; the desktop shell runs
the same relay on a background thread with its own event loop.
"""

from __future__ import annotations

import asyncio
import contextlib
import errno
import signal
import socket
import threading

from aiohttp import web

from desktop import lan
from desktop.relay.app import create_app
from desktop.relay.connection_guard import ConnectionGuard
from desktop.relay.log_limits import limit_connection_logs
from desktop.settings import Limits, Settings

BACKLOG = 512


class PortInUseError(OSError):
    """The chosen port is taken — most likely by another Interview Desk."""

    def __init__(self, port: int) -> None:
        super().__init__(
            errno.EADDRINUSE,
            f"Port {port} is already in use (is Interview Desk already running?). "
            "Choose another with --port N, or --port 0 for any free port.",
        )
        self.port = port


def bind(settings: Settings) -> socket.socket:
    """The listening socket, so `--port 0` learns its port before anything prints."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        listener.bind((settings.host, settings.port))
    except OSError as error:
        listener.close()
        if error.errno == errno.EADDRINUSE:
            raise PortInUseError(settings.port) from error
        raise
    listener.listen(BACKLOG)
    listener.setblocking(False)
    return listener


def join_host(settings: Settings) -> str:
    """The address candidates type: the LAN address unless bound to one interface."""
    if settings.host in ("0.0.0.0", "", "::"):
        return lan.join_address()
    return settings.host


def raise_open_file_limit() -> None:
    """Lets the relay hold as many sockets as the system allows (desktops default to 1,024)."""
    try:
        import resource
    except ImportError:  # Windows: no such limit to raise
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft == hard:
        return
    try:
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    except (ValueError, OSError):
        # macOS reports an infinite hard limit but refuses more than OPEN_MAX.
        with contextlib.suppress(ValueError, OSError):
            resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, 10_240), hard))


class GuardedSite:
    """The app served on `listener` through the connection guard; every start path uses it."""

    def __init__(self, app: web.Application, listener: socket.socket, limits: Limits) -> None:
        self.runner = web.AppRunner(
            app,
            handle_signals=False,
            shutdown_timeout=2.0,
            keepalive_timeout=limits.keepalive_seconds,
        )
        self.listener = listener
        self.limits = limits
        self.server: asyncio.Server | None = None

    async def start(self) -> None:
        raise_open_file_limit()
        limit_connection_logs()
        await self.runner.setup()
        factory = self.runner.server
        assert factory is not None
        self.server = await asyncio.get_running_loop().create_server(
            ConnectionGuard(factory, self.limits), sock=self.listener, backlog=BACKLOG
        )

    async def stop(self) -> None:
        """Stops listening, then closes every connection and the store."""
        if self.server is not None:
            self.server.close()
            self.server = None
        await self.runner.cleanup()


class RelayServer:
    """The relay on a daemon thread: start() returns once it listens, stop() cleans up."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.port = settings.port
        self._loop: asyncio.AbstractEventLoop | None = None
        self._site: GuardedSite | None = None
        self._thread: threading.Thread | None = None
        self._ready = threading.Event()
        self._failure: BaseException | None = None

    @property
    def host_console_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/#host={self.settings.host_key}"

    @property
    def join_url(self) -> str:
        return f"http://{join_host(self.settings)}:{self.port}/"

    def start(self) -> None:
        listener = bind(self.settings)
        self.port = listener.getsockname()[1]
        self._thread = threading.Thread(
            target=self._serve, args=(listener,), name="interview-desk-relay", daemon=True
        )
        self._thread.start()
        self._ready.wait()
        if self._failure is not None:
            raise self._failure

    def stop(self) -> None:
        """Closes the sockets, flushes the store and joins the thread; safe to repeat."""
        loop, thread = self._loop, self._thread
        if loop is not None and thread is not None and thread.is_alive():
            with contextlib.suppress(RuntimeError):  # the loop may have just finished
                asyncio.run_coroutine_threadsafe(self._shutdown(), loop).result(timeout=15)
            thread.join(timeout=15)

    def _serve(self, listener: socket.socket) -> None:
        loop = asyncio.new_event_loop()
        self._loop = loop
        try:
            loop.run_until_complete(self._start_site(listener))
        except BaseException as error:
            self._failure = error
            self._ready.set()
            loop.close()
            return
        self._ready.set()
        try:
            loop.run_forever()
        finally:
            loop.close()

    async def _start_site(self, listener: socket.socket) -> None:
        app = create_app(self.settings, join_base=lambda: self.join_url.rstrip("/"))
        self._site = GuardedSite(app, listener, self.settings.limits)
        await self._site.start()

    async def _shutdown(self) -> None:
        if self._site is not None:
            await self._site.stop()
        asyncio.get_running_loop().call_soon(asyncio.get_running_loop().stop)


def print_addresses(port: int, settings: Settings) -> None:
    """The two lines people and scripts read (DESIGN.md's contract)."""
    print(f"Host console: http://127.0.0.1:{port}/#host={settings.host_key}", flush=True)
    print(f"Join on: http://{join_host(settings)}:{port}/", flush=True)


async def serve_until_stopped(settings: Settings) -> None:
    """`interview-desk serve`: listen, print the addresses, run until Ctrl-C or SIGTERM."""
    listener = bind(settings)
    port = listener.getsockname()[1]
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):  # Windows has no signal handlers
            loop.add_signal_handler(signum, stop.set)
    site = GuardedSite(
        create_app(settings, lambda: f"http://{join_host(settings)}:{port}"),
        listener,
        settings.limits,
    )
    await site.start()
    print_addresses(port, settings)
    try:
        await stop.wait()
    finally:
        print("Stopping the relay…", flush=True)
        await site.stop()
