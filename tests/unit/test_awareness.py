from __future__ import annotations

import json

import pytest

from desktop.awareness import Presence, encode_update, parse_update
from desktop.ysync import DecodeError


def state(name: str) -> str:
    return json.dumps({"user": {"name": name}})


def test_newer_clock_wins_and_stale_updates_are_ignored() -> None:
    presence, alice = Presence(), object()
    assert presence.apply(encode_update([(1, 2, state("A2"))]), alice)
    assert presence.apply(encode_update([(1, 1, state("A1"))]), alice) == []
    assert presence.apply(encode_update([(1, 2, state("again"))]), alice) == []
    assert presence.snapshot() == [(1, 2, state("A2"))]


def test_removal_at_the_same_clock_is_accepted() -> None:
    presence, alice = Presence(), object()
    presence.apply(encode_update([(1, 3, state("A"))]), alice)
    assert presence.apply(encode_update([(1, 3, "null")]), alice) == [(1, 3, "null")]
    assert presence.snapshot() == []


def test_closing_a_connection_removes_only_its_clients() -> None:
    presence, alice, bob = Presence(), object(), object()
    presence.apply(encode_update([(1, 1, state("A")), (2, 5, state("A2"))]), alice)
    presence.apply(encode_update([(3, 1, state("B"))]), bob)
    removals = presence.remove_owner(alice)
    assert sorted(removals) == [(1, 2, "null"), (2, 6, "null")]
    assert presence.snapshot() == [(3, 1, state("B"))]


@pytest.mark.parametrize("bad_state", ["{not json", "[1, 2]", "42"])
def test_states_must_be_json_objects(bad_state: str) -> None:
    with pytest.raises(DecodeError):
        parse_update(encode_update([(1, 1, bad_state)]))


def test_a_bad_entry_changes_nothing() -> None:
    presence = Presence()
    update = encode_update([(1, 1, state("ok")), (2, 1, "{broken")])
    with pytest.raises(DecodeError):
        presence.apply(update, object())
    assert presence.snapshot() == []


def test_a_socket_owns_a_few_client_ids_and_cannot_take_another_sockets() -> None:
    from desktop.awareness import MAX_CLIENTS_PER_SOCKET

    presence, alice, mallory = Presence(), object(), object()
    presence.apply(encode_update([(1, 1, state("Alice"))]), alice, "alice-id")
    many = [(100 + n, 1, state("ghost")) for n in range(50)]
    assert len(presence.apply(encode_update(many), mallory)) == MAX_CLIENTS_PER_SOCKET
    assert presence.apply(encode_update([(1, 99, state("fake"))]), mallory) == []
    assert presence.apply(encode_update([(1, 99, "null")]), mallory) == []
    # The same participant on a new socket (a reconnect) may move its own id.
    reconnect = object()
    assert presence.apply(encode_update([(1, 2, state("Alice"))]), reconnect, "alice-id")
    assert presence.remove_owner(alice) == []
    assert presence.remove_owner(reconnect) == [(1, 3, "null")]


@pytest.mark.parametrize(
    "user",
    [
        {"name": "M", "color": "red;position:fixed"},
        {"name": "M", "colorLight": "url(x)"},
        {"name": "x" * 41},
        {"name": "M", "extra": ["nested"]},
        "not an object",
    ],
)
def test_unsafe_states_are_dropped(user: object) -> None:
    presence = Presence()
    update = encode_update([(1, 1, json.dumps({"user": user}))])
    assert presence.apply(update, object()) == []
    assert presence.snapshot() == []


def test_ids_a_socket_may_not_own_are_refused_before_their_states_are_read() -> None:
    from desktop.awareness import MAX_CLIENTS_PER_SOCKET

    presence, mallory = Presence(), object()
    mine = [(n, 1, state("ghost")) for n in range(MAX_CLIENTS_PER_SOCKET)]
    assert len(presence.apply(encode_update(mine), mallory)) == MAX_CLIENTS_PER_SOCKET
    # A flood of new ids past the cap: their states are never parsed (not even broken ones).
    flood = [(1_000 + n, 1, "{broken") for n in range(900)]
    assert presence.apply(encode_update(flood), mallory) == []
    # An id it owns, in the same update as the refused ones, is still taken.
    mixed = [*flood[:10], (0, 2, state("moved")), *flood[10:20]]
    assert presence.apply(encode_update(mixed), mallory) == [(0, 2, state("moved"))]
    assert len(presence.snapshot()) == MAX_CLIENTS_PER_SOCKET


def test_a_socket_announcing_id_after_id_past_its_cap_is_refused_but_a_full_room_is_not() -> None:
    from desktop.awareness import MAX_CLIENTS_PER_ROOM, MAX_REFUSED_IDS_PER_SOCKET

    presence, mallory = Presence(), object()
    flood = [(10_000 + n, 1, state("ghost")) for n in range(MAX_REFUSED_IDS_PER_SOCKET)]
    for start in range(0, len(flood), 500):  # 4 taken, the rest refused
        presence.apply(encode_update(flood[start : start + 500]), mallory)
    with pytest.raises(DecodeError):
        presence.apply(encode_update([(n, 1, state("ghost")) for n in range(10)]), mallory)
    # A page in a full room is refused its one id each time, and is never closed for it.
    for n in range(MAX_CLIENTS_PER_ROOM):
        presence.apply(encode_update([(n, 1, state("seat"))]), object())
    late = object()
    for clock in range(2 * MAX_REFUSED_IDS_PER_SOCKET):
        assert presence.apply(encode_update([(99_999, clock, state("late"))]), late) == []


def test_a_given_name_replaces_the_claimed_one_and_only_then_is_the_update_rewritten() -> None:
    presence, carl = Presence(), object()
    accepted = presence.apply(encode_update([(1, 1, state("Interviewer"))]), carl, "c", "Carl")
    assert [json.loads(text)["user"]["name"] for _, _, text in accepted] == ["Carl"]
    assert presence.rewrote
    assert presence.apply(encode_update([(1, 2, state("Carl"))]), carl, "c", "Carl")
    assert not presence.rewrote
