"""A fan-out to 200+ followers on 4 hosts, and a SIGKILL in the middle of it.

DESIGN.md §6: deliveries live in the database, so a node killed mid-fan-out resumes
after restart; delivery is at-least-once and only the deliveries in flight at the kill
may arrive twice. The fake followers record every POST when it arrives, so a delivery
cut off by the kill after the request reached the follower counts as received.
"""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator

import httpx
import pytest

from tests.multinode.actors import Received, object_id
from tests.multinode.conftest import Figures
from tests.multinode.fake_fediverse import FakeFediverse
from tests.multinode.harness import AS_JSON, LOOPBACK, NodeFleet, NodeProcess, wait_until
from tests.multinode.samples import sample

pytestmark = pytest.mark.multinode

SERVERS = 4
ACTORS_PER_SERVER = 55  # 220 followers
NODE_SETTINGS = {
    "first_retry_seconds": 1,
    "delivery_concurrency": 16,
    "per_host_concurrency": 4,
}
# Slow answers stretch the fan-out (~220 / 16 * 0.1 s) so the kill lands inside it.
DELAY_DURING_KILL = 0.1
DELAY_NORMAL = 0.02
FAN_OUT_TIMEOUT = 120.0


@pytest.fixture
def fediverse() -> Iterator[FakeFediverse]:
    with FakeFediverse(servers=SERVERS, actors_per_server=ACTORS_PER_SERVER) as fake:
        yield fake


def holders(fediverse: FakeFediverse, object_id: str) -> int:
    """How many fake followers have received a Create of ``object_id``."""
    return sum(1 for actor in fediverse if actor.count_of("Create", object_id))


def everyone_has(fediverse: FakeFediverse, object_id: str) -> bool:
    return holders(fediverse, object_id) == len(fediverse.actors)


def follow_with_everyone(a: NodeProcess, fediverse: FakeFediverse) -> None:
    statuses = fediverse.follow_all(a.actor, a.shared_inbox)
    refused = {actor: status for actor, status in statuses.items() if status != 202}
    assert not refused, f"follows not accepted for delivery: {refused}"
    wait_until(
        lambda: all(actor.accepted() for actor in fediverse),
        timeout=FAN_OUT_TIMEOUT,
        interval=0.2,
        what="every fake follower received an Accept",
    )
    followers = set(a.status()["followers"])
    assert {actor.id for actor in fediverse} <= followers


def creates_of(fediverse: FakeFediverse, object_id: str) -> dict[str, list[Received]]:
    """Every Create of ``object_id`` each follower received, by follower id."""
    return {
        actor.id: [item for item in actor.received("Create") if item.object_id == object_id]
        for actor in fediverse
    }


