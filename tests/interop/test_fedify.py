"""Fedify (TypeScript, strict AS2 parsing, RFC 9421 first) against a real node.

What a Fedify server makes of our actor and objects, a follow in each direction, the three
kinds arriving with their times and place, a Note back, and Fedify's first knock verified.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from tests.interop.flows import fedify_follows, we_follow
from tests.interop.services import FedifyPeer, Service, eventually, fedify_lookup, started
from tests.multinode.harness import NodeProcess
from tests.multinode.samples import sample

# The standard type each kind is published as, which is what Fedify must parse it as.
EXPECTED_CLASS = {"practice": "Article", "event": "Event", "call": "Page"}


def publish_all(node: NodeProcess, label: str) -> dict[str, str]:
    return {kind: node.publish(kind, sample(kind, label)) for kind in EXPECTED_CLASS}


def same_instant(fedify_value: str | None, ours: str) -> bool:
    """Fedify prints Temporal instants in UTC (Z); ours carry the event's offset."""
    assert fedify_value is not None
    return datetime.fromisoformat(fedify_value.replace("Z", "+00:00")) == datetime.fromisoformat(
        ours
    )


def test_fedify_parses_our_actor_and_each_object_as_its_standard_type(
    node: NodeProcess, tmp_path: Path, observed: Callable[[str], None]
) -> None:
    ids = publish_all(node, " (lookup)")
    actor = fedify_lookup(tmp_path / "fedify", node.actor)
    observed(f"Fedify lookup {node.actor}: {actor['class']}")
    assert actor["class"] == "Organization", actor
    assert actor["id"] == node.actor and actor["preferredUsername"] == "ohrid"
    for kind, object_id in ids.items():
        parsed = fedify_lookup(tmp_path / "fedify", object_id)
        observed(f"Fedify lookup of our {kind} {object_id}: {parsed['class']}")
        assert parsed["class"] == EXPECTED_CLASS[kind], parsed
        assert parsed["id"] == object_id
        assert parsed["name"] == sample(kind, " (lookup)")["name"]
    event = fedify_lookup(tmp_path / "fedify", ids["event"])
    assert same_instant(event["startTime"], sample("event")["startTime"])
    assert same_instant(event["endTime"], sample("event")["endTime"])


def test_fedify_follows_us_gets_our_accept_and_receives_all_three_kinds(
    node: NodeProcess,
    tmp_path: Path,
    logs: Path,
    services: list[Service],
    observed: Callable[[str], None],
) -> None:
    fedify = started(FedifyPeer(tmp_path / "fedify", logs), services)

    fedify_follows(node, fedify)
    assert fedify.actor in node.status()["followers"]

    ids = publish_all(node, " (to Fedify)")

    def creates() -> dict[str, dict[str, Any]] | None:
        arrived = {
            item["object"]["id"]: item["object"]
            for item in fedify.inbox()
            if item["type"] == "Create" and item.get("object")
        }
        return arrived if all(object_id in arrived for object_id in ids.values()) else None

    arrived = eventually(creates, what="the three Creates to reach Fedify")
    for kind, object_id in ids.items():
        observed(f"Fedify received our {kind} as {arrived[object_id]['class']}")
        assert arrived[object_id]["class"] == EXPECTED_CLASS[kind]
    event, data = arrived[ids["event"]], sample("event")
    assert same_instant(event["startTime"], data["startTime"])
    assert same_instant(event["endTime"], data["endTime"])
    assert event["location"]["name"] == data["location"]["name"], event

    # RFC 9421: every request Fedify sent to our node was verified on the first knock.
    ours = [
        r for r in fedify.requests() if r["url"].startswith(node.base_url) and r["method"] == "POST"
    ]
    assert ours, "Fedify sent nothing to our node"
    for request in ours:
        observed(f"Fedify POST {request['url']}: {request['scheme']} -> {request['status']}")
    assert all(r["scheme"] == "rfc9421" and 200 <= r["status"] < 300 for r in ours), ours


def test_we_follow_fedify_and_receive_its_note(
    node: NodeProcess, tmp_path: Path, logs: Path, services: list[Service]
) -> None:
    fedify = started(FedifyPeer(tmp_path / "fedify", logs), services)

    we_follow(node, fedify.actor)
    follows = [item for item in fedify.inbox() if item["type"] == "Follow"]
    assert [f["actor"] for f in follows] == [node.actor]

    note = fedify.control("POST", "note", to=node.actor, text="Greetings from Fedify")["note"]
    remote = eventually(
        lambda: [o for o in node.objects(remote=True) if o["id"] == note],
        what="Fedify's note in `objects --remote`",
    )
    assert "Greetings from Fedify" in remote[0]["content"]
    assert remote[0]["attributedTo"] == fedify.actor
