"""The lobby of one room: when the host turns it on, new candidates wait to be let in."""

from __future__ import annotations

import secrets
import time
from dataclasses import dataclass, field
from typing import Any

from desktop.protocol import Hello, WaitingInfo


@dataclass(slots=True)
class Knock:
    """A candidate waiting at the door, with what they will join as once admitted."""

    waiting_id: str
    peer: Any  # the EventPeer they wait on
    hello: Hello
    address: str | None
    participant_id: str
    first_joined: float
    since: float

    @property
    def info(self) -> WaitingInfo:
        return WaitingInfo(waiting_id=self.waiting_id, name=self.hello.name, since=self.since)


@dataclass
class Lobby:
    """Whether newcomers wait, who waits, and who was let in already (they pass next time)."""

    enabled: bool = False
    capacity: int = 20
    waiting: dict[str, Knock] = field(default_factory=dict)
    admitted: set[str] = field(default_factory=set)

    def must_wait(self, participant_id: str) -> bool:
        return self.enabled and participant_id not in self.admitted

    def knock(
        self,
        peer: Any,
        hello: Hello,
        address: str | None,
        participant_id: str,
        first_joined: float,
    ) -> Knock | None:
        """Puts a newcomer in the queue; None if the queue is full."""
        for knock in list(self.waiting.values()):
            if knock.participant_id == participant_id:
                del self.waiting[knock.waiting_id]  # the same browser knocking again
        if len(self.waiting) >= self.capacity:
            return None
        knock = Knock(
            secrets.token_urlsafe(9),
            peer,
            hello,
            address,
            participant_id,
            first_joined,
            time.time(),
        )
        self.waiting[knock.waiting_id] = knock
        return knock

    def holds(self, participant_id: str) -> bool:
        return any(knock.participant_id == participant_id for knock in self.waiting.values())

    def leave(self, peer: Any) -> bool:
        """Forgets whoever waited on `peer`; whether anyone did."""
        for knock in list(self.waiting.values()):
            if knock.peer is peer:
                del self.waiting[knock.waiting_id]
                return True
        return False

    def infos(self) -> list[WaitingInfo]:
        return [knock.info for knock in self.waiting.values()]
