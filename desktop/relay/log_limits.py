"""Log lines about refused or failed connections, at most one of a kind every few seconds.

A flood of connections produces one warning per connection (ours, asyncio's
`socket.accept() out of system resource`, aiohttp's bad requests): tens of
megabytes of log from one machine. Each kind (logger and message template) is
let through once per `interval`; the next one that passes says how many were
left out in between.
"""

from __future__ import annotations

import logging
import time

NOISY_LOGGERS = ("asyncio", "aiohttp.server", "aiohttp.web", "desktop.relay.connection_guard")


class OncePerInterval(logging.Filter):
    """Lets one record of each kind through per `interval` seconds, counting the rest."""

    def __init__(self, interval: float = 10.0) -> None:
        super().__init__()
        self.interval = interval
        self.next_allowed: dict[tuple[str, str], float] = {}
        self.left_out: dict[tuple[str, str], int] = {}

    def filter(self, record: logging.LogRecord) -> bool:
        kind = (record.name, str(record.msg))
        now = time.monotonic()
        if now < self.next_allowed.get(kind, 0.0):
            self.left_out[kind] = self.left_out.get(kind, 0) + 1
            return False
        self.next_allowed[kind] = now + self.interval
        skipped = self.left_out.pop(kind, 0)
        if skipped:
            record.msg = f"{record.msg} [{skipped} more like this in the last {self.interval:g} s]"
        return True


def limit_connection_logs(interval: float = 10.0) -> OncePerInterval:
    """Installs one shared filter on every logger that speaks once per connection."""
    for name in NOISY_LOGGERS:
        logger = logging.getLogger(name)
        for existing in logger.filters:
            if isinstance(existing, OncePerInterval):
                return existing
    shared = OncePerInterval(interval)
    for name in NOISY_LOGGERS:
        logging.getLogger(name).addFilter(shared)
    return shared
