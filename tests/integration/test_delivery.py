"""Delivery as a peer sees it: retries with backoff and Retry-After, permanent failures,
a paused host resumed when it signs a request to us."""

from __future__ import annotations

import json

import httpx
from sqlalchemy import select

from sinet_node.config import Settings
from sinet_node.federation import local_publishing
from sinet_node.federation.worker import Worker
from sinet_node.node import create_node_files, open_node
from sinet_node.storage import actors as actor_store
from sinet_node.storage import follows as follow_store
from sinet_node.storage.models import Delivery, Host, LocalActivity, OutgoingActivity
from tests.conftest import Clock, LiveNode
from tests.fakes.fediverse import signed_post_headers
from tests.integration.test_publishing import follow, load


async def deliveries(live: LiveNode) -> list[Delivery]:
    """Deliveries of our Create (the follow's Accept is not what these tests watch)."""
    async with live.node.sessions() as session:
        query = (
            select(Delivery)
            .join(OutgoingActivity, OutgoingActivity.id == Delivery.outgoing_id)
            .where(
                OutgoingActivity.activity_uri.in_(
                    select(LocalActivity.uri).where(LocalActivity.type == "Create")
                )
            )
            .order_by(Delivery.id)
        )
        return list((await session.scalars(query)).all())


async def test_retry_after_a_5xx_honours_retry_after_then_delivers(live: LiveNode) -> None:
    alice = await follow(live, "https://peer.example/users/alice")
    live.fediverse.program(alice.inbox, httpx.Response(503, headers={"Retry-After": "120"}))
    await local_publishing.publish(live.node, "practice", load("practice"))
    await live.drain()
    [row] = await deliveries(live)
    assert row.state == "pending" and row.attempts == 1 and row.last_status == 503
    assert (row.next_attempt_at - live.clock()).total_seconds() >= 120
    live.clock.advance(seconds=60)
    await live.drain()
    assert len(live.fediverse.posts_to(alice.inbox)) == 1  # not yet: Retry-After holds
    live.clock.advance(seconds=61)
    await live.drain()
    [row] = await deliveries(live)
    assert row.state == "done" and row.attempts == 2
    assert len(live.fediverse.posts_to(alice.inbox)) == 2


async def test_first_retry_comes_soon(live: LiveNode) -> None:
    alice = await follow(live, "https://peer.example/users/alice")
    live.fediverse.program(alice.inbox, httpx.Response(500))
    await local_publishing.publish(live.node, "practice", load("practice"))
    await live.drain()
    [row] = await deliveries(live)
    assert 0 < (row.next_attempt_at - live.clock()).total_seconds() <= 30


async def test_gone_inbox_is_permanent(live: LiveNode) -> None:
    alice = await follow(live, "https://peer.example/users/alice")
    live.fediverse.program(alice.inbox, httpx.Response(410))
    await local_publishing.publish(live.node, "practice", load("practice"))
    await live.drain()
    live.clock.advance(hours=10)
    await live.drain()
    [row] = await deliveries(live)
    assert row.state == "failed" and row.attempts == 1
    assert len(live.fediverse.posts_to(alice.inbox)) == 1


async def test_failing_host_is_paused_and_resumed_by_a_signed_request(live: LiveNode) -> None:
    threshold = live.node.settings.host_failure_threshold
    alice = await follow(live, "https://peer.example/users/alice")
    live.fediverse.program(alice.inbox, *[httpx.Response(502) for _ in range(threshold + 5)])
    await local_publishing.publish(live.node, "practice", load("practice"))
    for attempt in range(threshold):
        if attempt:
            [row] = await deliveries(live)
            live.clock.now = max(live.clock.now, row.next_attempt_at)
        await live.drain()
    async with live.node.sessions() as session:
        host = await session.get(Host, "peer.example")
    assert host is not None and host.paused_until is not None
    sent_before = len(live.fediverse.posts_to(alice.inbox))
    # New work for a paused host waits instead of hammering it.
    await local_publishing.publish(live.node, "event", load("event"))
    await live.drain()
    assert len(live.fediverse.posts_to(alice.inbox)) == sent_before
    # The peer comes back and signs a request to us: the host resumes at once.
    live.fediverse.answers[alice.inbox].clear()
    body = json.dumps(
        {
            "id": f"{alice.id}/like/1",
            "type": "Like",
            "actor": alice.id,
            "object": "https://node.example/x",
        }
    ).encode()
    response = await live.client.post(
        live.node.urls.inbox,
        content=body,
        headers=signed_post_headers(alice, live.node.urls.inbox, body, now=live.clock()),
    )
    assert response.status_code == 202
    await live.drain()
    assert [row.state for row in await deliveries(live)] == ["done", "done"]


async def test_inbox_at_a_forbidden_address_fails_at_once_without_connecting(
    settings: Settings, clock: Clock
) -> None:
    """A follower whose inbox points into our private network is never contacted."""
    await create_node_files(settings)  # no --allow-private: loopback is forbidden
    async with open_node(settings, clock=clock) as node:  # the real guarded transport
        async with node.sessions.begin() as session:
            await actor_store.upsert(
                session,
                uri="https://sneaky.example/users/x",
                key_id=None,
                public_key_pem=None,
                inbox="https://127.0.0.1:9/inbox",
                shared_inbox=None,
                preferred_username="x",
                name=None,
                document={},
                now=clock(),
            )
            await follow_store.upsert_follower(
                session,
                local_actor=node.urls.actor,
                actor_uri="https://sneaky.example/users/x",
                follow_uri="https://sneaky.example/f/1",
                state=follow_store.ACCEPTED,
                now=clock(),
            )
        await local_publishing.publish(node, "practice", load("practice"))
        await Worker(node).drain()
        async with node.sessions() as session:
            [row] = (await session.scalars(select(Delivery))).all()
    assert row.state == "failed" and row.attempts == 1
    assert "ForbiddenAddress" in (row.last_error or "")
