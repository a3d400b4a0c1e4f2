from __future__ import annotations

from desktop.ban_list import BanList
from desktop.identities import IDENTITIES_PER_ADDRESS, Identities

LAN = "192.168.1.50"


def always(participant_id: str) -> bool:
    return True


def test_the_same_browser_key_is_the_same_participant() -> None:
    identities = Identities()
    first, joined = identities.participant_for("k" * 20, LAN, 1.0, always)
    again, joined_again = identities.participant_for("k" * 20, "192.168.1.99", 2.0, always)
    assert again == first
    assert joined_again == joined == 1.0
    other, _ = identities.participant_for("j" * 20, LAN, 3.0, always)
    assert other != first


def test_an_address_past_its_share_takes_over_the_longest_gone_record() -> None:
    identities = Identities()
    ids = [
        identities.participant_for(None, LAN, n, always)[0] for n in range(IDENTITIES_PER_ADDRESS)
    ]
    next_id, _ = identities.participant_for("fresh-browser-key", LAN, 99.0, always)
    assert next_id == ids[0]
    # Nobody gone (all still in the room): a new record rather than someone's seat.
    crowded = Identities()
    for n in range(IDENTITIES_PER_ADDRESS):
        crowded.participant_for(None, LAN, n, always)
    newcomer, _ = crowded.participant_for(None, LAN, 99.0, lambda participant_id: False)
    assert len(crowded.seen) == IDENTITIES_PER_ADDRESS + 1
    assert newcomer in crowded.seen


def test_an_address_with_a_share_of_one_keeps_one_record_whatever_the_keys() -> None:
    identities = Identities(per_address=1)
    old, _ = identities.participant_for("old-browser-key-1", LAN, 1.0, always)
    new, _ = identities.participant_for("new-browser-key-2", LAN, 2.0, always)
    assert new == old
    back, _ = identities.participant_for("old-browser-key-1", LAN, 3.0, always)
    assert back == old  # reused again, as the address's one record: no second entry
    assert len(identities.seen) == 1


def test_a_ban_holds_the_address_except_loopback() -> None:
    bans = BanList()
    bans.ban("carl", LAN)
    bans.ban("dana", "127.0.0.1")
    assert bans.refuses("carl", None)
    assert bans.refuses(None, LAN)  # a client that does not say who it is, from Carl's machine
    assert bans.refuses("someone-new", LAN)
    assert bans.refuses("dana", "127.0.0.1")
    assert not bans.refuses("someone-new", "127.0.0.1")  # the interviewer's own machine
    assert not bans.refuses(None, "::1")
