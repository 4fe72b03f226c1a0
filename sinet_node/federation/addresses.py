"""Which IP addresses the node may talk to.

``is_public_address`` decides whether an address is ordinary public unicast. It
does not rely on ``ipaddress``'s ``is_global``, which misses the ranges that carry
an IPv4 address inside an IPv6 one (``64:ff9b::/96``, ``2002::/16``,
``::a.b.c.d``): an address that embeds an IPv4 address is judged by the IPv4
address it embeds, because that is where the packets end up.

``AddressPolicy`` adds the operator's ``--allow-private`` list: those networks may
be reached although they are private, and only they may be reached over plain
http.

Errors: none; these are pure predicates.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from dataclasses import dataclass

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

_v4 = ipaddress.IPv4Network
_v6 = ipaddress.IPv6Network

# IANA special-purpose IPv4 ranges that are not globally reachable unicast.
_FORBIDDEN_V4: tuple[ipaddress.IPv4Network, ...] = (
    _v4("0.0.0.0/8"),  # "this network"
    _v4("10.0.0.0/8"),
    _v4("100.64.0.0/10"),  # carrier-grade NAT
    _v4("127.0.0.0/8"),
    _v4("169.254.0.0/16"),  # link-local
    _v4("172.16.0.0/12"),
    _v4("192.0.0.0/24"),  # IETF protocol assignments
    _v4("192.0.2.0/24"),  # TEST-NET-1
    _v4("192.88.99.0/24"),  # deprecated 6to4 relay anycast
    _v4("192.168.0.0/16"),
    _v4("198.18.0.0/15"),  # benchmarking
    _v4("198.51.100.0/24"),  # TEST-NET-2
    _v4("203.0.113.0/24"),  # TEST-NET-3
    _v4("224.0.0.0/4"),  # multicast
    _v4("240.0.0.0/4"),  # reserved, including broadcast
)

# Only 2000::/3 is allocated as global unicast; everything outside it (ULA
# fc00::/7, link-local fe80::/10, site-local fec0::/10, multicast ff00::/8,
# loopback, unspecified, discard 100::/64, local-use NAT64 64:ff9b:1::/48) is
# refused, except the IPv4-embedding ranges handled before this check.
_GLOBAL_UNICAST_V6 = _v6("2000::/3")
_FORBIDDEN_V6: tuple[ipaddress.IPv6Network, ...] = (
    _v6("2001::/23"),  # IETF protocol assignments (Teredo is handled first)
    _v6("2001:db8::/32"),  # documentation
    _v6("3fff::/20"),  # documentation (RFC 9637)
)

_MAPPED = _v6("::ffff:0:0/96")
_COMPATIBLE = _v6("::/96")  # deprecated ::a.b.c.d
_NAT64 = _v6("64:ff9b::/96")
_SIX_TO_FOUR = _v6("2002::/16")
_TEREDO = _v6("2001::/32")


def _v4_from_low_bits(ip: ipaddress.IPv6Address) -> ipaddress.IPv4Address:
    return ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)


def embedded_ipv4(ip: IPAddress) -> tuple[ipaddress.IPv4Address, ...]:
    """The IPv4 addresses an IPv6 address carries, or () if it carries none.

    Teredo carries two (server and client); both must be acceptable.
    """
    if isinstance(ip, ipaddress.IPv4Address):
        return ()
    if ip in _MAPPED:
        return (_v4_from_low_bits(ip),)
    if ip in _COMPATIBLE:
        # :: and ::1 are the unspecified and loopback addresses, not IPv4.
        return () if int(ip) <= 1 else (_v4_from_low_bits(ip),)
    if ip in _NAT64:
        return (_v4_from_low_bits(ip),)
    if ip in _SIX_TO_FOUR:
        return (ipaddress.IPv4Address((int(ip) >> 80) & 0xFFFFFFFF),)
    if ip in _TEREDO:
        teredo = ip.teredo
        assert teredo is not None  # always set inside 2001::/32
        return teredo
    return ()


def _is_public_v4(ip: ipaddress.IPv4Address) -> bool:
    return not any(ip in net for net in _FORBIDDEN_V4)


def is_public_address(ip: IPAddress) -> bool:
    """True only for globally reachable unicast addresses."""
    if isinstance(ip, ipaddress.IPv4Address):
        return _is_public_v4(ip)
    if int(ip) <= 1:
        return False  # :: and ::1
    inner = embedded_ipv4(ip)
    if inner:
        return all(_is_public_v4(v4) for v4 in inner)
    if ip not in _GLOBAL_UNICAST_V6:
        return False
    return not any(ip in net for net in _FORBIDDEN_V6)


@dataclass(frozen=True)
class AddressPolicy:
    """Public addresses plus the operator's explicitly allowed networks."""

    allow: tuple[IPNetwork, ...] = ()

    def is_allowlisted(self, ip: IPAddress) -> bool:
        # An IPv6 form of an allowed IPv4 address (::ffff:127.0.0.1) reaches
        # the same host, so it counts as allowed too.
        candidates: tuple[IPAddress, ...] = (ip, *embedded_ipv4(ip))
        return any(c in net for c in candidates for net in self.allow)

    def permits(self, ip: IPAddress) -> bool:
        """May the node open a connection to ``ip``?"""
        return self.is_allowlisted(ip) or is_public_address(ip)

    def allows_plain_http(self, ips: Iterable[IPAddress]) -> bool:
        """May a host with these addresses be spoken to over plain http?

        Plain http is for tests and labs: some address must be allow-listed (the
        transport connects only to those) and none may be a public address
        outside the list, since a host on the internet must use https. Other
        private addresses (``::1`` next to an allowed ``127.0.0.1`` for
        ``localhost``) are never dialled, so they do not spoil the answer.
        """
        addresses = list(ips)
        if not any(self.is_allowlisted(ip) for ip in addresses):
            return False
        return not any(is_public_address(ip) and not self.is_allowlisted(ip) for ip in addresses)
