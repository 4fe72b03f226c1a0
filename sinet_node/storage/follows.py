"""Followers (remote actors following us) and following (whom we follow). Never commits."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from sinet_node.storage.models import Follower, Following

ACCEPTED = "accepted"
PENDING = "pending"
REJECTED = "rejected"


async def follower(session: AsyncSession, local_actor: str, actor_uri: str) -> Follower | None:
    query = select(Follower).where(
        Follower.local_actor == local_actor, Follower.actor_uri == actor_uri
    )
    return (await session.scalars(query)).first()


async def upsert_follower(
    session: AsyncSession,
    *,
    local_actor: str,
    actor_uri: str,
    follow_uri: str,
    state: str,
    now: datetime,
) -> Follower:
    row = await follower(session, local_actor, actor_uri)
    if row is None:
        row = Follower(local_actor=local_actor, actor_uri=actor_uri, created_at=now)
        session.add(row)
    elif row.state == ACCEPTED:
        state = ACCEPTED  # a repeated Follow never demotes an accepted follower
    row.follow_uri = follow_uri
    row.state = state
    row.updated_at = now
    await session.flush()
    return row


async def followers(
    session: AsyncSession, local_actor: str, state: str = ACCEPTED
) -> list[Follower]:
    query = (
        select(Follower)
        .where(Follower.local_actor == local_actor, Follower.state == state)
        .order_by(Follower.created_at, Follower.id)
    )
    return list((await session.scalars(query)).all())


async def count_followers(session: AsyncSession, local_actor: str) -> int:
    query = select(func.count(Follower.id)).where(
        Follower.local_actor == local_actor, Follower.state == ACCEPTED
    )
    return int((await session.scalar(query)) or 0)


async def following_by_follow_uri(session: AsyncSession, follow_uri: str) -> Following | None:
    return (
        await session.scalars(select(Following).where(Following.follow_uri == follow_uri))
    ).first()


async def following(session: AsyncSession, local_actor: str, actor_uri: str) -> Following | None:
    query = select(Following).where(
        Following.local_actor == local_actor, Following.actor_uri == actor_uri
    )
    return (await session.scalars(query)).first()


async def all_following(session: AsyncSession, local_actor: str) -> list[Following]:
    query = select(Following).where(Following.local_actor == local_actor)
    return list((await session.scalars(query.order_by(Following.created_at, Following.id))).all())


async def is_following(session: AsyncSession, actor_uri: str) -> bool:
    query = select(Following.id).where(
        Following.actor_uri == actor_uri, Following.state != REJECTED
    )
    return (await session.scalars(query)).first() is not None
