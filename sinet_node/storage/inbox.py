"""The inbox queue table. Never commits."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession

from sinet_node.storage.models import InboxItem
from sinet_node.storage.queue import PENDING


async def seen(session: AsyncSession, activity_uri: str) -> bool:
    query = select(InboxItem.id).where(InboxItem.activity_uri == activity_uri)
    return (await session.scalars(query)).first() is not None


async def enqueue(
    session: AsyncSession,
    *,
    activity_uri: str,
    actor_uri: str,
    signer_key_id: str,
    recipient: str,
    document: dict[str, Any],
    now: datetime,
) -> bool:
    """Store an authenticated activity for the worker; False if it was already there."""
    item = InboxItem(
        activity_uri=activity_uri,
        actor_uri=actor_uri,
        signer_key_id=signer_key_id,
        recipient=recipient,
        document=document,
        state=PENDING,
        attempts=0,
        next_attempt_at=now,
        received_at=now,
    )
    try:
        async with session.begin_nested():
            session.add(item)
            await session.flush()
    except IntegrityError:
        return False
    return True
