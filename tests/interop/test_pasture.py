"""fediverse-pasture: its actor matrix and its corpus of 262 edge-case Create activities."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx

from tests.interop.services import (
    Service,
    eventually,
    pasture_sender,
    pasture_verify,
    run_pasture_corpus,
    started,
)
from tests.multinode.harness import NodeProcess

# pasture's test actors: which sign their POSTs (bob/claire/emily/frank also require signed GETs
# or signed POSTs of their own peers; alice and dean post unsigned).
SIGNED = ("bob", "claire", "emily", "frank")
UNSIGNED = ("alice", "dean")
CORPUS_SIZE = 262
# Accepted at the inbox (2xx), then refused by the worker for good, not stored:
# - attributed_to/*: the Note is attributed to http://pasture-one-actor/actor, not to the
#   sender, so only its origin could vouch for it, and the origin answers 404;
# - necessary_properties/1: the Note has no id.
NOT_STORED = ("attributed_to/", "necessary_properties/1")
# Whatever the corpus throws at us, none of this may reach stored content.
DANGEROUS = re.compile(r"<script|<iframe|<object|<embed|<style|\son\w+\s*=|javascript:", re.I)


def verify_actor(service: Service, actor: str) -> tuple[dict[str, Any], list[Any]]:
    """pasture's result matrix and its log of steps."""
    response = httpx.post(
        f"http://127.0.0.1:{service.port}/",
        data={"actor_uri": actor},
        headers={"Accept": "application/json"},
        timeout=300,
    )
    assert response.status_code == 200, response.text
    body = response.json()
    return body["result"], json.loads(body["messages"])["steps"]


def statuses_after_posting(messages: list[Any]) -> list[int]:
    """pasture logs the status of each signed POST right after this line; it counts a 400
    as a success, so read the status itself."""
    found = []
    for index, message in enumerate(messages):
        if message == "Successfully posted to inbox with result":
            found.append(int(messages[index + 1]))
    return found


def test_pasture_actor_matrix(
    node: NodeProcess,
    tmp_path: Path,
    logs: Path,
    services: list[Service],
    observed: Callable[[str], None],
) -> None:
    verifier = started(pasture_verify(tmp_path / "verify", logs), services)
    result, messages = verify_actor(verifier, node.actor)
    observed(f"pasture verify_actor matrix: {json.dumps(result)}")

    assert result["webfinger"] is True, messages
    for name in (*SIGNED, *UNSIGNED):
        assert result[name]["get_actor"] is True, (name, messages)
    for name in UNSIGNED:
        assert result[name]["post_inbox"] is False, f"{name}'s unsigned POST was accepted"
    for name in SIGNED:
        assert result[name]["post_inbox"] is True, (name, messages)
    statuses = statuses_after_posting(messages)
    assert len(statuses) == len(SIGNED), messages
    assert all(200 <= status < 300 for status in statuses), statuses


def test_pasture_corpus_is_accepted_and_sanitised(
    node: NodeProcess,
    tmp_path: Path,
    logs: Path,
    services: list[Service],
    observed: Callable[[str], None],
) -> None:
    sender = started(pasture_sender(tmp_path / "sender", logs), services)
    report = run_pasture_corpus(tmp_path / "sender", logs, target=node.actor, sender=sender)

    results = report["results"]
    refused = {name: r["status"] for name, r in results.items() if not _accepted(r["status"])}
    observed(f"pasture corpus: {len(results) - len(refused)}/{report['total']} accepted")
    assert report["total"] == CORPUS_SIZE
    assert refused == {}

    # The node is healthy afterwards and worked through everything it accepted.
    assert httpx.get(f"{node.local_url}/.well-known/nodeinfo", timeout=10).status_code == 200
    expected = {r["object"] for name, r in results.items() if not name.startswith(NOT_STORED)}
    stored = eventually(
        lambda: (
            (found := node.objects(remote=True)) and expected <= {o["id"] for o in found} and found
        ),
        timeout=120,
        what="every acceptable corpus object stored by the worker",
    )
    observed(f"pasture corpus: {len(stored)} objects stored")
    refused_by_worker = {r["object"] for name, r in results.items() if name.startswith(NOT_STORED)}
    assert not refused_by_worker & {o["id"] for o in stored}
    unsafe = [o["id"] for o in stored if DANGEROUS.search(json.dumps(o))]
    assert unsafe == [], unsafe
    assert node.status()["deliveries"]["failed"] == 0


def _accepted(status: object) -> bool:
    return isinstance(status, int) and 200 <= status < 300
