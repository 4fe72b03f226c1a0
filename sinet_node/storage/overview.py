"""The numbers on the admin home page, one query each. Never commits."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, func, select
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


async def _count(session: AsyncSession, model: type[Any], *where: ColumnElement[bool]) -> int:
    return int((await session.scalar(select(func.count()).select_from(model).where(*where))) or 0)


async def overview(session: AsyncSession, local_actor: str) -> Overview:
    by_kind = await session.execute(
        select(StoredObject.kind, func.count(StoredObject.id))
        .where(StoredObject.local.is_(True), StoredObject.deleted_at.is_(None))
        .group_by(StoredObject.kind)
    )

    ours = Follower.local_actor == local_actor
    deliveries = await delivery_counts(session)
    return Overview(
        published={kind: int(n) for kind, n in by_kind.all()},
        followers=await _count(session, Follower, ours, Follower.state == follow_store.ACCEPTED),
        follow_requests=await _count(
            session, Follower, ours, Follower.state == follow_store.PENDING
        ),
        following=await _count(session, Following, Following.local_actor == local_actor),
        deliveries_waiting=deliveries[PENDING],
        deliveries_failed=deliveries[FAILED],
        accounts=await _count(session, AccountRecord),
    )
