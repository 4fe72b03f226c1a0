"""The network grows without a centre (issue 7): five real nodes on loopback.

A and B form the network; C joins through A; A is stopped; D joins through B while A is
down; E joins through D (by an organisation's handle). A is started again and, without
anyone doing anything, every node ends up listing the other four as active members,
following their organisations, and holding every practice, event and call any of them
published, before or after joining, each credited to its author. Then E leaves, and all
four see it and stop delivering to it.
"""

from __future__ import annotations

import time
from typing import Any

import pytest

from tests.fakes import data_integrity
from tests.multinode.conftest import Figures
from tests.multinode.harness import NodeFleet, NodeProcess, wait_until
from tests.multinode.samples import sample
from tests.multinode.test_federation import by_id

pytestmark = pytest.mark.multinode

CONVERGENCE_TIMEOUT = 120.0
# Members are read again every 2 s here (5 minutes by default); retries start after 1 s.
FAST = {"first_retry_seconds": 1, "membership_check_seconds": 2}


def org_following(node: NodeProcess) -> dict[str, str]:
    return {entry["actor"]: entry["state"] for entry in node.status()["following"]}


def lists_all_others(node: NodeProcess, everyone: list[NodeProcess]) -> bool:
    members = node.network()
    others = [peer for peer in everyone if peer is not node]
    return all(
        members.get(peer.base_url, {}).get("state") == "active"
        and members[peer.base_url]["actor"] == peer.actor
        for peer in others
    ) and len(members) == len(others)


def follows_all_others(node: NodeProcess, everyone: list[NodeProcess]) -> bool:
    following = org_following(node)
    return all(following.get(peer.actor) == "accepted" for peer in everyone if peer is not node)


def holds(node: NodeProcess, published: dict[str, NodeProcess]) -> bool:
    """Every object the others published, attributed to its author."""
    remote = by_id(node.objects(remote=True))
    return all(
        object_id in remote and remote[object_id]["attributedTo"] == author.actor
        for object_id, author in published.items()
        if author is not node
    )


def publish(
    node: NodeProcess,
    kind: str,
    published: dict[str, NodeProcess],
    label: str,
    **changes: Any,
) -> str:
    object_id = node.publish(kind, sample(kind, f" ({label})") | changes)
    published[object_id] = node
    return object_id


def test_five_nodes_form_one_network_through_any_member_while_one_is_down(
    fleet: NodeFleet, figures: Figures
) -> None:
    a = fleet.node("a", display_name="Municipality of Ohrid", settings=FAST)
    # B gives up a delivery at its first failure, as any node does after a day of retries:
    # what A misses while it is down must come from reading B's outbox when A is back.
    b = fleet.node(
        "b", display_name="Youth Centre Split", settings=FAST | {"max_delivery_attempts": 1}
    )
    c = fleet.node("c", display_name="Ayuntamiento de Alcorcón", settings=FAST)
    d = fleet.node("d", display_name="Comune di Bologna", settings=FAST)
    e = fleet.node("e", display_name="Gemeente Groningen", settings=FAST)
    everyone = [a, b, c, d, e]
    published: dict[str, NodeProcess] = {}
    # Published before anyone joins: only a backfill can bring these.
    publish(a, "practice", published, "A before the network")
    publish(b, "event", published, "B before joining")
    publish(c, "call", published, "C before joining")
    publish(d, "practice", published, "D before joining")

    summary = b.join(a.base_url)
    assert summary["members"] == [a.base_url]
    assert summary["imported"] == 1 and summary["failures"] == []
    summary = c.join(a.base_url)
    assert sorted(summary["members"]) == sorted([a.base_url, b.base_url])
    assert summary["imported"] == 2

    a.stop()
    publish(b, "call", published, "B while A is down")
    summary = d.join(b.base_url)  # A is down: it is named, but cannot be checked yet
    assert sorted(summary["members"]) == sorted([b.base_url, c.base_url])
    assert [failure["what"] for failure in summary["failures"]] == [a.base_url]
    assert "cannot be checked yet" in summary["failures"][0]["why"]
    summary = e.join(f"d@{d.base_url.split('://')[1]}")  # an organisation's handle
    assert summary["through"] == d.base_url
    assert b.base_url in summary["members"] and c.base_url in summary["members"]
    publish(e, "event", published, "E after joining")

    started = time.monotonic()
    a.start()  # offline through all of this; nobody does anything for it
    publish(a, "call", published, "A after restart", closes="2027-06-30")  # an open call
    for node in everyone:
        wait_until(
            lambda node=node: lists_all_others(node, everyone),  # type: ignore[misc]
            timeout=CONVERGENCE_TIMEOUT,
            what=f"{node.name} lists the other four as active members",
        )
    figures(
        "network: five nodes list each other after A restarts",
        f"{time.monotonic() - started:.1f} s",
    )
    for node in everyone:
        wait_until(
            lambda node=node: follows_all_others(node, everyone),  # type: ignore[misc]
            timeout=CONVERGENCE_TIMEOUT,
            what=f"{node.name} follows the other four organisations",
        )
        wait_until(
            lambda node=node: holds(node, published),  # type: ignore[misc]
            timeout=CONVERGENCE_TIMEOUT,
            what=f"{node.name} holds all {len(published)} publications of the others",
        )
    figures("network: every node holds every publication", f"{time.monotonic() - started:.1f} s")
    # Every directory entry is its member's own statement, and verifies against that
    # member's instance actor with a verifier that shares no code with the node.
    entries = directory_of(b)
    assert sorted(entry["node"] for entry in entries) == sorted(n.base_url for n in everyone)
    for entry in entries:
        author = next(n for n in everyone if n.base_url == entry["node"])
        instance_actor = author.get(entry["attributedTo"]).json()
        assert data_integrity.verify_with_actor(entry, instance_actor), entry["node"]
    # Each member is credited on the catalogue pages of the others.
    page = e.get(f"{e.base_url}/practices", accept="text/html").text
    assert "Municipality of Ohrid" in page and "Comune di Bologna" in page
    # ...and in the calendar and on the volunteer board.
    events = e.get(f"{e.base_url}/events/calendar?month=2026-05", accept="text/html").text
    assert sample("event", " (B before joining)")["name"] in events
    calls = e.get(f"{e.base_url}/calls", accept="text/html").text
    assert sample("call", " (A after restart)")["name"] in calls
    assert "Municipality of Ohrid" in calls

    # Published after everyone joined: delivered, not backfilled.
    late = publish(c, "practice", published, "C after everyone joined")
    for node in everyone:
        wait_until(
            lambda node=node: holds(node, published),  # type: ignore[misc]
            timeout=CONVERGENCE_TIMEOUT,
            what=f"{node.name} has C's late practice {late}",
        )

    e.cli("leave")
    for node in (a, b, c, d):
        wait_until(
            lambda node=node: node.network().get(e.base_url, {}).get("state") == "left",  # type: ignore[misc]
            timeout=CONVERGENCE_TIMEOUT,
            what=f"{node.name} sees that E left",
        )
        status = node.status()
        assert e.actor not in status["followers"], f"{node.name} still delivers to E"
        assert e.actor not in org_following(node)


def directory_of(node: NodeProcess) -> list[dict[str, Any]]:
    collection = node.get(f"{node.base_url}/actor/members").json()
    page = node.get(collection["first"]).json()
    items: list[dict[str, Any]] = page["orderedItems"]
    return items
