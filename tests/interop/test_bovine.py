"""bovine-herd (Python; signs every GET, never auto-accepts) against a real node."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from tests.interop.flows import bovine_follows, id_of
from tests.interop.services import BovinePeer, Service, eventually, started
from tests.multinode.harness import NodeProcess
from tests.multinode.samples import sample

KINDS = ("practice", "event", "call")


def object_of(item: dict[str, Any]) -> dict[str, Any]:
    value = item.get("object")
    return value if isinstance(value, dict) else {"id": value}


def test_bovine_follows_us_and_receives_all_three_kinds(
    node: NodeProcess,
    tmp_path: Path,
    logs: Path,
    services: list[Service],
    observed: Callable[[str], None],
) -> None:
    bovine = started(BovinePeer(tmp_path / "bovine", logs), services)

    accept = bovine_follows(node, bovine)
    assert bovine.actor in node.status()["followers"]
    observed(f"bovine received our Accept {accept['id']}")

    ids = {kind: node.publish(kind, sample(kind, " (to bovine)")) for kind in KINDS}

    def creates() -> dict[str, dict[str, Any]] | None:
        arrived = {
            object_of(item)["id"]: object_of(item)
            for item in bovine.inbox()
            if item.get("type") == "Create"
        }
        return arrived if all(object_id in arrived for object_id in ids.values()) else None

    arrived = eventually(creates, what="the three Creates in bovine's inbox")
    for kind, object_id in ids.items():
        observed(f"bovine stored our {kind} as {arrived[object_id].get('type')}")
        assert arrived[object_id]["name"] == sample(kind, " (to bovine)")["name"]
    event, data = arrived[ids["event"]], sample("event")
    for field in ("startTime", "endTime"):
        assert datetime.fromisoformat(event[field]) == datetime.fromisoformat(data[field]), event
    # A hybrid event: the Place and the online link both survive bovine's JSON-LD round trip.
    places = event["location"] if isinstance(event["location"], list) else [event["location"]]
    assert data["location"]["name"] in [place.get("name") for place in places], places


def test_we_follow_bovine_and_it_accepts_by_hand(
    node: NodeProcess, tmp_path: Path, logs: Path, services: list[Service]
) -> None:
    """bovine refuses unsigned GETs, so resolving alice proves our fetches are signed."""
    bovine = started(BovinePeer(tmp_path / "bovine", logs), services)

    node.follow(bovine.actor)
    eventually(
        lambda: [
            i
            for i in bovine.inbox()
            if i.get("type") == "Follow" and id_of(i.get("actor")) == node.actor
        ],
        what="our Follow in bovine's inbox",
    )
    state = {f["actor"]: f["state"] for f in node.status()["following"]}
    assert state[bovine.actor] == "pending"

    answer = bovine.client("accept-follow-from", node.actor)
    assert "error" not in answer, answer
    eventually(
        lambda: [
            f
            for f in node.status()["following"]
            if f == {"actor": bovine.actor, "state": "accepted"}
        ],
        what="bovine's Accept of our Follow",
    )
