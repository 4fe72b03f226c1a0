"""Object integrity proofs (FEP-8b32) and key rotation against independent software.

Fedify checks our proofs with its own verifyObject (keys fetched from our actor, no cache);
our node checks Fedify's. A rotation in the middle: Fedify and bovine, which cached our old
keys, keep accepting what we deliver, and what we signed before still verifies at Fedify.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest

from sinet_node.federation.multikey import load_public_multibase
from sinet_node.federation.proofs import ProofError, verify_document
from tests.interop.flows import bovine_follows, fedify_follows, we_follow
from tests.interop.services import BovinePeer, FedifyPeer, Service, eventually, started
from tests.interop.test_bovine import object_of
from tests.multinode.harness import NodeProcess
from tests.multinode.samples import sample

KINDS = ("practice", "event", "call")


def fedify_proofs(fedify: FedifyPeer, ids: set[str]) -> list[dict[str, Any]] | None:
    """Fedify's verdict on every activity we POSTed, once those with ``ids`` have arrived."""
    results: list[dict[str, Any]] = fedify.control("GET", "proofs")
    return results if ids <= {r["id"] for r in results} else None


def created_at_fedify(fedify: FedifyPeer, object_ids: set[str]) -> set[str] | None:
    """The ids of the activities about ``object_ids`` that reached Fedify, once all have."""
    arrived = {entry["objectId"]: entry["id"] for entry in fedify.inbox()}
    if not object_ids <= set(arrived):
        return None
    return {arrived[object_id] for object_id in object_ids}


def test_fedify_verifies_every_proof_we_make(
    node: NodeProcess,
    tmp_path: Path,
    logs: Path,
    services: list[Service],
    observed: Callable[[str], None],
) -> None:
    fedify = started(FedifyPeer(tmp_path / "fedify", logs), services)
    fedify_follows(node, fedify)
    ids = {kind: node.publish(kind, sample(kind, " (proven)")) for kind in KINDS}
    activities = eventually(
        lambda: created_at_fedify(fedify, set(ids.values())), what="the three Creates at Fedify"
    )
    results = eventually(lambda: fedify_proofs(fedify, activities), what="Fedify's verdicts")
    ours = [r for r in results if r["verificationMethod"]]
    for result in results:
        observed(
            f"Fedify verifyObject of our {result['type']} {result['id']}: {result['verified']}"
        )
    assert {r["type"] for r in ours} >= {"Accept", "Create"}
    assert all(r["hasProof"] for r in results), results
    assert all(r["verified"] for r in results), results

    for url in (node.actor, *ids.values()):
        verdict = fedify.control("GET", "verify", url=url)
        observed(f"Fedify verifyObject of {url} as fetched: {verdict['verified']}")
        assert verdict["hasProof"] and verdict["verified"], (url, verdict)


def test_our_node_verifies_fedifys_proofs(
    node: NodeProcess,
    tmp_path: Path,
    logs: Path,
    services: list[Service],
    observed: Callable[[str], None],
) -> None:
    fedify = started(FedifyPeer(tmp_path / "fedify", logs), services)
    we_follow(node, fedify.actor)
    note = fedify.control("POST", "note", to=node.actor, text="Proven by Fedify")["note"]
    eventually(
        lambda: [o for o in node.objects(remote=True) if o["id"] == note],
        what="Fedify's note at our node",
    )
    posts = [
        r for r in fedify.requests() if r["method"] == "POST" and r["url"].startswith(node.base_url)
    ]
    observed(f"Fedify POSTs to us carrying a proof: {sum(bool(r['proof']) for r in posts)}")
    # Every POST carried a proof, and our inbox (which refuses a bad proof with 401) took it.
    assert posts and all(r["proof"] and 200 <= r["status"] < 300 for r in posts), posts

    # The Create exactly as Fedify sent it, checked by our verifier: valid, and invalid once
    # its content is changed.
    [create] = [r["body"] for r in posts if r["body"].get("type") == "Create"]
    actor = httpx.get(fedify.actor, headers={"Accept": "application/activity+json"}).json()
    method = create["proof"]["verificationMethod"]
    [multibase] = [
        key["publicKeyMultibase"] for key in actor["assertionMethod"] if key["id"] == method
    ]
    verify_document(create, load_public_multibase(multibase))
    tampered = copy.deepcopy(create)
    tampered["object"]["content"] = "Not what Fedify signed"
    with pytest.raises(ProofError):
        verify_document(tampered, load_public_multibase(multibase))


def test_a_rotation_keeps_fedify_and_bovine_accepting_our_deliveries(
    node: NodeProcess,
    tmp_path: Path,
    logs: Path,
    services: list[Service],
    observed: Callable[[str], None],
) -> None:
    fedify = started(FedifyPeer(tmp_path / "fedify", logs), services)
    bovine = started(BovinePeer(tmp_path / "bovine", logs), services)
    fedify_follows(node, fedify)
    bovine_follows(node, bovine)

    def bovine_has(object_id: str) -> bool:
        return any(
            object_of(item).get("id") == object_id
            for item in bovine.inbox()
            if item.get("type") == "Create"
        )

    before = node.publish("practice", sample("practice", " (before rotation)"))
    eventually(lambda: created_at_fedify(fedify, {before}), what="Create at Fedify")
    eventually(lambda: bovine_has(before) or None, what="Create at bovine")

    new_ids = node.cli("rotate-keys").split()
    observed(f"rotated keys: {', '.join(new_ids)}")
    after = node.publish("call", sample("call", " (after rotation)"))
    eventually(lambda: created_at_fedify(fedify, {after}), what="Create at Fedify, after")
    eventually(lambda: bovine_has(after) or None, what="Create at bovine, after")

    activities = created_at_fedify(fedify, {before, after}) or set()
    results = eventually(lambda: fedify_proofs(fedify, activities), what="Fedify's verdicts")
    for result in results:
        observed(
            f"Fedify verifyObject of our {result['type']} signed by "
            f"{result['verificationMethod']}: {result['verified']}"
        )
    # Everything verifies now, including what was proven with the old key (grace period).
    assert all(r["verified"] for r in results), results
    methods = {r["verificationMethod"] for r in results}
    assert methods & set(new_ids) and methods - set(new_ids)
    assert node.status()["deliveries"]["failed"] == 0
