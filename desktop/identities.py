"""Which participant a newcomer is: the same browser is the same person on every reconnect.

The page keeps a random browser key and sends it in `hello`; the relay maps it
to one participant id per room, so a reload or a reconnect takes over the old
entry instead of adding a name. A client cycling fresh keys (or none) from one
address cannot grow the list without end either: past a few identities per
address, a newcomer takes over the record of the longest-gone one.
"""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

IDENTITIES_PER_ADDRESS = 8


@dataclass(slots=True)
class _Seen:
    browser: str | None
    first_joined: float


@dataclass
class Identities:
    """Browser keys and addresses of one room's candidates, mapped to participant ids."""

    by_browser: dict[str, str] = field(default_factory=dict)
    by_address: dict[str, list[str]] = field(default_factory=dict)  # least recent first
    seen: dict[str, _Seen] = field(default_factory=dict)
    per_address: int = IDENTITIES_PER_ADDRESS

    def participant_for(
        self,
        browser: str | None,
        address: str | None,
        now: float,
        is_reusable: Callable[[str], bool],
    ) -> tuple[str, float]:
        """The participant id and first join time for a newcomer from `address`."""
        browser_hash = None if browser is None else _digest(browser)
        known = None if browser_hash is None else self.by_browser.get(browser_hash)
        key = address or "unknown"
        recent = self.by_address.setdefault(key, [])
        if known is not None:
            if known in recent:
                recent.remove(known)
            recent.append(known)
            return known, self.seen[known].first_joined
        participant_id = self._reuse(recent, is_reusable)
        if participant_id is None:
            participant_id = secrets.token_urlsafe(12)
        recent.append(participant_id)
        self.seen[participant_id] = _Seen(browser_hash, now)
        if browser_hash is not None:
            self.by_browser[browser_hash] = participant_id
        return participant_id, now

    def to_record(self) -> dict[str, Any]:
        """Plain data for the store (browser keys only as digests, as held)."""
        return {
            "by_address": self.by_address,
            "seen": {pid: [seen.browser, seen.first_joined] for pid, seen in self.seen.items()},
        }

    @classmethod
    def from_record(cls, record: dict[str, Any], per_address: int) -> Identities:
        identities = cls(per_address=per_address)
        for participant_id, (browser, first_joined) in record["seen"].items():
            identities.seen[participant_id] = _Seen(browser, float(first_joined))
            if browser is not None:
                identities.by_browser[browser] = participant_id
        identities.by_address = {key: list(ids) for key, ids in record["by_address"].items()}
        return identities

    def _reuse(self, recent: list[str], is_reusable: Callable[[str], bool]) -> str | None:
        if len(recent) < self.per_address:
            return None
        for participant_id in recent:
            if is_reusable(participant_id):
                recent.remove(participant_id)
                old = self.seen.pop(participant_id)
                if old.browser is not None:
                    self.by_browser.pop(old.browser, None)
                return participant_id
        return None


def _digest(browser: str) -> str:
    # Only a digest is kept: the key itself is what proves a browser is that person.
    return hashlib.sha256(browser.encode()).hexdigest()
