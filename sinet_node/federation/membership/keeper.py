"""Keeping the directory true while the node runs (anti-entropy, no centre needed).

Every member is read again now and then: its directory (so news of members reaches us even
when we missed the Add), and its own statement within it (so we notice it left). A member
that does not answer is tried again with backoff and, after a few failures, listed as
unreachable; it is active again as soon as it answers or writes to us. Members named by
others whose statements we could not check are checked again the same way. After a
process start, and when a member comes back, its outbox is read again, so what either side
missed while apart arrives.

Errors: none escape a pass except database errors (the caller's loop logs them).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging

from sinet_node.federation.context import Node
from sinet_node.federation.membership.backfill import backfill
from sinet_node.federation.membership.directory import DirectoryUnreadable, read_directory
from sinet_node.federation.membership.peers import NotAMember, PeerUnreachable, directory_of
from sinet_node.federation.membership.registry import (
    backoff,
    merge,
    next_regular_check,
    own_member,
)
from sinet_node.federation.membership.statements import (
    StatementRefused,
    check_entries,
    check_entry,
    read_statement,
)
from sinet_node.storage import members as member_store
from sinet_node.storage.members import ACTIVE, LEFT, UNREACHABLE, UNVERIFIED
from sinet_node.storage.models import Member

log = logging.getLogger(__name__)

UNREACHABLE_AFTER = 3  # failed reads in a row
FORGET_UNVERIFIED_AFTER = 20  # a claim nobody can ever check is dropped
PASS_LIMIT = 4


class Keeper:
    def __init__(self, node: Node) -> None:
        self.node = node
        self.caught_up: set[str] = set()  # members whose outbox was read since we started

    async def run_once(self) -> int:
        node = self.node
        own = await own_member(node)
        if own.state == LEFT:
            return 0  # left the network: nobody to keep up with
        async with node.sessions() as session:
            due = await member_store.due(
                session, now=node.clock(), exclude=node.urls.origin, limit=PASS_LIMIT
            )
        for row in due:
            if row.state == UNVERIFIED:
                await self._verify(row)
            else:
                await self._read(row)
        return len(due)

    async def run_forever(self, stop: asyncio.Event) -> None:
        pause = min(5.0, self.node.settings.membership_check_seconds)
        while not stop.is_set():
            try:
                worked = await self.run_once()
            except Exception:  # a database hiccup must not end the keeper
                log.exception("membership pass failed")
                worked = 0
            if not worked:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), pause)

    async def _failed(self, row: Member, error: str) -> None:
        node = self.node
        async with node.sessions.begin() as session:
            stored = await session.get(Member, row.id)
            if stored is None:
                return
            stored.failures += 1
            stored.last_error = error[:2000]
            if stored.state == UNVERIFIED and stored.failures >= FORGET_UNVERIFIED_AFTER:
                await session.delete(stored)
                return
            if stored.state == ACTIVE and stored.failures >= UNREACHABLE_AFTER:
                stored.state = UNREACHABLE
                self.caught_up.discard(stored.node)  # read its outbox again when it is back
            stored.next_check_at = node.clock() + backoff(node, stored.failures)

    async def _verify(self, row: Member) -> None:
        checked = await check_entry(self.node, row.statement)
        if checked.statement is None:  # refused for good: forged or malformed
            async with self.node.sessions.begin() as session:
                stored = await session.get(Member, row.id)
                if stored is not None:
                    await session.delete(stored)
            return
        if not checked.verified:
            await self._failed(row, checked.problem or "cannot be checked yet")
            return
        await merge(self.node, checked.statement, verified=True, introduced_by=row.introduced_by)

    async def _read(self, row: Member) -> None:
        node = self.node
        try:
            members = await directory_of(node, row.node, row.instance_actor)
            entries = await read_directory(node, members)
        except (NotAMember, PeerUnreachable, DirectoryUnreadable) as exc:
            await self._failed(row, str(exc))
            return
        async with node.sessions.begin() as session:
            await member_store.mark_seen(session, row.node, node.clock())
            stored = await session.get(Member, row.id)
            if stored is not None:
                stored.next_check_at = next_regular_check(node, node.clock())
        await self._merge_news(row, entries)
        await self._catch_up(row)

    async def _merge_news(self, row: Member, entries: list[object]) -> None:
        """Statements newer than what we hold (the member's own among them)."""
        node = self.node
        fresh = []
        async with node.sessions() as session:
            for entry in entries:
                try:
                    claimed = read_statement(entry)
                except StatementRefused:
                    continue
                if claimed.node == node.urls.origin:
                    continue
                known = await member_store.by_node(session, claimed.node)
                if (
                    known is None
                    or known.state == UNVERIFIED
                    or (claimed.updated > known.statement_updated)
                ):
                    fresh.append(entry)
        for item in await check_entries(node, fresh):
            if item.statement is not None:
                await merge(
                    node, item.statement, verified=item.verified, introduced_by=row.instance_actor
                )

    async def _catch_up(self, row: Member) -> None:
        node = self.node
        async with node.sessions() as session:
            current = await session.get(Member, row.id)
        if current is None or current.state != ACTIVE:
            return
        if current.node in self.caught_up and current.backfilled_at is not None:
            return
        result = await backfill(node, current.organisation)
        if result.error:
            log.info("backfill of %s stopped: %s", current.node, result.error)
            return
        self.caught_up.add(current.node)
        async with node.sessions.begin() as session:
            stored = await session.get(Member, row.id)
            if stored is not None:
                stored.backfilled_at = node.clock()
