"""Key pairs of the local actors. Never commits; never generates (federation.keys does)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from sinet_node.storage.models import KeyPair

ORGANISATION = "organisation"
INSTANCE = "instance"


async def current_key(session: AsyncSession, owner: str) -> KeyPair | None:
    query = (
        select(KeyPair)
        .where(KeyPair.owner == owner, KeyPair.retired_at.is_(None))
        .order_by(KeyPair.created_at.desc(), KeyPair.id.desc())
        .limit(1)
    )
    return (await session.scalars(query)).first()


def add_key(
    session: AsyncSession,
    *,
    owner: str,
    key_id: str,
    private_pem: str,
    public_pem: str,
    now: datetime,
) -> KeyPair:
    key = KeyPair(
        owner=owner,
        key_id=key_id,
        algorithm="rsa",
        private_pem=private_pem,
        public_pem=public_pem,
        created_at=now,
    )
    session.add(key)
    return key
