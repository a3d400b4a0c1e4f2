"""What a room remembers about who may come in, kept while the relay runs even when the
room itself is unloaded: who each browser is, who was removed, and the lobby."""

from __future__ import annotations

from dataclasses import dataclass, field

from desktop.ban_list import BanList
from desktop.identities import Identities
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
