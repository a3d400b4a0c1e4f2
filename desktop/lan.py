"""Which address candidates on the local network can reach this machine at.

The ranking is a pure function over a list of interfaces so it can be tested
on invented machines; only `system_interfaces()` asks the operating system.
"""

from __future__ import annotations

import ipaddress
import threading
from collections.abc import Iterable
from dataclasses import dataclass

import ifaddr

LOOPBACK = "127.0.0.1"

# Interfaces that usually lead to containers, VMs or VPNs rather than to the room's LAN.
_VIRTUAL_PREFIXES = (
    "docker",
    "br-",
    "veth",
    "virbr",
    "vmnet",
    "vboxnet",
    "tun",
    "tap",
    "wg",
    "tailscale",
    "zt",
    "utun",
    "lxc",
    "lxd",
    "podman",
    "cni",
    "flannel",
    "vethernet",
)
_CARRIER_GRADE_NAT = ipaddress.ip_network("100.64.0.0/10")


@dataclass(frozen=True)
class Interface:
    """A network interface as the OS reports it: a name and its IPv4 addresses."""

    name: str
    addresses: tuple[str, ...]


@dataclass(frozen=True)
class Candidate:
    """One address candidates could join on, with where it came from."""

    address: str
    interface: str
    virtual: bool

    @property
    def label(self) -> str:
        """What a chooser shows: the address and its interface."""
        return f"{self.address} ({self.interface})"


def _is_virtual(name: str) -> bool:
    lowered = name.lower()
    return lowered.startswith(_VIRTUAL_PREFIXES)


def _usable(address: str) -> ipaddress.IPv4Address | None:
    """The address if another machine could reach it; None for loopback, link-local and such."""
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return None
    # The relay binds 0.0.0.0, so only IPv4 addresses are reachable.
    if not isinstance(ip, ipaddress.IPv4Address):
        return None
    if ip.is_loopback or ip.is_link_local or ip.is_unspecified or ip.is_multicast:
        return None
    if ip.is_reserved:
        return None
    return ip


def _rank(candidate: Candidate, ip: ipaddress.IPv4Address) -> tuple[int, int]:
    """Lower is better: physical before virtual, private LAN ranges before the rest."""
    if ip in _CARRIER_GRADE_NAT:
        kind = 2  # VPN overlays such as Tailscale live here
    elif ip.is_private:
        kind = 0
    else:
        kind = 1
    return (1 if candidate.virtual else 0, kind)


def rank_candidates(interfaces: Iterable[Interface]) -> list[Candidate]:
    """Every reachable address, best first; the OS order breaks ties."""
    found: list[tuple[tuple[int, int], int, Candidate]] = []
    seen: set[str] = set()
    for interface in interfaces:
        for address in interface.addresses:
            ip = _usable(address)
            if ip is None or address in seen:
                continue
            seen.add(address)
            candidate = Candidate(address, interface.name, _is_virtual(interface.name))
            found.append((_rank(candidate, ip), len(found), candidate))
    found.sort(key=lambda item: (item[0], item[1]))
    return [candidate for _, _, candidate in found]


def best_address(interfaces: Iterable[Interface], preferred: str | None = None) -> str:
    """The preferred address if it is still present, else the best one, else loopback."""
    candidates = rank_candidates(interfaces)
    if preferred is not None and any(c.address == preferred for c in candidates):
        return preferred
    return candidates[0].address if candidates else LOOPBACK


def system_interfaces() -> list[Interface]:
    """This machine's interfaces with their IPv4 addresses."""
    interfaces: list[Interface] = []
    for adapter in ifaddr.get_adapters():
        addresses = tuple(str(ip.ip) for ip in adapter.ips if isinstance(ip.ip, str))
        interfaces.append(Interface(str(adapter.nice_name or adapter.name), addresses))
    return interfaces


_choice_lock = threading.Lock()
_chosen: str | None = None


def choose(address: str | None) -> None:
    """Remember the interviewer's pick from the chooser (None returns to automatic)."""
    global _chosen
    with _choice_lock:
        _chosen = address


def chosen() -> str | None:
    """The interviewer's pick, if any."""
    with _choice_lock:
        return _chosen


def lan_candidates() -> list[Candidate]:
    """This machine's reachable addresses, best first, for the chooser."""
    return rank_candidates(system_interfaces())


def join_address() -> str:
    """The address to put in join links: the chosen one, else the best, else 127.0.0.1."""
    try:
        interfaces = system_interfaces()
    except OSError:
        return chosen() or LOOPBACK
    return best_address(interfaces, chosen())
