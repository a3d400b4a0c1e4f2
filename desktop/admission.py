"""Who may come into a room, and as whom: the host key (throttled per address), removals,
the cap on candidates and the lobby. The host with the right key always gets in."""

from __future__ import annotations

import secrets
import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Protocol

from desktop.door import Door
from desktop.key_throttle import KeyLockedOutError, KeyThrottle
from desktop.protocol import Hello, InLobby, ProtocolError, Role, encode


class Told(Protocol):
    """Whoever knocks: the relay can answer them."""

    def send_text(self, frame: str) -> None: ...


class Seat(Protocol):
    @property
    def is_host(self) -> bool: ...


@dataclass(frozen=True, slots=True)
class Arrival:
    """A newcomer let in: their role and the participant they are."""

    role: Role
    participant_id: str
    first_joined: float


class Admission:
    """Decides at the door; the interview seats whoever is let in."""

    def __init__(self, door: Door, throttle: KeyThrottle, host_key: str, cap: int) -> None:
        self.door = door
        self.throttle = throttle
        self.host_key = host_key
        self.cap = cap

    def arrive(
        self, peer: Told, hello: Hello, address: str | None, seated: Mapping[str, Seat]
    ) -> Arrival | None:
        """Who a `hello` lets in; None when they wait in the lobby (and were told so)."""
        is_host = hello.host_key is not None and self._is_host_key(peer, hello.host_key, address)
        identities = self.door.hosts if is_host else self.door.candidates

        def is_reusable(participant_id: str) -> bool:
            # A record passes to a newcomer from the same address only once its person is gone.
            return (
                participant_id not in seated
                and not self.door.lobby.holds(participant_id)
                and not self.door.bans.refuses(participant_id, None)
            )

        participant_id, first_joined = identities.participant_for(
            hello.browser, address, time.time(), is_reusable
        )
        if is_host:
            return Arrival("host", participant_id, first_joined)
        if self.door.bans.refuses(participant_id, address):
            raise ProtocolError("banned", "The interviewer removed you from this room.")
        self.require_seat(participant_id, seated)
        if self.door.lobby.must_wait(participant_id):
            knock = self.door.lobby.knock(peer, hello, address, participant_id, first_joined)
            if knock is None:
                raise ProtocolError("lobby-full", "Too many people are waiting; try again soon.")
            peer.send_text(encode(InLobby(message="Waiting for the interviewer to let you in.")))
            return None
        return Arrival("candidate", participant_id, first_joined)

    def require_seat(self, participant_id: str, seated: Mapping[str, Seat]) -> None:
        """The cap counts candidates only (a reconnect takes its own seat back)."""
        taken = sum(1 for pid, seat in seated.items() if not seat.is_host and pid != participant_id)
        if taken >= self.cap:
            raise ProtocolError("room-full", f"This room is full ({self.cap} candidates).")

    def refuses_unnamed(self, address: str | None) -> str | None:
        """Why a document socket without a participant's token may not come in, if it may not."""
        if self.door.bans.refuses(None, address):
            return "The interviewer removed you from this room."
        if self.door.lobby.enabled:
            return "The interviewer lets people in one by one: join through the room's page."
        return None

    def _is_host_key(self, peer: Told, key: str, address: str | None) -> bool:
        def is_right() -> bool:
            return secrets.compare_digest(key.encode(), self.host_key.encode())

        try:
            if self.throttle.check(address, is_right):
                return True
        except KeyLockedOutError as error:
            peer.send_text(ProtocolError("host-key-throttled", error.message).to_frame())
            return False
        peer.send_text(
            ProtocolError(
                "wrong-host-key", "That host key is not this relay's; you join as a candidate."
            ).to_frame()
        )
        return False
