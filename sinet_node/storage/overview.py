"""The numbers on the admin home page, one query each. Never commits."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from sinet_node.storage import follows as follow_store
from sinet_node.storage.models import AccountRecord, Follower, Following, StoredObject
from sinet_node.storage.outbox import delivery_counts
from sinet_node.storage.queue import FAILED, PENDING


@dataclass(frozen=True)
class Overview:
    published: dict[str, int]  # our live objects by kind (practice, event, call)
    followers: int
    follow_requests: int
    following: int
    deliveries_waiting: int
    deliveries_failed: int
    accounts: int


async def _count(session: AsyncSession, query: object) -> int:
    return int((await session.scalar(query)) or 0)  # type: ignore[call-overload]


async def overview(session: AsyncSession, local_actor: str) -> Overview:
    by_kind = await session.execute(
        select(StoredObject.kind, func.count(StoredObject.id))
        .where(StoredObject.local.is_(True), StoredObject.deleted_at.is_(None))
        .group_by(StoredObject.kind)
    )

    def followers_in(state: str) -> object:
        return select(func.count(Follower.id)).where(
            Follower.local_actor == local_actor, Follower.state == state
        )

    deliveries = await delivery_counts(session)
    return Overview(
        published={kind: int(n) for kind, n in by_kind.all()},
        followers=await _count(session, followers_in(follow_store.ACCEPTED)),
        follow_requests=await _count(session, followers_in(follow_store.PENDING)),
        following=await _count(
            session, select(func.count(Following.id)).where(Following.local_actor == local_actor)
        ),
        deliveries_waiting=deliveries[PENDING],
        deliveries_failed=deliveries[FAILED],
        accounts=await _count(session, select(func.count(AccountRecord.id))),
    )
