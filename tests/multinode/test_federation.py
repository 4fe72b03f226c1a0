"""Three real nodes on loopback: B and C follow A; A publishes, updates, deletes; B goes down.

Everything is observed the way an operator or a peer would: `status --json`,
`objects --json [--remote]`, and GETs of the published URLs.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from tests.multinode.conftest import Figures
from tests.multinode.harness import AS_JSON, NodeFleet, NodeProcess, wait_until
from tests.multinode.samples import sample

pytestmark = pytest.mark.multinode

KINDS = ("practice", "event", "call")
# First retry after ~1 s so a peer that comes back gets what it missed quickly.
FAST_RETRIES = {"first_retry_seconds": 1}
FEDERATION_TIMEOUT = 30.0
RETRY_TIMEOUT = 60.0


@dataclass(frozen=True)
class Network:
    a: NodeProcess
    b: NodeProcess
    c: NodeProcess

    @property
    def followers_of_a(self) -> tuple[NodeProcess, NodeProcess]:
        return self.b, self.c


def following_state(node: NodeProcess, actor: str) -> str | None:
    for entry in node.status()["following"]:
        if entry["actor"] == actor:
            return str(entry["state"])
    return None


def by_id(objects: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {item["id"]: item for item in objects}


def follow_accepted(follower: NodeProcess, actor: str) -> Callable[[], bool]:
    return lambda: following_state(follower, actor) == "accepted"


def remote_name_is(peer: NodeProcess, object_id: str, name: str) -> Callable[[], bool]:
    return lambda: by_id(peer.objects(remote=True))[object_id]["name"] == name


def not_listed(peer: NodeProcess, object_id: str) -> Callable[[], bool]:
    return lambda: object_id not in by_id(peer.objects())


def has_all(peer: NodeProcess, ids: set[str]) -> Callable[[], dict[str, dict[str, Any]]]:
    def check() -> dict[str, dict[str, Any]]:
        remote = by_id(peer.objects(remote=True))
        return remote if ids <= set(remote) else {}

    return check


@pytest.fixture(scope="module")
def network(module_fleet: NodeFleet) -> Network:
    """A, B and C running; B and C follow A and their follows are accepted."""
    a = module_fleet.node("a", settings=FAST_RETRIES)
    b = module_fleet.node("b", settings=FAST_RETRIES)
    c = module_fleet.node("c", settings=FAST_RETRIES)
    for follower in (b, c):
        assert follower.follow(a.actor) == a.actor
    wait_until(
        lambda: {b.actor, c.actor} <= set(a.status()["followers"]),
        timeout=FEDERATION_TIMEOUT,
        what="A lists B and C as followers",
    )
    for follower in (b, c):
        wait_until(
            follow_accepted(follower, a.actor),
            timeout=FEDERATION_TIMEOUT,
            what=f"{follower.name} sees its follow of A accepted",
        )
    return Network(a, b, c)


def test_follow_handshake_is_visible_on_both_sides(network: Network) -> None:
    a_status = network.a.status()
    assert a_status["actor"] == network.a.actor
    assert a_status["shared_inbox"] == network.a.shared_inbox
    assert sorted(a_status["followers"]) == sorted([network.b.actor, network.c.actor])
    for follower in network.followers_of_a:
        assert follower.status()["following"] == [{"actor": network.a.actor, "state": "accepted"}]
    # A's followers collection says the same to the outside world.
    collection = network.a.get(f"{network.a.actor}/followers")
    assert collection.status_code == 200
    assert collection.json().get("totalItems") == 2


def test_publish_update_delete_reach_every_follower(network: Network, figures: Figures) -> None:
    a = network.a
    started = time.monotonic()
    ids = {kind: a.publish(kind, sample(kind, " (federation test)")) for kind in KINDS}
    assert all(object_id.startswith(f"{a.base_url}/") for object_id in ids.values()), ids
    assert len(set(ids.values())) == 3

    for peer in network.followers_of_a:
        remote = wait_until(
            has_all(peer, set(ids.values())),
            timeout=FEDERATION_TIMEOUT,
            what=f"{peer.name} has A's three objects",
        )
        for kind, object_id in ids.items():
            stored = remote[object_id]
            assert stored["kind"] == kind, stored
            assert stored["attributedTo"] == a.actor
            assert stored["name"] == sample(kind, " (federation test)")["name"]
            assert stored["summary"], stored
            assert stored["content"], stored
    figures(
        "publish -> both followers list all three objects", f"{time.monotonic() - started:.2f} s"
    )
    local = by_id(a.objects())
    assert set(ids.values()) <= set(local)
    assert not set(ids.values()) & set(by_id(a.objects(remote=True)))

    # Update: the followers see the new name.
    changed = sample("event", " (federation test)")
    changed["name"] = "Co-learning workshop moved online: transfer toolkits"
    changed.pop("location")
    a.update(ids["event"], changed)
    for peer in network.followers_of_a:
        wait_until(
            remote_name_is(peer, ids["event"], changed["name"]),
            timeout=FEDERATION_TIMEOUT,
            what=f"{peer.name} shows the event's new name",
        )

    # Delete: gone from every listing, and the URL answers 410 with a Tombstone.
    a.delete(ids["call"])
    for peer in network.followers_of_a:
        wait_until(
            not_listed(peer, ids["call"]),
            timeout=FEDERATION_TIMEOUT,
            what=f"{peer.name} no longer lists the deleted call",
        )
        assert {ids["practice"], ids["event"]} <= set(by_id(peer.objects(remote=True)))
    assert ids["call"] not in by_id(a.objects())
    gone = a.get(ids["call"])
    assert gone.status_code == 410
    assert gone.headers["content-type"].startswith(AS_JSON)
    tombstone = gone.json()
    assert tombstone["type"] == "Tombstone"
    assert tombstone["id"] == ids["call"]
    assert "deleted" in tombstone
    assert tombstone.get("formerType"), tombstone
    assert a.get(ids["call"], accept="text/html").status_code == 410
    assert a.get(ids["practice"]).status_code == 200


def test_a_follower_that_was_down_gets_the_object_through_retries(
    network: Network, figures: Figures
) -> None:
    a, b, c = network.a, network.b, network.c
    stop_seconds = b.stop()
    figures("B stopped after SIGTERM in", f"{stop_seconds:.2f} s")

    published = time.monotonic()
    object_id = a.publish("practice", sample("practice", " (published while B was down)"))
    wait_until(
        lambda: object_id in by_id(c.objects(remote=True)),
        timeout=FEDERATION_TIMEOUT,
        what="C (up all along) has the object",
    )
    # A tried B in the same pass and keeps the delivery pending for a retry.
    wait_until(
        lambda: a.status()["deliveries"]["pending"] >= 1,
        timeout=FEDERATION_TIMEOUT,
        what="A keeps a pending delivery for B",
    )
    assert a.status()["deliveries"]["failed"] == 0

    b.start()
    restarted = time.monotonic()
    wait_until(
        lambda: object_id in by_id(b.objects(remote=True)),
        timeout=RETRY_TIMEOUT,
        interval=0.25,
        what="B receives the object through A's retry",
    )
    received = time.monotonic()
    figures("retry: B restarted -> B has the object", f"{received - restarted:.2f} s")
    figures("retry: A published -> B has the object", f"{received - published:.2f} s")
    wait_until(
        lambda: a.status()["deliveries"]["pending"] == 0,
        timeout=FEDERATION_TIMEOUT,
        what="A has no pending deliveries left",
    )
    assert a.status()["deliveries"]["failed"] == 0
    # Nothing arrived twice: B's listing holds the object once.
    assert [item["id"] for item in b.objects(remote=True)].count(object_id) == 1


def test_nodes_refuse_unknown_objects_with_404(network: Network) -> None:
    response = httpx.get(
        f"{network.a.base_url}/practices/does-not-exist", headers={"Accept": AS_JSON}
    )
    assert response.status_code == 404
