"""The join address choice on invented machines, plus one look at this machine."""

from __future__ import annotations

import ipaddress

import pytest

from desktop import lan
from desktop.lan import Interface, best_address, rank_candidates


def addresses(interfaces: list[Interface]) -> list[str]:
    return [candidate.address for candidate in rank_candidates(interfaces)]


def test_loopback_and_link_local_are_skipped() -> None:
    machine = [
        Interface("lo", ("127.0.0.1", "::1")),
        Interface("eth0", ("169.254.10.20", "fe80::1", "192.168.1.23")),
    ]
    assert addresses(machine) == ["192.168.1.23"]


def test_ipv6_is_not_offered_because_the_relay_listens_on_ipv4() -> None:
    machine = [Interface("eth0", ("fd00::2", "2001:db8::5", "10.0.0.7"))]
    assert addresses(machine) == ["10.0.0.7"]


def test_machine_with_only_loopback_falls_back_to_loopback() -> None:
    machine = [Interface("lo", ("127.0.0.1",)), Interface("eth0", ("169.254.1.1",))]
    assert addresses(machine) == []
    assert best_address(machine) == "127.0.0.1"


def test_physical_lan_beats_docker_bridge_listed_first() -> None:
    machine = [
        Interface("docker0", ("172.17.0.1",)),
        Interface("br-4f2a", ("172.18.0.1",)),
        Interface("wlan0", ("192.168.0.42",)),
    ]
    assert addresses(machine) == ["192.168.0.42", "172.17.0.1", "172.18.0.1"]
    assert best_address(machine) == "192.168.0.42"


def test_private_range_beats_vpn_overlay_and_public_address() -> None:
    machine = [
        Interface("tailscale0", ("100.101.102.103",)),
        Interface("eth1", ("100.70.0.9",)),
        Interface("eth0", ("1.2.3.4", "8.8.4.4")),
        Interface("enp3s0", ("10.1.2.3",)),
    ]
    ranked = addresses(machine)
    assert ranked[0] == "10.1.2.3"
    assert ranked.index("8.8.4.4") < ranked.index("100.70.0.9")
    assert ranked[-1] == "100.101.102.103"


def test_several_lan_interfaces_keep_the_system_order_for_the_chooser() -> None:
    machine = [
        Interface("eth0", ("192.168.1.10",)),
        Interface("wlan0", ("192.168.50.7",)),
    ]
    ranked = rank_candidates(machine)
    assert [c.label for c in ranked] == ["192.168.1.10 (eth0)", "192.168.50.7 (wlan0)"]


def test_duplicate_and_malformed_addresses_are_ignored() -> None:
    machine = [
        Interface("eth0", ("192.168.1.10", "not-an-ip", "")),
        Interface("eth0:1", ("192.168.1.10",)),
    ]
    assert addresses(machine) == ["192.168.1.10"]


def test_preferred_address_wins_only_while_it_exists() -> None:
    machine = [Interface("eth0", ("192.168.1.10",)), Interface("wlan0", ("10.0.0.4",))]
    assert best_address(machine, preferred="10.0.0.4") == "10.0.0.4"
    assert best_address(machine, preferred="10.9.9.9") == "192.168.1.10"


def test_choice_from_the_chooser_is_used_and_can_be_undone() -> None:
    automatic = lan.join_address()
    real = [c.address for c in lan.lan_candidates()]
    try:
        lan.choose("203.0.113.77")  # not on this machine: ignored
        assert lan.join_address() == automatic
        if real:
            lan.choose(real[-1])
            assert lan.join_address() == real[-1]
    finally:
        lan.choose(None)
    assert lan.join_address() == automatic


def test_this_machine_gives_a_reachable_ipv4_address_or_loopback() -> None:
    address = ipaddress.ip_address(lan.join_address())
    assert isinstance(address, ipaddress.IPv4Address)
    assert not address.is_link_local
    if not address.is_loopback:
        assert address.exploded in [c.address for c in lan.lan_candidates()]


@pytest.mark.parametrize("name", ["docker0", "veth12ab", "virbr0", "vEthernet (WSL)", "utun3"])
def test_virtual_interfaces_are_recognised(name: str) -> None:
    [candidate] = rank_candidates([Interface(name, ("192.168.7.1",))])
    assert candidate.virtual
