"""The worker: drains the inbox queue and the two delivery stages.

This is the one catch-all boundary: an exception escaping a handler is recorded on
its queue row and retried with backoff; ``Unprocessable`` is recorded and not retried.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from datetime import timedelta

from sinet_node.federation import delivery
from sinet_node.federation.context import Node
from sinet_node.federation.handlers import HANDLERS, Incoming, Unprocessable
from sinet_node.federation.membership import introductions  # noqa: F401 (Add, Remove)
from sinet_node.federation.membership.statements import origin_of
from sinet_node.federation.remote_actors import ActorUnavailable
from sinet_node.federation.remote_objects import ObjectUnavailable
from sinet_node.storage import members as member_store
from sinet_node.storage.models import InboxItem
from sinet_node.storage.queue import claim_due, mark_done, mark_failed, schedule_retry

log = logging.getLogger(__name__)

INBOX_MAX_ATTEMPTS = 6


async def _process(node: Node, item: InboxItem) -> None:
    handler = HANDLERS.get(str(item.document.get("type")))
    error: str | None = None
    retry = False
    if handler is not None:
        try:
            await handler(node, Incoming(item.document, item.actor_uri, item.recipient))
        except Unprocessable as exc:
            error = f"unprocessable: {exc}"
        except ObjectUnavailable as exc:
            error, retry = str(exc), not exc.permanent
        except ActorUnavailable as exc:
            error, retry = str(exc), True
        except Exception as exc:  # the worker boundary: record, never crash the loop
            log.exception("handling %s failed", item.activity_uri)
            error, retry = f"{type(exc).__name__}: {exc}", True
    async with node.sessions.begin() as session:
        row = await session.get(InboxItem, item.id)
        if row is None:
            return
        row.attempts += 1
        if error is None:
            mark_done(row)
            # Whatever a member's actor sends shows the member is reachable.
            await member_store.mark_seen(session, origin_of(item.actor_uri) or "", node.clock())
        elif retry and row.attempts < INBOX_MAX_ATTEMPTS:
            delay = node.settings.first_retry_seconds * (3 ** (row.attempts - 1))
            schedule_retry(row, node.clock() + timedelta(seconds=delay), error)
        else:
            mark_failed(row, error)


async def process_inbox(node: Node, *, limit: int = 50) -> int:
    async with node.sessions.begin() as session:
        claimed = await claim_due(
            session, InboxItem, now=node.clock(), limit=limit, lease=timedelta(minutes=5)
        )
    for item in claimed:
        await _process(node, item)
    return len(claimed)


class Worker:
    def __init__(self, node: Node) -> None:
        self.node = node
        self.limits = delivery.Limits(
            node.settings.delivery_concurrency, node.settings.per_host_concurrency
        )

    async def run_once(self) -> int:
        """One pass over every queue; returns how many rows it worked on."""
        await self.node.refresh_keys()  # `sinet-node rotate-keys` may have run meanwhile
        done = await process_inbox(self.node)
        done += await delivery.fan_out(self.node)
        done += await delivery.deliver(self.node, self.limits)
        return done

    async def drain(self, *, max_passes: int = 100) -> None:
        """Work until nothing is due (tests use this instead of sleeping)."""
        for _ in range(max_passes):
            if await self.run_once() == 0:
                return

    async def run_forever(self, stop: asyncio.Event) -> None:
        while not stop.is_set():
            try:
                worked = await self.run_once()
            except Exception:  # a database hiccup must not end the node's worker
                log.exception("worker pass failed")
                worked = 0
            if not worked:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), self.node.settings.poll_interval_seconds)
