"""The member directory's rows (``Member``), ours included. Never commits."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from sinet_node.storage.models import Member

ACTIVE = "active"
UNREACHABLE = "unreachable"
LEFT = "left"
PENDING = "pending"  # an introduction held for an admin's approval
UNVERIFIED = "unverified"  # named by someone else; its own statement not checked yet

# What `sinet-node network` and the admin page list: members, not mere claims.
LISTED = (ACTIVE, UNREACHABLE, LEFT, PENDING)
# Whom we tell about directory changes, and whose directory we read again now and then.
IN_TOUCH = (ACTIVE, UNREACHABLE)


async def by_node(session: AsyncSession, node: str) -> Member | None:
    return (await session.scalars(select(Member).where(Member.node == node))).first()


async def listed(session: AsyncSession, *, exclude: str) -> Sequence[Member]:
    query = (
        select(Member)
        .where(Member.state.in_(LISTED), Member.node != exclude)
        .order_by(Member.since, Member.node)
    )
    return (await session.scalars(query)).all()


async def in_touch(session: AsyncSession, *, exclude: str) -> Sequence[Member]:
    query = select(Member).where(Member.state.in_(IN_TOUCH), Member.node != exclude)
    return (await session.scalars(query.order_by(Member.node))).all()


async def directory_page(
    session: AsyncSession, *, offset: int, limit: int
) -> tuple[Sequence[Member], int]:
    """Members whose statements we publish (ours first, then by when they joined)."""
    shown = Member.state.in_((ACTIVE, UNREACHABLE, LEFT))
    total = int((await session.scalar(select(func.count(Member.id)).where(shown))) or 0)
    query = select(Member).where(shown).order_by(Member.id).offset(offset).limit(limit)
    return (await session.scalars(query)).all() if limit else [], total


async def due(
    session: AsyncSession, *, now: datetime, exclude: str, limit: int
) -> Sequence[Member]:
    query = (
        select(Member)
        .where(
            Member.next_check_at <= now,
            Member.node != exclude,
            Member.state.in_((ACTIVE, UNREACHABLE, UNVERIFIED)),
        )
        .order_by(Member.next_check_at)
        .limit(limit)
    )
    return (await session.scalars(query)).all()


async def mark_seen(session: AsyncSession, node: str, now: datetime) -> None:
    """The member answered or wrote: it is reachable (an unreachable one is active again)."""
    await session.execute(
        update(Member)
        .where(Member.node == node, Member.state.in_(IN_TOUCH))
        .values(state=ACTIVE, last_seen=now, failures=0, last_error=None)
    )


async def unverified_count(session: AsyncSession) -> int:
    query = select(func.count(Member.id)).where(Member.state == UNVERIFIED)
    return int((await session.scalar(query)) or 0)
