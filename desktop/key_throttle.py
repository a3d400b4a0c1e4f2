"""Wrong host keys, counted per client address, so nobody can guess the key at speed.

After a few wrong keys from one address, that address must wait before the
relay looks at another key from it, and each further wrong key doubles the
wait. The interviewer's own machine (loopback) is slowed the same way for
wrong keys, but the right key from loopback is always taken: the desktop
window lives there, and an attacker on the network cannot lock it out.
"""

from __future__ import annotations

import ipaddress
import math
import time
from collections.abc import Callable
from dataclasses import dataclass

FREE_ATTEMPTS = 5
FIRST_WAIT_SECONDS = 2.0
LONGEST_WAIT_SECONDS = 300.0
FORGET_AFTER_SECONDS = 3600.0
MAX_ADDRESSES = 10_000


def is_loopback(address: str | None) -> bool:
    """Whether a peer address is this machine's own loopback (None counts as not)."""
    if not address:
        return False
    try:
        return ipaddress.ip_address(address.split("%")[0]).is_loopback
    except ValueError:
        return False


class KeyLockedOutError(Exception):
    """Raised instead of checking a key from an address that guessed too often."""

    def __init__(self, seconds: float) -> None:
        self.seconds = max(1, math.ceil(seconds))
        super().__init__(self.message)

    @property
    def message(self) -> str:
        return f"Too many wrong host keys; try again in {self.seconds} s."


@dataclass(slots=True)
class _Record:
    failures: int = 0
    locked_until: float = 0.0
    last_failure: float = 0.0


class KeyThrottle:
    """Checks host keys through a per-address count of wrong ones."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self.records: dict[str, _Record] = {}

    def check(self, address: str | None, is_right: Callable[[], bool]) -> bool:
        """Whether the key is right; raises KeyLockedOutError if this address must wait first."""
        key = address or "unknown"
        now = self.clock()
        record = self.records.get(key)
        if record is not None and now - record.last_failure > FORGET_AFTER_SECONDS:
            del self.records[key]
            record = None
        locked = record is not None and now < record.locked_until
        if locked and not is_loopback(address):
            assert record is not None
            raise KeyLockedOutError(record.locked_until - now)
        if is_right():
            self.records.pop(key, None)
            return True
        record = record or self._new_record(key)
        record.failures += 1
        record.last_failure = now
        if record.failures >= FREE_ATTEMPTS:
            wait = FIRST_WAIT_SECONDS * 2 ** (record.failures - FREE_ATTEMPTS)
            record.locked_until = now + min(wait, LONGEST_WAIT_SECONDS)
        if locked:
            raise KeyLockedOutError(record.locked_until - now)
        return False

    def _new_record(self, key: str) -> _Record:
        if len(self.records) >= MAX_ADDRESSES:
            oldest = min(self.records, key=lambda k: self.records[k].last_failure)
            del self.records[oldest]
        record = _Record()
        self.records[key] = record
        return record
