"""One queue helper for every work table (inbox items, outgoing activities, deliveries).

A row is *due* when its state is pending, its next_attempt_at has passed and nobody
holds a lease on it. Claiming sets ``locked_until`` (the lease); a worker that dies
leaves the lease to expire, so the row comes back. Nothing here commits.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from sinet_node.storage.models import Delivery, InboxItem, OutgoingActivity

PENDING = "pending"
DONE = "done"
FAILED = "failed"

QueueRow = TypeVar("QueueRow", InboxItem, OutgoingActivity, Delivery)


def due_filter(model: type[QueueRow], now: datetime) -> list[ColumnElement[bool]]:
    return [
        model.state == PENDING,
        model.next_attempt_at <= now,
        or_(model.locked_until.is_(None), model.locked_until < now),
    ]


async def claim_due(
    session: AsyncSession,
    model: type[QueueRow],
    *,
    now: datetime,
    limit: int,
    lease: timedelta,
    where: Sequence[ColumnElement[bool]] = (),
) -> list[QueueRow]:
    """Lease up to ``limit`` due rows, oldest first. SKIP LOCKED keeps PostgreSQL workers apart."""
    query = (
        select(model)
        .where(*due_filter(model, now), *where)
        .order_by(model.next_attempt_at, model.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    rows = list((await session.scalars(query)).all())
    for row in rows:
        row.locked_until = now + lease
    await session.flush()
    return rows


def mark_done(row: InboxItem | OutgoingActivity | Delivery) -> None:
    row.state = DONE
    row.locked_until = None
    row.last_error = None


def mark_failed(row: InboxItem | OutgoingActivity | Delivery, error: str) -> None:
    row.state = FAILED
    row.locked_until = None
    row.last_error = error[:2000]


def schedule_retry(
    row: InboxItem | OutgoingActivity | Delivery, when: datetime, error: str
) -> None:
    row.next_attempt_at = when
    row.locked_until = None
    row.last_error = error[:2000]


async def release_claims(session: AsyncSession, model: type[QueueRow]) -> int:
    """Drop every lease (a single-process node at start-up: whoever held them is gone)."""
    result: Any = await session.execute(
        update(model).where(model.locked_until.is_not(None)).values(locked_until=None)
    )
    return int(result.rowcount or 0)


async def next_due_at(session: AsyncSession, model: type[QueueRow]) -> datetime | None:
    query = select(model.next_attempt_at).where(model.state == PENDING)
    query = query.order_by(model.next_attempt_at).limit(1)
    return (await session.scalars(query)).first()
