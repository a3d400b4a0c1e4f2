"""Presence: the awareness states of a room, owned per connection.

The relay keeps every client's latest state so a newcomer sees everyone at
once, and knows which client ids each connection announced so it can remove
them the moment that connection closes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from desktop.ysync import DecodeError, Reader, var_string, var_uint

MAX_STATE_BYTES = 16 * 1024


@dataclass(slots=True)
class ClientState:
    clock: int
    state_json: str
    owner: object

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
    """The awareness states of one room, with y-protocols' rule for which is newer."""

    def __init__(self) -> None:
        self.states: dict[int, ClientState] = {}

    def apply(self, update: bytes, owner: object) -> list[tuple[int, int, str]]:
        """Applies an update from `owner`; returns the entries that changed anything."""
        accepted = []
        for client_id, clock, state_json in parse_update(update):
            current = self.states.get(client_id)
            if current is None and state_json == "null":
                continue  # nothing to remove: typically a client echoing our own removal
            # A newer clock may move an id to another connection: that is a
            # reconnect whose old socket has not been noticed as dead yet.
            is_newer = current is None or current.clock < clock
            is_removal_now = (
                current is not None
                and current.clock == clock
                and state_json == "null"
                and current.is_present
            )
            if not (is_newer or is_removal_now):
                continue
            self.states[client_id] = ClientState(clock, state_json, owner)
            accepted.append((client_id, clock, state_json))
        return accepted

    def remove_owner(self, owner: object) -> list[tuple[int, int, str]]:
        """Marks every state of a closed connection as gone; returns the removals to send."""
        removals = []
        for client_id, entry in self.states.items():
            if entry.owner is owner and entry.is_present:
                entry.clock += 1
                entry.state_json = "null"
                removals.append((client_id, entry.clock, "null"))
        for client_id, _, _ in removals:
            del self.states[client_id]
        return removals

    def snapshot(self) -> list[tuple[int, int, str]]:
        """Every present state, for a newcomer."""
        return [
            (client_id, entry.clock, entry.state_json)
            for client_id, entry in self.states.items()
            if entry.is_present
        ]


def _check_json_object(state_json: str) -> None:
    try:
        value = json.loads(state_json)
    except ValueError as error:
        raise DecodeError("awareness state is not JSON") from error
    if not isinstance(value, dict):
        raise DecodeError("awareness state is not a JSON object")
