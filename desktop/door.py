"""What a room remembers about who may come in: who each browser is, who was removed, and
whom the lobby let in. The store keeps it too (desktop/door_store.py), so a restart of the
relay neither lets a removed candidate back in nor makes a returning browser a stranger."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from desktop.ban_list import BanList
from desktop.identities import IDENTITIES_PER_ADDRESS, Identities
from desktop.lobby import Lobby

# Hosts hold the key, so their records are never taken over by someone else.
HOST_IDENTITIES_PER_ADDRESS = 1_000


@dataclass
class Door:
    candidates: Identities = field(default_factory=Identities)
    hosts: Identities = field(
        default_factory=lambda: Identities(per_address=HOST_IDENTITIES_PER_ADDRESS)
    )
    bans: BanList = field(default_factory=BanList)
    lobby: Lobby = field(default_factory=Lobby)

    def to_record(self) -> dict[str, Any]:
        """Plain data for the store; who waits in the lobby right now is not kept (their
        sockets end with the relay, and they knock again)."""
        return {
            "candidates": self.candidates.to_record(),
            "hosts": self.hosts.to_record(),
            "banned_participants": sorted(self.bans.participants),
            "banned_addresses": sorted(self.bans.addresses),
            "lobby": self.lobby.enabled,
            "admitted": sorted(self.lobby.admitted),
        }

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> Door:
        door = cls(
            candidates=Identities.from_record(record["candidates"], IDENTITIES_PER_ADDRESS),
            hosts=Identities.from_record(record["hosts"], HOST_IDENTITIES_PER_ADDRESS),
        )
        door.bans.participants.update(record["banned_participants"])
        door.bans.addresses.update(record["banned_addresses"])
        door.lobby.enabled = bool(record["lobby"])
        door.lobby.admitted.update(record["admitted"])
        return door
