"""Address classification (DESIGN §5): a table, no traffic to any of these addresses."""

from __future__ import annotations

import ipaddress

import pytest

from sinet_node.federation.addresses import AddressPolicy, embedded_ipv4, is_public_address

PUBLIC = [
    "8.8.8.8",
    "1.1.1.1",
    "93.184.216.34",
    "100.63.255.255",  # just below CGNAT
    "100.128.0.0",  # just above CGNAT
    "172.15.255.255",
    "172.32.0.0",
    "2606:4700:4700::1111",
    "2a00:1450:4001:80b::200e",
    "::ffff:8.8.8.8",  # IPv4-mapped public
    "64:ff9b::8.8.8.8",  # NAT64 of a public address
    "2002:0808:0808::1",  # 6to4 behind 8.8.8.8
    "2001:0:4136:e378:8000:63bf:f7f7:f7f7",  # Teredo: server 65.54.227.120, client 8.8.8.8
]

FORBIDDEN = [
    "0.0.0.0",
    "0.1.2.3",
    "10.0.0.1",
    "10.255.255.255",
    "100.64.0.1",  # CGNAT
    "100.127.255.254",
    "127.0.0.1",
    "127.255.255.254",
    "169.254.169.254",  # cloud metadata, link-local
    "172.16.0.1",
    "172.31.255.255",
    "192.0.0.8",  # IETF protocol assignments
    "192.0.2.1",  # TEST-NET-1
    "192.88.99.1",  # 6to4 relay anycast
    "192.168.1.1",
    "198.18.0.1",  # benchmarking
    "198.51.100.7",  # TEST-NET-2
    "203.0.113.9",  # TEST-NET-3
    "224.0.0.1",  # multicast
    "239.255.255.250",
    "240.0.0.1",  # reserved
    "255.255.255.255",
    "::",
    "::1",
    "::ffff:127.0.0.1",  # IPv4-mapped loopback
    "::ffff:10.0.0.1",
    "::ffff:169.254.169.254",
    "::127.0.0.1",  # IPv4-compatible (deprecated) loopback; stdlib is_global says True
    "::10.1.2.3",
    "64:ff9b::127.0.0.1",  # NAT64 of loopback; stdlib is_global says True
    "64:ff9b::a9fe:a9fe",  # NAT64 of 169.254.169.254
    "64:ff9b:1::a00:1",  # local-use NAT64
    "2002:7f00:0001::1",  # 6to4 of 127.0.0.1; stdlib is_global says True
    "2002:c0a8:0101::1",  # 6to4 of 192.168.1.1
    "2001:0:4136:e378:8000:63bf:3fff:fdd2",  # Teredo with client 192.0.2.45
    "2001:0:c000:0201:8000:63bf:f7f7:f7f7",  # Teredo with server 192.0.2.1
    "2001:2::1",  # benchmarking
    "2001:db8::1",  # documentation
    "3fff::1",  # documentation (RFC 9637)
    "100::1",  # discard-only
    "fc00::1",  # unique-local
    "fd12:3456:789a::1",
    "fe80::1",  # link-local
    "fe80::1%eth0",
    "fec0::1",  # site-local
    "ff02::1",  # multicast
    "ff0e::1",
    "4000::1",  # unallocated
]


@pytest.mark.parametrize("address", PUBLIC)
def test_public_addresses_are_public(address: str) -> None:
    assert is_public_address(ipaddress.ip_address(address))


@pytest.mark.parametrize("address", FORBIDDEN)
def test_special_addresses_are_not_public(address: str) -> None:
    assert not is_public_address(ipaddress.ip_address(address))


@pytest.mark.parametrize(
    ("address", "inner"),
    [
        ("::ffff:127.0.0.1", ["127.0.0.1"]),
        ("::7f00:1", ["127.0.0.1"]),
        ("64:ff9b::7f00:1", ["127.0.0.1"]),
        ("2002:c0a8:0101::1", ["192.168.1.1"]),
        ("2001:0:4136:e378:8000:63bf:3fff:fdd2", ["65.54.227.120", "192.0.2.45"]),
        ("::1", []),
        ("2606:4700:4700::1111", []),
        ("127.0.0.1", []),
    ],
)
def test_embedded_ipv4_is_extracted(address: str, inner: list[str]) -> None:
    assert [str(ip) for ip in embedded_ipv4(ipaddress.ip_address(address))] == inner


LOOPBACK_ONLY = AddressPolicy(allow=(ipaddress.ip_network("127.0.0.1/32"),))


@pytest.mark.parametrize(
    ("address", "permitted"),
    [
        ("127.0.0.1", True),
        ("::ffff:127.0.0.1", True),  # the same host, written as IPv6
        ("127.0.0.2", False),
        ("::1", False),
        ("10.0.0.1", False),
        ("8.8.8.8", True),  # public addresses are always permitted
    ],
)
def test_policy_permits_allowlisted_and_public(address: str, permitted: bool) -> None:
    assert LOOPBACK_ONLY.permits(ipaddress.ip_address(address)) is permitted


def test_empty_policy_permits_only_public() -> None:
    policy = AddressPolicy()
    assert policy.permits(ipaddress.ip_address("8.8.8.8"))
    assert not policy.permits(ipaddress.ip_address("127.0.0.1"))
    assert not policy.permits(ipaddress.ip_address("64:ff9b::7f00:1"))


@pytest.mark.parametrize(
    ("addresses", "allowed"),
    [
        (["127.0.0.1"], True),
        (["127.0.0.1", "::1"], True),  # localhost: ::1 is never dialled
        (["127.0.0.1", "8.8.8.8"], False),  # a host on the internet must use https
        (["8.8.8.8"], False),
        (["::1"], False),
        ([], False),
    ],
)
def test_plain_http_only_for_allowlisted_hosts(addresses: list[str], allowed: bool) -> None:
    ips = [ipaddress.ip_address(a) for a in addresses]
    assert LOOPBACK_ONLY.allows_plain_http(ips) is allowed


def test_plain_http_never_without_allow_list() -> None:
    assert not AddressPolicy().allows_plain_http([ipaddress.ip_address("127.0.0.1")])
