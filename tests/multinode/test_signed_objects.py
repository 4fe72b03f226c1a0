"""Signed objects between real nodes (FEP-8b32): a practice relayed through a third node is
accepted on its author's proof while the author's node is stopped; a key rotation in the
middle of a stream of publications loses no delivery, and what was signed before it still
verifies.

Three `sinet-node run` processes on loopback. Proofs are checked with the tests' independent
verifier (tests/fakes/data_integrity.py), not with the node's own code.
"""

from __future__ import annotations

import threading
import time
from typing import Any

import pytest

from tests.fakes import data_integrity
from tests.multinode.conftest import Figures
from tests.multinode.harness import NodeFleet, NodeProcess, wait_until
from tests.multinode.samples import sample
from tests.multinode.test_federation import by_id, follow_accepted

pytestmark = pytest.mark.multinode

FEDERATION_TIMEOUT = 60.0
FAST_RETRIES = {"first_retry_seconds": 1}


def follow(follower: NodeProcess, target: NodeProcess) -> None:
    follower.follow(target.actor)
    wait_until(
        follow_accepted(follower, target.actor),
        timeout=FEDERATION_TIMEOUT,
        what=f"{follower.name} sees its follow of {target.name} accepted",
    )


def actor_document(node: NodeProcess) -> dict[str, Any]:
    document: dict[str, Any] = node.get(node.actor).json()
    return document


def test_a_practice_relayed_through_a_third_node_is_accepted_while_its_origin_is_stopped(
    fleet: NodeFleet,
) -> None:
    ohrid = fleet.node("ohrid", display_name="Municipality of Ohrid", settings=FAST_RETRIES)
    split = fleet.node("split", display_name="Youth Centre Split", settings=FAST_RETRIES)
    alcorcon = fleet.node("alcorcon", display_name="Alcorcón", settings=FAST_RETRIES)
    follow(split, ohrid)  # Split receives Ohrid's practices
    follow(alcorcon, split)  # Alcorcón follows Split only...
    follow(ohrid, alcorcon)  # ...and knows Ohrid's actor (and key) from this follow

    practice_id = ohrid.publish("practice", sample("practice", " (relayed)"))
    wait_until(
        lambda: practice_id in by_id(split.objects(remote=True)),
        timeout=FEDERATION_TIMEOUT,
        what="Split has Ohrid's practice",
    )
    assert practice_id not in by_id(alcorcon.objects(remote=True))
    signed = ohrid.get(practice_id).json()
    assert data_integrity.verify_with_actor(signed, actor_document(ohrid))
    ohrid.stop()

    assert split.cli("share", practice_id).strip().splitlines()[-1] == practice_id
    relayed = wait_until(
        lambda: by_id(alcorcon.objects(remote=True)).get(practice_id),
        timeout=FEDERATION_TIMEOUT,
        what="Alcorcón has Ohrid's practice, relayed by Split, with Ohrid down",
    )
    assert relayed["attributedTo"] == ohrid.actor  # credited to its author, not the relay
    assert relayed["name"] == sample("practice", " (relayed)")["name"]
    # Alcorcón's own page credits Ohrid.
    page = alcorcon.get(f"{alcorcon.base_url}/practices", accept="text/html").text
    assert sample("practice", " (relayed)")["name"] in page


def test_a_rotation_in_the_middle_of_publishing_loses_no_delivery(
    fleet: NodeFleet, figures: Figures
) -> None:
    ohrid = fleet.node("ohrid", display_name="Municipality of Ohrid", settings=FAST_RETRIES)
    split = fleet.node("split", display_name="Youth Centre Split", settings=FAST_RETRIES)
    alcorcon = fleet.node("alcorcon", display_name="Alcorcón", settings=FAST_RETRIES)
    for follower in (split, alcorcon):
        follow(follower, ohrid)
    old_actor = actor_document(ohrid)
    first = ohrid.publish("practice", sample("practice", " before rotation"))
    first_signed = ohrid.get(first).json()

    published: list[str] = [first]
    done = threading.Event()

    def keep_publishing() -> None:
        for number in range(8):
            published.append(ohrid.publish("call", sample("call", f" #{number}")))
        done.set()

    publisher = threading.Thread(target=keep_publishing)
    publisher.start()
    time.sleep(0.5)
    new_ids = ohrid.cli("rotate-keys", "--grace-days", "7").split()
    publisher.join(timeout=120)
    assert done.is_set(), "the publisher did not finish"
    after = ohrid.publish("event", sample("event", " after rotation"))
    published.append(after)

    started = time.monotonic()
    for peer in (split, alcorcon):
        wait_until(
            lambda peer=peer: set(published) <= set(by_id(peer.objects(remote=True))),  # type: ignore[misc]
            timeout=FEDERATION_TIMEOUT,
            what=f"{peer.name} has all {len(published)} publications",
        )
    figures("rotation: every publication at both followers", f"{time.monotonic() - started:.2f} s")
    status = ohrid.status()
    assert status["deliveries"]["failed"] == 0, status["deliveries"]

    actor = actor_document(ohrid)
    assert actor["publicKey"][0]["id"] in new_ids
    assert actor["proof"]["verificationMethod"] in new_ids
    assert old_actor["publicKey"]["id"] in [key["id"] for key in actor["publicKey"]]
    # Signed before the rotation, still verifiable against the actor as published now.
    assert data_integrity.verify_with_actor(first_signed, actor)
    # Served now, signed with the new key.
    assert ohrid.get(after).json()["proof"]["verificationMethod"] in new_ids
