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
# New ids a socket may announce past its own cap before it is closed: a page
# never does (it has one id), a flood of made-up ids does at once.
MAX_REFUSED_IDS_PER_SOCKET = 4000
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


def raw_entries(update: bytes) -> list[tuple[int, int, bytes]]:
    """(client id, clock, undecoded state) entries: the structure only, cheap to refuse."""
    data = update
    end = len(data)
    pos = 0
    values = []
    try:
        count, pos = _var_uint_at(data, pos)
        if count > 1000:
            raise DecodeError("awareness update names too many clients")
        for _ in range(count):
            client_id, pos = _var_uint_at(data, pos)
            clock, pos = _var_uint_at(data, pos)
            length, pos = _var_uint_at(data, pos)
            if pos + length > end:
                raise DecodeError("truncated byte array")
            values.append((client_id, clock, data[pos : pos + length]))
            pos += length
    except IndexError as error:
        raise DecodeError("truncated variable-length integer") from error
    return values


def _var_uint_at(data: bytes, pos: int) -> tuple[int, int]:
    byte = data[pos]
    if byte < 0x80:
        return byte, pos + 1
    result = byte & 0x7F
    shift = 7
    while True:
        pos += 1
        byte = data[pos]
        result |= (byte & 0x7F) << shift
        if byte < 0x80:
            return result, pos + 1
        shift += 7
        if shift > 63:
            raise DecodeError("variable-length integer is too long")


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
        # Whether the last `apply` changed a state's text (a name put right): then the
        # update cannot be forwarded as it came.
        self.rewrote = False
        self.owned: dict[object, set[int]] = {}
        self.refused: dict[object, int] = {}  # new ids past the socket's cap, per socket

    def apply(
        self,
        update: bytes,
        owner: object,
        participant_id: str | None = None,
        name: str | None = None,
    ) -> list[tuple[int, int, str]]:
        """Applies an update from `owner`; returns the entries that changed anything.

        Ownership, room caps and clocks are checked on the raw entry first, so a
        flood of client ids the socket may not own costs no JSON parsing; a bad
        state among the accepted ones refuses the whole update (nothing changes).
        With `name`, every `user.name` becomes it: the relay's record of who sits
        behind the socket, not what the client claims.
        """
        self.rewrote = False
        changes: dict[int, ClientState] = {}
        owned_now = set(self.owned.get(owner, ()))
        room_size = len(self.states)
        accepted = []
        refused = 0
        for client_id, clock, raw_state in raw_entries(update):
            current = changes.get(client_id) or self.states.get(client_id)
            is_null = raw_state == b"null"
            if current is None:
                if is_null:
                    continue  # nothing to remove: typically a client echoing our own removal
                if len(owned_now) >= MAX_CLIENTS_PER_SOCKET:
                    refused += 1
                    continue
                if room_size >= MAX_CLIENTS_PER_ROOM:
                    continue
            elif current.owner is not owner and (
                participant_id is None or current.participant_id != participant_id
            ):
                continue  # another connection's client id, and not a reconnect of its own
            else:
                is_newer = current.clock < clock
                is_removal_now = current.clock == clock and is_null and current.is_present
                if not (is_newer or is_removal_now):
                    continue
            if is_null:
                state_json = "null"
            else:
                checked = _checked_state(raw_state, name)
                if checked is None:
                    continue  # a `user` a page could not draw safely
                state_json, renamed = checked
                self.rewrote = self.rewrote or renamed
            if current is None:
                room_size += 1
            owned_now.add(client_id)
            changes[client_id] = ClientState(clock, state_json, owner, participant_id)
            accepted.append((client_id, clock, state_json))
        if refused:
            refused += self.refused.get(owner, 0)
            self.refused[owner] = refused
            if refused > MAX_REFUSED_IDS_PER_SOCKET:
                raise DecodeError("this socket announced too many client ids of its own")
        for client_id, entry in changes.items():
            previous = self.states.get(client_id)
            if previous is not None and previous.owner is not owner:
                self.owned.get(previous.owner, set()).discard(client_id)
            self.states[client_id] = entry
        if changes:
            self.owned.setdefault(owner, set()).update(changes)
        return accepted

    def remove_owner(self, owner: object) -> list[tuple[int, int, str]]:
        """Forgets every state of a closed connection; returns the removals to send."""
        removals = []
        self.refused.pop(owner, None)
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


def is_safe_state(state: dict[str, object]) -> bool:
    """Whether the `user` a page draws has a short name and hex colours only (#rgb to #rrggbbaa)."""
    user = state.get("user")
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


def _checked_state(raw_state: bytes, name: str | None = None) -> tuple[str, bool] | None:
    """(the state as text, whether it was rewritten) if a page may draw it, None if unsafe;
    DecodeError if it is no JSON object. With `name`, a `user` object's name is set to it."""
    try:
        state_json = raw_state.decode("utf-8")
    except UnicodeDecodeError as error:
        raise DecodeError("string is not valid UTF-8") from error
    if len(state_json) > MAX_STATE_BYTES:
        raise DecodeError("awareness state is too large")
    try:
        value = json.loads(state_json)
    except ValueError as error:
        raise DecodeError("awareness state is not JSON") from error
    if not isinstance(value, dict):
        raise DecodeError("awareness state is not a JSON object")
    if not is_safe_state(value):
        return None
    user = value.get("user")
    if name is not None and isinstance(user, dict) and user.get("name") != name:
        user["name"] = name
        return json.dumps(value, ensure_ascii=False, separators=(",", ":")), True
    return state_json, False


def _check_json_object(state_json: str) -> None:
    try:
        value = json.loads(state_json)
    except ValueError as error:
        raise DecodeError("awareness state is not JSON") from error
    if not isinstance(value, dict):
        raise DecodeError("awareness state is not a JSON object")
