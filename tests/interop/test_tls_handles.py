"""acct: handles over TLS, as real peers resolve them (https only).

The node runs behind a TLS terminator with an https BASE_URL and sees plain HTTP on
loopback; so does the Fedify peer. Both trust a throwaway CA made with openssl.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from tests.interop.flows import fedify_follows, we_follow
from tests.interop.services import FedifyPeer, Service, fedify_lookup, started
from tests.interop.tls import make_ca, tls_terminator
from tests.multinode.harness import NodeFleet, free_port


def test_handles_resolve_over_tls_in_both_directions(
    fleet: NodeFleet,
    tmp_path: Path,
    logs: Path,
    services: list[Service],
    observed: Callable[[str], None],
) -> None:
    ca = make_ca(tmp_path / "ca")
    node_tls = free_port()
    node = fleet.node(
        "a",
        username="ohrid",
        display_name="Municipality of Ohrid",
        public_url=f"https://127.0.0.1:{node_tls}",
        settings={"ca_file": str(ca.ca_file)},
    )
    started(
        tls_terminator(
            ca, listen_port=node_tls, upstream_port=node.port, logs=logs, name="tls-node"
        ),
        services,
    )
    fedify_tls, fedify_port = free_port(), free_port()
    fedify = started(
        FedifyPeer(
            tmp_path / "fedify",
            logs,
            port=fedify_port,
            origin=f"https://127.0.0.1:{fedify_tls}",
            ca_file=ca.ca_file,
        ),
        services,
    )
    started(
        tls_terminator(
            ca, listen_port=fedify_tls, upstream_port=fedify_port, logs=logs, name="tls-fedify"
        ),
        services,
    )
    handle = f"ohrid@127.0.0.1:{node_tls}"

    # Fedify resolves our handle through WebFinger over https and reads an Organization.
    found = fedify_lookup(tmp_path / "fedify", handle, ca_file=ca.ca_file)
    observed(f"Fedify lookup {handle}: {found['class']} {found['id']}")
    assert found["class"] == "Organization" and found["id"] == node.actor

    # ... and follows it by handle; our Accept reaches it over TLS.
    fedify_follows(node, fedify, target=handle)
    # Its RFC 9421 knock signed https://127.0.0.1:TLS/...; the node saw plain HTTP on another
    # port and still verified it, because @target-uri comes from BASE_URL.
    knocks = [
        r for r in fedify.requests() if r["url"].startswith(node.base_url) and r["method"] == "POST"
    ]
    assert knocks and all(r["scheme"] == "rfc9421" and 200 <= r["status"] < 300 for r in knocks), (
        knocks
    )

    # Our node resolves and follows the Fedify peer by handle, over https.
    we_follow(node, fedify.actor, target=f"carol@{fedify.host}")
