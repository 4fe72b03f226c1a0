"""Our published activities and the two delivery stages. Never commits."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import ColumnElement, func, or_, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from sinet_node.storage.models import Delivery, LocalActivity, OutgoingActivity, StoredObject
from sinet_node.storage.queue import DONE, FAILED, PENDING


def record_activity(
    session: AsyncSession,
    *,
    document: dict[str, Any],
    object_uri: str | None,
    public: bool,
    published: datetime,
) -> LocalActivity:
    row = LocalActivity(
        uri=document["id"],
        type=document["type"],
        actor=document["actor"],
        object_uri=object_uri,
        document=document,
        public=public,
        published=published,
    )
    session.add(row)
    return row


def queue_outgoing(
    session: AsyncSession,
    *,
    document: dict[str, Any],
    signer: str,
    audience: Sequence[str],
    now: datetime,
) -> OutgoingActivity:
    row = OutgoingActivity(
        activity_uri=document["id"],
        signer=signer,
        document=document,
        audience=list(audience),
        state=PENDING,
        attempts=0,
        next_attempt_at=now,
        created_at=now,
    )
    session.add(row)
    return row


async def activity_by_uri(session: AsyncSession, uri: str) -> LocalActivity | None:
    return (await session.scalars(select(LocalActivity).where(LocalActivity.uri == uri))).first()


def _visible(actor: str, activity_type: str) -> list[ColumnElement[bool]]:
    """Public activities of the actor, leaving out those about objects since deleted."""
    deleted = select(StoredObject.uri).where(StoredObject.deleted_at.is_not(None))
    return [
        LocalActivity.actor == actor,
        LocalActivity.type == activity_type,
        LocalActivity.public.is_(True),
        or_(LocalActivity.object_uri.is_(None), LocalActivity.object_uri.not_in(deleted)),
    ]


async def count_public(session: AsyncSession, actor: str, activity_type: str) -> int:
    query = select(func.count(LocalActivity.id)).where(*_visible(actor, activity_type))
    return int((await session.scalar(query)) or 0)


async def public_page(
    session: AsyncSession, actor: str, activity_type: str, *, offset: int, limit: int
) -> list[LocalActivity]:
    query = (
        select(LocalActivity)
        .where(
            LocalActivity.actor == actor, LocalActivity.type == activity_type, LocalActivity.public
        )
        .order_by(LocalActivity.published.desc(), LocalActivity.id.desc())
        .offset(offset)
        .limit(limit)
    )
    return list((await session.scalars(query)).all())


async def add_deliveries(
    session: AsyncSession, outgoing_id: int, inboxes: dict[str, str], now: datetime
) -> None:
    """One row per distinct inbox; re-running a fan-out (after a crash) adds nothing twice."""
    if not inboxes:
        return
    rows = [
        {
            "outgoing_id": outgoing_id,
            "inbox": inbox,
            "host": host,
            "state": PENDING,
            "attempts": 0,
            "next_attempt_at": now,
            "created_at": now,
        }
        for inbox, host in inboxes.items()
    ]
    dialect = session.get_bind().dialect.name
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    statement = insert(Delivery).values(rows).on_conflict_do_nothing()
    await session.execute(statement)


async def delivery_counts(session: AsyncSession) -> dict[str, int]:
    """Deliveries by state. An activity not yet resolved to its inboxes (the running node
    does that within seconds) counts as one pending delivery, so queued work never shows 0."""
    query = select(Delivery.state, func.count(Delivery.id)).group_by(Delivery.state)
    counts = {PENDING: 0, FAILED: 0, DONE: 0}
    for state, count in (await session.execute(query)).all():
        counts[state] = int(count)
    unresolved = select(func.count(OutgoingActivity.id)).where(OutgoingActivity.state == PENDING)
    counts[PENDING] += int((await session.scalar(unresolved)) or 0)
    return counts
