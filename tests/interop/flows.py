"""Follow handshakes with the independent peers, as several interop tests need them: each
waits until the side that follows sees the follow accepted."""

from __future__ import annotations

from typing import Any

from tests.interop.services import BovinePeer, FedifyPeer, eventually
from tests.multinode.harness import NodeProcess


def id_of(value: Any) -> Any:
    """bovine's inbox embeds actors and objects it knows; others stay ids."""
    return value.get("id") if isinstance(value, dict) else value


def fedify_follows(node: NodeProcess, fedify: FedifyPeer, *, target: str | None = None) -> None:
    """carol follows our organisation (by ``target``: its URL or a handle) and gets our Accept."""
    fedify.control("POST", "follow", target=target or node.actor)
    eventually(
        lambda: [f for f in fedify.following() if f["id"] == node.actor and f["accepted"]],
        what="our Accept at Fedify",
    )


def bovine_follows(node: NodeProcess, bovine: BovinePeer) -> dict[str, Any]:
    """alice follows our organisation; returns our Accept as bovine's inbox holds it."""
    assert bovine.client("follow", node.actor)["status"] < 300
    accepts = eventually(
        lambda: [
            i
            for i in bovine.inbox()
            if i.get("type") == "Accept" and id_of(i.get("actor")) == node.actor
        ],
        what="our Accept in bovine's inbox",
    )
    return accepts[0]


def we_follow(node: NodeProcess, actor: str, *, target: str | None = None) -> None:
    """Our organisation follows ``actor`` (by ``target``, a URL or a handle) until accepted."""
    node.follow(target or actor)
    eventually(
        lambda: [
            f for f in node.status()["following"] if f == {"actor": actor, "state": "accepted"}
        ],
        what=f"the Accept of our Follow of {actor}",
    )
