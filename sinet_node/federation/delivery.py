"""Delivery in two stages, everything in the database so a killed node resumes.

Stage one (fan-out) resolves an outgoing activity's audience to distinct inboxes,
shared inbox first, and inserts one delivery row per inbox in the same transaction
that marks the activity done. Stage two POSTs each delivery, signed, with a global
and a per-host concurrency limit over one keep-alive client; the retry policy decides
what happens next, and a host that keeps failing is paused (circuit breaker).

Errors: none escape; each outcome is written on its row.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections import defaultdict
from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlsplit

import httpx
from sqlalchemy import select

from sinet_node.federation.context import Node
from sinet_node.federation.fetch import FetchError, ForbiddenAddress, InvalidURL, SchemeNotAllowed
from sinet_node.federation.remote_actors import ActorUnavailable, get_actor
from sinet_node.federation.retry import (
    Delivered,
    GiveUp,
    RetryAt,
    RetryPolicy,
    decide,
    host_should_pause,
    pause_until,
)
from sinet_node.jsonio import dumps
from sinet_node.storage import follows as follow_store
from sinet_node.storage import hosts as host_store
from sinet_node.storage import outbox as outbox_store
from sinet_node.storage.models import Delivery, OutgoingActivity
from sinet_node.storage.queue import claim_due, mark_done, mark_failed

log = logging.getLogger(__name__)

UNREACHABLE = (ForbiddenAddress, SchemeNotAllowed, InvalidURL)
AS_CONTENT_TYPE = 'application/ld+json; profile="https://www.w3.org/ns/activitystreams"'


def retry_policy(node: Node) -> RetryPolicy:
    settings = node.settings
    return RetryPolicy(
        first_delay=settings.first_retry_seconds,
        max_delay=settings.max_retry_seconds,
        max_attempts=settings.max_delivery_attempts,
    )


def lease(node: Node) -> timedelta:
    return timedelta(seconds=node.settings.request_timeout_seconds + 30)


# Stage one -----------------------------------------------------------------------


async def _audience_actors(node: Node, outgoing: OutgoingActivity) -> list[str]:
    local_actor = node.actor_for(outgoing.signer)
    actors: list[str] = []
    async with node.sessions() as session:
        for entry in outgoing.audience:
            if entry in (node.urls.followers, f"{node.urls.instance_actor}/followers"):
                rows = await follow_store.followers(session, local_actor)
                actors.extend(row.actor_uri for row in rows)
            elif isinstance(entry, str) and not node.urls.is_local(entry):
                actors.append(entry)
    return list(dict.fromkeys(actors))


async def fan_out_one(node: Node, outgoing: OutgoingActivity) -> None:
    inboxes: dict[str, str] = {}
    problems: list[str] = []
    for actor_uri in await _audience_actors(node, outgoing):
        try:
            info = await get_actor(node, actor_uri)
        except ActorUnavailable as exc:
            problems.append(str(exc))
            continue
        inbox = info.delivery_inbox
        if inbox and not node.urls.is_local(inbox):
            inboxes.setdefault(inbox, urlsplit(inbox).netloc.lower())
    async with node.sessions.begin() as session:
        row = await session.get(OutgoingActivity, outgoing.id)
        if row is None:
            return
        await outbox_store.add_deliveries(session, row.id, inboxes, node.clock())
        mark_done(row)
        row.attempts += 1
        if problems:
            row.last_error = "; ".join(problems)[:2000]


async def fan_out(node: Node, *, limit: int = 20) -> int:
    async with node.sessions.begin() as session:
        claimed = await claim_due(
            session, OutgoingActivity, now=node.clock(), limit=limit, lease=lease(node)
        )
    for outgoing in claimed:
        await fan_out_one(node, outgoing)
    return len(claimed)


# Stage two -----------------------------------------------------------------------


@dataclass(frozen=True)
class Attempt:
    status: int | None
    retry_after: str | None
    error: str
    # The inbox can never be reached (a forbidden address, a bad URL): do not retry.
    permanent: bool = False


class Limits:
    """Global and per-host concurrency, shared by all batches of one worker."""

    def __init__(self, total: int, per_host: int) -> None:
        self.total = asyncio.Semaphore(total)
        self.hosts: dict[str, asyncio.Semaphore] = defaultdict(lambda: asyncio.Semaphore(per_host))


async def _post(node: Node, delivery: Delivery, body: bytes, signer: str) -> Attempt:
    headers = {"Content-Type": AS_CONTENT_TYPE, "Accept": "application/activity+json"}
    try:
        # Streamed and closed unread: a peer's answer body is of no use and may be huge.
        async with node.http.stream(
            "POST", delivery.inbox, content=body, headers=headers, auth=node.auth(signer)
        ) as response:
            status, retry_after = response.status_code, response.headers.get("retry-after")
    except UNREACHABLE as exc:
        return Attempt(None, None, f"{type(exc).__name__}: {exc}", permanent=True)
    except (httpx.HTTPError, FetchError, OSError) as exc:
        return Attempt(None, None, f"{type(exc).__name__}: {exc}")
    error = "" if 200 <= status < 300 else f"HTTP {status}"
    return Attempt(status, retry_after, error)


async def _record(node: Node, delivery_id: int, attempt: Attempt) -> None:
    now = node.clock()
    async with node.sessions.begin() as session:
        row = await session.get(Delivery, delivery_id)
        if row is None:
            return
        row.attempts += 1
        row.last_status = attempt.status
        decision = (
            GiveUp("the inbox cannot be reached from here")
            if attempt.permanent
            else decide(
                retry_policy(node),
                attempts_made=row.attempts,
                status=attempt.status,
                retry_after=attempt.retry_after,
                now=now,
                jitter=random.random() * 0.2,
            )
        )
        if isinstance(decision, Delivered):
            mark_done(row)
            row.delivered_at = now
            await host_store.record_success(session, row.host, now)
            return
        if isinstance(decision, GiveUp):
            mark_failed(row, f"{attempt.error}; gave up: {decision.reason}")
        elif isinstance(decision, RetryAt):
            row.next_attempt_at = decision.when
            row.locked_until = None
            row.last_error = attempt.error[:2000]
        if attempt.status is None or attempt.status >= 500 or attempt.status == 429:
            host = await host_store.record_failure(session, row.host, attempt.error, now)
            if host_should_pause(host.consecutive_failures, node.settings.host_failure_threshold):
                host.paused_until = pause_until(now, host.consecutive_failures, retry_policy(node))


async def _deliver_one(
    node: Node, limits: Limits, delivery: Delivery, body: bytes, signer: str
) -> None:
    # The outcome is recorded before the slot is released: a delivery that reached its
    # inbox but is not yet marked done is sent again after a crash, and holding the slot
    # keeps those to at most `delivery_concurrency` (DESIGN.md §6).
    async with limits.total, limits.hosts[delivery.host]:
        attempt = await _post(node, delivery, body, signer)
        await _record(node, delivery.id, attempt)


async def deliver(node: Node, limits: Limits, *, limit: int = 200) -> int:
    """Send one batch of due deliveries; returns how many were attempted."""
    now = node.clock()
    async with node.sessions.begin() as session:
        paused = await host_store.paused_hosts(session, now)
        where = [Delivery.host.not_in(paused)] if paused else []
        claimed = await claim_due(
            session, Delivery, now=now, limit=limit, lease=lease(node), where=where
        )
        outgoing_ids = {row.outgoing_id for row in claimed}
        outgoing = (
            {
                row.id: row
                for row in (
                    await session.scalars(
                        select(OutgoingActivity).where(OutgoingActivity.id.in_(outgoing_ids))
                    )
                ).all()
            }
            if outgoing_ids
            else {}
        )
    bodies = {oid: dumps(row.document) for oid, row in outgoing.items()}
    await asyncio.gather(
        *(
            _deliver_one(
                node, limits, row, bodies[row.outgoing_id], outgoing[row.outgoing_id].signer
            )
            for row in claimed
        )
    )
    return len(claimed)
