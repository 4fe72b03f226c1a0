"""The member directory as this node keeps it: our own entry, and what we learn of others.

Every change comes from a member's own statement (``merge``). A newer statement replaces an
older one; a member that becomes active is welcomed (our instance actor and organisation
follow its two actors, and it gets our statement), one that leaves is no longer delivered
to. Introductions by others are accepted automatically or held for an admin
(``introductions`` in the settings); a node we join through ourselves is always admitted.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from sinet_node.federation import activities
from sinet_node.federation.context import Node
from sinet_node.federation.follows import queue_follow
from sinet_node.federation.membership.statements import (
    Statement,
    own_statement,
)
from sinet_node.federation.outbox import new_activity_id, send
from sinet_node.federation.signed_documents import with_proof
from sinet_node.storage import keys as key_store
from sinet_node.storage import members as member_store
from sinet_node.storage.members import ACTIVE, LEFT, PENDING, UNVERIFIED
from sinet_node.storage.models import Follower, Following, Member

# Outcomes of a merge, for reports and tests.
NEW = "new"
WELCOMED = "welcomed"
HELD = "held"  # waiting for an admin's approval
LEAVING = "left"
UNCHANGED = "unchanged"
NOTED = "noted"  # recorded, not verified yet
MAX_UNVERIFIED = 500


async def own_member(node: Node) -> Member:
    """Our own entry, made the first time anyone asks (a node is a network of one)."""
    async with node.sessions() as session:
        row = await member_store.by_node(session, node.urls.origin)
    if row is not None:
        return row
    now = node.clock()
    try:
        async with node.sessions.begin() as session:
            row = Member(
                node=node.urls.origin,
                instance_actor=node.urls.instance_actor,
                organisation=node.urls.actor,
                state=ACTIVE,
                statement=own_statement(node.urls, state=ACTIVE, since=now, updated=now),
                statement_updated=now,
                admitted=True,
                since=now,
                last_seen=None,
                failures=0,
                next_check_at=now,
            )
            session.add(row)
    except IntegrityError:  # another process made it first
        async with node.sessions() as session:
            found = await member_store.by_node(session, node.urls.origin)
        assert found is not None
        return found
    return row


def signed_statement(node: Node, row: Member) -> dict[str, Any]:
    """Our statement as it is served and sent: proven by our instance actor now."""
    return with_proof(node, dict(row.statement), key_store.INSTANCE)


async def set_own_state(node: Node, session: AsyncSession, state: str) -> Member:
    """Record that we (re)join or leave; the statement's `updated` moves on."""
    row = await member_store.by_node(session, node.urls.origin)
    assert row is not None, "own_member() first"
    now = node.clock()
    since = row.since or now
    row.state = state
    row.statement = own_statement(node.urls, state=state, since=since, updated=now)
    row.statement_updated = now
    return row


def announce_statement(
    session: AsyncSession,
    node: Node,
    own: Member,
    recipients: list[str],
    *,
    activity_type: str = "Add",
) -> None:
    """Send our statement to members' instance actors: Add (we are a member) or Remove (we
    leave). Proven by our instance actor, as is the statement inside."""
    if not recipients:
        return
    document = activities.activity(
        activity_id=new_activity_id(node),
        activity_type=activity_type,
        actor=node.urls.instance_actor,
        obj=signed_statement(node, own),
        target=node.urls.members,
        to=recipients,
        published=node.clock(),
    )
    send(session, node, document, signer=key_store.INSTANCE, audience=recipients, public=False)


async def _welcome(session: AsyncSession, node: Node, row: Member) -> None:
    """Follow the member's two actors (unless already) and tell it we are a member."""
    await queue_follow(session, node, row.instance_actor, signer=key_store.INSTANCE, again=False)
    await queue_follow(session, node, row.organisation, signer=key_store.ORGANISATION, again=False)
    own = await member_store.by_node(session, node.urls.origin)
    if own is not None and own.state == ACTIVE:
        announce_statement(session, node, own, [row.instance_actor])


async def _farewell(session: AsyncSession, row: Member) -> None:
    """A member that left gets nothing more from us, and we expect nothing from it."""
    actors = (row.instance_actor, row.organisation)
    await session.execute(delete(Follower).where(Follower.actor_uri.in_(actors)))
    await session.execute(delete(Following).where(Following.actor_uri.in_(actors)))


