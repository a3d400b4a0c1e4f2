"""Who the interviewer removed from a room, so the same browser cannot walk back in.

A person is known by the participant id their browser key maps to and, off
this machine, by their network address too (clearing the browser's storage
does not get them back in). Loopback is never banned by address: the
interviewer's own window connects from there.
"""

from __future__ import annotations

from desktop.key_throttle import is_loopback

MAX_BANS = 1_000


class BanList:
    """The participant ids and addresses refused in one room (kept with the room's door)."""

    def __init__(self) -> None:
        self.participants: set[str] = set()
        self.addresses: set[str] = set()

    def ban(self, participant_id: str, address: str | None) -> None:
        if len(self.participants) < MAX_BANS:
            self.participants.add(participant_id)
        if address and not is_loopback(address) and len(self.addresses) < MAX_BANS:
            self.addresses.add(address)

    def refuses(self, participant_id: str | None, address: str | None) -> bool:
        """Whether this person (or, for a client that did not say who it is, address) is out."""
        if participant_id is not None and participant_id in self.participants:
            return True
        return address is not None and address in self.addresses