def test_fan_out_resumes_after_sigkill(
    fleet: NodeFleet, fediverse: FakeFediverse, figures: Figures
) -> None:
    a = fleet.node("a", settings=NODE_SETTINGS)
    concurrency = int(a.settings()["delivery_concurrency"])
    size = len(fediverse.actors)
    assert size >= 200 and len(set(fediverse.hosts)) == SERVERS
    follow_with_everyone(a, fediverse)
    figures("fan-out size", f"{size} inboxes on {SERVERS} hosts, one delivery each")

    # An uninterrupted fan-out first: the baseline figures.
    fediverse.response_delay = DELAY_NORMAL
    started = time.monotonic()
    event_id = a.publish("event", sample("event", " (fan-out baseline)"))
    wait_until(
        lambda: everyone_has(fediverse, event_id),
        timeout=FAN_OUT_TIMEOUT,
        interval=0.05,
        what="every follower has the event",
    )
    finished = time.monotonic()
    baseline = creates_of(fediverse, event_id)
    assert all(len(items) == 1 for items in baseline.values()), "a duplicate without a kill"
    arrivals = sorted(items[0].at for items in baseline.values())
    figures(
        f"fan-out without interruption ({DELAY_NORMAL * 1000:.0f} ms per answer)",
        f"{finished - started:.2f} s from `publish` to the last inbox; "
        f"first to last inbox {arrivals[-1] - arrivals[0]:.2f} s "
        f"({size / max(arrivals[-1] - arrivals[0], 1e-3):.0f} deliveries/s)",
    )

    # Now kill A while the practice is on its way.
    fediverse.response_delay = DELAY_DURING_KILL
    started = time.monotonic()
    practice_id = a.publish("practice", sample("practice", " (fan-out under SIGKILL)"))
    wait_until(
        lambda: holders(fediverse, practice_id) >= size // 4,
        timeout=FAN_OUT_TIMEOUT,
        interval=0.005,
        what="a quarter of the followers have the practice",
    )
    killed = time.monotonic()
    a.kill()
    at_kill = holders(fediverse, practice_id)
    assert at_kill < size, "the fan-out finished before the kill; raise DELAY_DURING_KILL"
    figures("inboxes that had the practice at the SIGKILL", f"{at_kill} of {size}")

    fediverse.response_delay = DELAY_NORMAL
    restarted = time.monotonic()  # everything recorded before this came from the killed process
    a.start()
    wait_until(
        lambda: everyone_has(fediverse, practice_id),
        timeout=FAN_OUT_TIMEOUT,
        interval=0.05,
        what="every follower has the practice after the restart",
    )
    finished = time.monotonic()
    figures("restart -> last inbox has the practice", f"{finished - restarted:.2f} s")
    figures("publish -> last inbox has the practice (with kill)", f"{finished - started:.2f} s")

    received = creates_of(fediverse, practice_id)
    creates = [item for items in received.values() for item in items]
    activity_ids = {item.id for item in creates}
    assert len(activity_ids) == 1, f"more than one Create for one object: {activity_ids}"
    [activity_id] = activity_ids
    assert activity_id is not None and activity_id.startswith(f"{a.base_url}/")
    unverified = [item.problem for item in creates if item.signer != a.key_id]
    assert not unverified, f"deliveries not signed by A: {unverified[:3]}"
    # The id is A's own Create of that practice.
    activity = httpx.get(activity_id, headers={"Accept": AS_JSON}, timeout=10)
    assert activity.status_code == 200
    assert activity.json()["type"] == "Create"
    assert object_id(activity.json()["object"]) == practice_id

    # At-least-once: each process delivered at most once per inbox, so a duplicate is a
    # delivery the killed process had sent and the restarted one could not know about.
    before = {actor: [i for i in items if i.at < restarted] for actor, items in received.items()}
    after = {actor: [i for i in items if i.at >= restarted] for actor, items in received.items()}
    assert all(len(items) <= 1 for items in before.values()), "sent twice before the kill"
    assert all(len(items) <= 1 for items in after.values()), "sent twice after the restart"
    twice = [actor for actor in received if before[actor] and after[actor]]
    ages = [killed - before[actor][0].at for actor in twice]
    figures(
        "deliveries that arrived twice after the kill",
        f"{len(twice)} (delivery_concurrency = {concurrency}; they reached the follower "
        f"{min(ages, default=0):.2f}-{max(ages, default=0):.2f} s before the kill)",
    )
    assert len(twice) <= concurrency

    wait_until(
        lambda: a.status()["deliveries"]["pending"] == 0,
        timeout=FAN_OUT_TIMEOUT,
        what="A has no pending deliveries left",
    )
    assert a.status()["deliveries"]["failed"] == 0


def test_sigterm_during_a_fan_out_to_slow_inboxes_exits_in_time(
    fleet: NodeFleet, figures: Figures
) -> None:
    """CLI.md: `run` exits cleanly within 5 s of SIGTERM, even with deliveries hanging
    and a peer half-way through uploading an activity."""
    a = fleet.node("a", settings=NODE_SETTINGS)
    with FakeFediverse(servers=2, actors_per_server=10) as fediverse:
        follow_with_everyone(a, fediverse)
        fediverse.response_delay = 8.0  # far longer than the shutdown allowance
        practice_id = a.publish("practice", sample("practice", " (stopped mid-delivery)"))
        wait_until(
            lambda: holders(fediverse, practice_id) >= 1,
            timeout=FAN_OUT_TIMEOUT,
            interval=0.01,
            what="the first slow delivery reached its inbox",
        )
        with socket.create_connection((LOOPBACK, a.port), timeout=10) as slow_peer:
            slow_peer.sendall(
                f"POST /inbox HTTP/1.1\r\nHost: {LOOPBACK}:{a.port}\r\n"
                "Content-Type: application/activity+json\r\nContent-Length: 1000\r\n"
                "Expect: 100-continue\r\n\r\n".encode()
            )
            # "100 Continue" means the inbox handler is running and waiting for the body.
            assert slow_peer.recv(1024).startswith(b"HTTP/1.1 100")
            slow_peer.sendall(b'{"type": "Follow", ')
            figures(
                "SIGTERM with 8 s inboxes in flight and a half-sent POST: exited in",
                f"{a.stop():.2f} s",
            )

        fediverse.response_delay = 0.0
        a.start()
        wait_until(
            lambda: everyone_has(fediverse, practice_id),
            timeout=FAN_OUT_TIMEOUT,
            interval=0.05,
            what="every follower has the practice after the restart",
        )
        twice = sum(1 for actor in fediverse if actor.count_of("Create", practice_id) > 1)
        assert twice <= int(a.settings()["delivery_concurrency"])