@dataclass(frozen=True)
class Merged:
    node: str
    outcome: str


def _state_for(node: Node, statement: Statement, *, verified: bool, admitted: bool) -> str:
    if not verified:
        return UNVERIFIED
    if statement.state == LEFT:
        return LEFT
    if admitted or node.settings.introductions == "automatic":
        return ACTIVE
    return PENDING


async def merge(
    node: Node,
    statement: Statement,
    *,
    verified: bool,
    introduced_by: str | None,
    admitted: bool = False,
) -> Merged:
    """Take in what a member says of itself (or, unverified, what someone says of it)."""
    async with node.sessions.begin() as session:
        return await merge_in(
            session,
            node,
            statement,
            verified=verified,
            introduced_by=introduced_by,
            admitted=admitted,
        )


async def merge_in(
    session: AsyncSession,
    node: Node,
    statement: Statement,
    *,
    verified: bool,
    introduced_by: str | None,
    admitted: bool = False,
) -> Merged:
    """``merge``, in the caller's transaction."""
    if statement.node == node.urls.origin:
        return Merged(statement.node, UNCHANGED)  # only we speak for ourselves
    now = node.clock()
    row = await member_store.by_node(session, statement.node)
    if (
        row is None
        and not verified
        and await member_store.unverified_count(session) >= (MAX_UNVERIFIED)
    ):
        return Merged(statement.node, UNCHANGED)  # a flood of claims nobody can check
    if row is None:
        row = Member(
            node=statement.node,
            instance_actor=statement.instance_actor,
            organisation=statement.organisation,
            statement=statement.document,
            statement_updated=statement.updated,
            admitted=admitted,
            introduced_by=introduced_by,
            failures=0,
            next_check_at=now,
            state=UNVERIFIED,
        )
        session.add(row)
        before = None
    else:
        before = row.state
        newer = statement.updated > row.statement_updated
        confirms = verified and row.state == UNVERIFIED
        if not (newer or confirms) or (not verified and before != UNVERIFIED):
            return Merged(statement.node, UNCHANGED)
        row.statement = statement.document
        row.statement_updated = statement.updated
        row.organisation = statement.organisation
        row.admitted = row.admitted or admitted
    state = _state_for(node, statement, verified=verified, admitted=row.admitted)
    if before in (ACTIVE, member_store.UNREACHABLE) and state == ACTIVE:
        return Merged(statement.node, UNCHANGED)  # a newer statement, nothing new to do
    row.state = state
    if state == UNVERIFIED:
        return Merged(statement.node, NOTED)
    if state == PENDING:
        return Merged(statement.node, HELD)
    if state == LEFT:
        await _farewell(session, row)
        return Merged(statement.node, LEAVING)
    row.since = row.since or now
    row.last_seen = now
    row.failures = 0
    row.backfilled_at = None  # the keeper reads its outbox (join does it at once)
    row.next_check_at = now
    await session.flush()
    await _welcome(session, node, row)
    return Merged(statement.node, WELCOMED if before is not None else NEW)


async def answer_introduction(node: Node, member: str, *, approve: bool) -> Member:
    """An admin's answer to a held introduction: welcome the member, or forget it."""
    await own_member(node)
    async with node.sessions.begin() as session:
        row = await member_store.by_node(session, member)
        if row is None or row.state != PENDING:
            raise LookupError(f"no introduction of {member} is waiting for approval")
        if not approve:
            await session.delete(row)
            return row
        now = node.clock()
        row.state = ACTIVE
        row.admitted = True
        row.since = row.since or now
        row.next_check_at = now
        row.backfilled_at = None
        await session.flush()
        await _welcome(session, node, row)
        return row


def backoff(node: Node, failures: int) -> timedelta:
    """When to try an unreachable or unverified member again: doubling, capped."""
    base = node.settings.membership_check_seconds
    return timedelta(seconds=min(base * 12, base * (2 ** max(0, failures - 1)) / 4))


def next_regular_check(node: Node, now: datetime) -> datetime:
    return now + timedelta(seconds=node.settings.membership_check_seconds)
