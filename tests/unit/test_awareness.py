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
