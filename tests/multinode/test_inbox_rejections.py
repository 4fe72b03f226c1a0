"""Bad requests at a live node's inboxes: the right 4xx, problem+json, nothing stored.

Every bad request carries a Follow of the node by a fake actor: had the node stored
it, that actor would become a follower and get an Accept. After each bad request a
second fake actor sends a valid Follow (the barrier): once its Accept arrives, the
worker has passed everything queued before it, so the checks that nothing was stored
do not depend on timing.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from tests.multinode.actors import FakeActor
from tests.multinode.fake_fediverse import AS_JSON, FakeFediverse
from tests.multinode.harness import NodeFleet, NodeProcess, wait_until
from tests.multinode.samples import sample

pytestmark = pytest.mark.multinode

PROBLEM_JSON = "application/problem+json"
MAX_BODY = 1_048_576
INBOXES = ("shared", "personal")


@dataclass(frozen=True)
class Snapshot:
    status: dict[str, Any]
    objects: list[dict[str, Any]]


@dataclass
class Target:
    node: NodeProcess
    fediverse: FakeFediverse
    senders: Iterator[FakeActor]
    # What the previous case left, checked and current; None after a failure (take afresh).
    last: Snapshot | None = None

    def snapshot(self) -> Snapshot:
        last, self.last = self.last, None
        return last or Snapshot(self.node.status(), self.node.objects())


@dataclass(frozen=True)
class Forged:
    body: bytes
    headers: dict[str, str]


def _signed(actor: FakeActor, inbox: str, activity: dict[str, Any], **extra: str) -> Forged:
    body = json.dumps(activity).encode()
    return Forged(body, {**actor.sign("POST", inbox, body), "Content-Type": AS_JSON, **extra})


def unsigned(actor: FakeActor, _other: FakeActor, node: NodeProcess, inbox: str) -> Forged:
    return Forged(json.dumps(actor.follow(node.actor)).encode(), {"Content-Type": AS_JSON})


def wrong_digest(actor: FakeActor, _other: FakeActor, node: NodeProcess, inbox: str) -> Forged:
    signed = _signed(actor, inbox, actor.follow(node.actor))
    # Same signed headers, another body: the Digest no longer matches.
    return Forged(json.dumps(actor.follow(node.actor)).encode(), signed.headers)


def stale_date(actor: FakeActor, _other: FakeActor, node: NodeProcess, inbox: str) -> Forged:
    body = json.dumps(actor.follow(node.actor)).encode()
    two_hours_ago = datetime.now(UTC) - timedelta(hours=2)
    return Forged(
        body, {**actor.sign("POST", inbox, body, now=two_hours_ago), "Content-Type": AS_JSON}
    )


def foreign_key(actor: FakeActor, other: FakeActor, node: NodeProcess, inbox: str) -> Forged:
    # Signed with actor's own (valid) key, but the Follow claims to be by another actor.
    return _signed(actor, inbox, actor.follow(node.actor, actor=other.id))


def oversize(actor: FakeActor, _other: FakeActor, node: NodeProcess, inbox: str) -> Forged:
    follow = {**actor.follow(node.actor), "summary": "x" * (MAX_BODY + 1)}
    return _signed(actor, inbox, follow)


def wrong_content_type(
    actor: FakeActor, _other: FakeActor, node: NodeProcess, inbox: str
) -> Forged:
    return _signed(actor, inbox, actor.follow(node.actor), **{"Content-Type": "text/plain"})


def invalid_json(actor: FakeActor, _other: FakeActor, node: NodeProcess, inbox: str) -> Forged:
    body = b'{"type": "Follow", "actor": "' + actor.id.encode() + b'", '
    return Forged(body, {**actor.sign("POST", inbox, body), "Content-Type": AS_JSON})


Build = Callable[[FakeActor, FakeActor, NodeProcess, str], Forged]
CASES: list[tuple[str, Build, int]] = [
    ("unsigned", unsigned, 401),
    ("wrong digest", wrong_digest, 401),
    ("Date two hours old", stale_date, 401),
    ("key owner is not the actor", foreign_key, 401),
    ("body over 1 MiB", oversize, 413),
    ("wrong content type", wrong_content_type, 415),
    ("invalid JSON, valid signature", invalid_json, 400),
]


@pytest.fixture(scope="module")
def target(module_fleet: NodeFleet) -> Iterator[Target]:
    node = module_fleet.node("target")
    node.publish("practice", sample("practice", " (rejection baseline)"))
    with FakeFediverse(servers=1, actors_per_server=3 * len(CASES) * len(INBOXES)) as fake:
        yield Target(node, fake, iter(fake.actors))


def inbox_url(node: NodeProcess, which: str) -> str:
    return node.shared_inbox if which == "shared" else node.inbox


@pytest.mark.parametrize("which", INBOXES)
@pytest.mark.parametrize(("case", "build", "status"), CASES, ids=[case[0] for case in CASES])
def test_bad_request_is_refused_and_nothing_is_stored(
    target: Target, which: str, case: str, build: Build, status: int
) -> None:
    node, fediverse = target.node, target.fediverse
    sender, other, barrier = next(target.senders), next(target.senders), next(target.senders)
    inbox = inbox_url(node, which)
    before = target.snapshot()

    forged = build(sender, other, node, inbox)
    response = httpx.post(inbox, content=forged.body, headers=forged.headers, timeout=30)

    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith(PROBLEM_JSON)
    problem = response.json()
    assert problem["status"] == status
    assert problem.get("detail"), problem

    # The barrier: a valid Follow, processed after anything the bad request might have queued.
    accepted = fediverse.run(fediverse.post(barrier, inbox, barrier.follow(node.actor)), timeout=30)
    assert accepted.status_code == 202
    wait_until(barrier.accepted, timeout=30, what="the barrier follower got its Accept")

    after = Snapshot(node.status(), node.objects())
    assert set(after.status["followers"]) == set(before.status["followers"]) | {barrier.id}
    for key in ("actor", "handle", "inbox", "shared_inbox", "following"):
        assert after.status[key] == before.status[key], key
    deliveries_before = sum(before.status["deliveries"].values())
    assert sum(after.status["deliveries"].values()) == deliveries_before + 1  # the Accept
    assert after.objects == before.objects
    assert sender.received() == [] and other.received() == []
    assert httpx.get(f"{node.base_url}/.well-known/nodeinfo", timeout=10).status_code == 200
    target.last = after
