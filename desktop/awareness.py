"""Presence: the awareness states of a room, owned per connection.

The relay keeps every client's latest state so a newcomer sees everyone at
once, and knows which client ids each connection announced so it can remove
them the moment that connection closes. It forwards only states a page can
draw safely, for client ids the sending connection owns.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from desktop.ysync import DecodeError, Reader, var_string, var_uint

MAX_STATE_BYTES = 16 * 1024
MAX_CLIENTS_PER_SOCKET = 4  # a page uses one; a few spare for tools that share a socket
MAX_CLIENTS_PER_ROOM = 128
MAX_NAME_CHARS = 40
COLOUR = re.compile(r"#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})")


@dataclass(slots=True)
class ClientState:
    clock: int
    state_json: str
    owner: object
    participant_id: str | None = None

    @property
    def is_present(self) -> bool:
        return self.state_json != "null"


def parse_update(update: bytes) -> list[tuple[int, int, str]]:
    """(client id, clock, state JSON) entries of an awareness update."""
    reader = Reader(update)
    count = reader.var_uint()
    if count > 1000:
        raise DecodeError("awareness update names too many clients")
    entries = []
    for _ in range(count):
        client_id = reader.var_uint()
        clock = reader.var_uint()
        state_json = reader.var_string()
        if len(state_json) > MAX_STATE_BYTES:
            raise DecodeError("awareness state is too large")
        if state_json != "null":
            _check_json_object(state_json)
        entries.append((client_id, clock, state_json))
    return entries


def encode_update(entries: list[tuple[int, int, str]]) -> bytes:
    parts = [var_uint(len(entries))]
    for client_id, clock, state_json in entries:
        parts += [var_uint(client_id), var_uint(clock), var_string(state_json)]
    return b"".join(parts)


class Presence:
    """The awareness states of one room, with y-protocols' rule for which is newer.

    A connection owns the client ids it announced first, a few at most; nobody
    else may change them (a higher clock from another socket is a takeover,
    unless both sockets belong to the same participant: a reconnect). States
    whose `user` fields are not what a page draws safely are dropped.
    """

    def __init__(self) -> None:
        self.states: dict[int, ClientState] = {}
        self.owned: dict[object, set[int]] = {}

    def apply(
        self, update: bytes, owner: object, participant_id: str | None = None
    ) -> list[tuple[int, int, str]]:
        """Applies an update from `owner`; returns the entries that changed anything."""
        accepted = []
        for client_id, clock, state_json in parse_update(update):
            current = self.states.get(client_id)
            if current is None and state_json == "null":
                continue  # nothing to remove: typically a client echoing our own removal
            if state_json != "null" and not is_safe_state(state_json):
                continue
            if current is None and not self._has_room_for(owner):
                continue
            if (
                current is not None
                and current.owner is not owner
                and (participant_id is None or current.participant_id != participant_id)
            ):
                continue  # another connection's client id, and not a reconnect of its own
            is_newer = current is None or current.clock < clock
            is_removal_now = (
                current is not None
                and current.clock == clock
                and state_json == "null"
                and current.is_present
            )
            if not (is_newer or is_removal_now):
                continue
            if current is not None and current.owner is not owner:
                self.owned.get(current.owner, set()).discard(client_id)
            self.states[client_id] = ClientState(clock, state_json, owner, participant_id)
            self.owned.setdefault(owner, set()).add(client_id)
            accepted.append((client_id, clock, state_json))
        return accepted

    def _has_room_for(self, owner: object) -> bool:
        return (
            len(self.owned.get(owner, ())) < MAX_CLIENTS_PER_SOCKET
            and len(self.states) < MAX_CLIENTS_PER_ROOM
        )

    def remove_owner(self, owner: object) -> list[tuple[int, int, str]]:
        """Forgets every state of a closed connection; returns the removals to send."""
        removals = []
        for client_id in self.owned.pop(owner, set()):
            entry = self.states.pop(client_id)
            if entry.is_present:
                removals.append((client_id, entry.clock + 1, "null"))
        return removals

    def snapshot(self) -> list[tuple[int, int, str]]:
        """Every present state, for a newcomer."""
        return [
            (client_id, entry.clock, entry.state_json)
            for client_id, entry in self.states.items()
            if entry.is_present
        ]


def is_safe_state(state_json: str) -> bool:
    """Whether the `user` a page draws has a short name and hex colours only (#rgb to #rrggbbaa)."""
    user = json.loads(state_json).get("user")
    if user is None:
        return True
    if not isinstance(user, dict):
        return False
    for key, value in user.items():
        if key in ("color", "colorLight"):
            if not isinstance(value, str) or not COLOUR.fullmatch(value):
                return False
        elif key == "name":
            if not isinstance(value, str) or len(value) > MAX_NAME_CHARS:
                return False
        elif isinstance(value, str):
            if len(value) > MAX_NAME_CHARS * 2:
                return False
        elif isinstance(value, (dict, list)):
            return False
    return True


def _check_json_object(state_json: str) -> None:
    try:
        value = json.loads(state_json)
    except ValueError as error:
        raise DecodeError("awareness state is not JSON") from error
    if not isinstance(value, dict):
        raise DecodeError("awareness state is not a JSON object")
