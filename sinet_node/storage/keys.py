"""Key pairs of the local actors. Never commits; never generates (federation does)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from sinet_node.storage.models import KeyPair

ORGANISATION = "organisation"
INSTANCE = "instance"
OWNERS = (ORGANISATION, INSTANCE)
RSA = "rsa"
ED25519 = "ed25519"
ALGORITHMS = (RSA, ED25519)


async def current_key(session: AsyncSession, owner: str, algorithm: str = RSA) -> KeyPair | None:
    query = (
        select(KeyPair)
        .where(
            KeyPair.owner == owner,
            KeyPair.algorithm == algorithm,
            KeyPair.retired_at.is_(None),
        )
        .order_by(KeyPair.created_at.desc(), KeyPair.id.desc())
        .limit(1)
    )
    return (await session.scalars(query)).first()


async def published_keys(session: AsyncSession, now: datetime) -> list[KeyPair]:
    """Every key still published: the current ones, and retired ones inside their grace
    period; newest first."""
    query = (
        select(KeyPair)
        .where(or_(KeyPair.retired_at.is_(None), KeyPair.expires_at > now))
        .order_by(KeyPair.created_at.desc(), KeyPair.id.desc())
    )
    return list(await session.scalars(query))


async def generation(session: AsyncSession) -> tuple[int, int]:
    """Changes whenever a key is added or retired: (rows, retired rows)."""
    query = select(func.count(KeyPair.id), func.count(KeyPair.retired_at))
    rows, retired = (await session.execute(query)).one()
    return int(rows), int(retired)


def add_key(
    session: AsyncSession,
    *,
    owner: str,
    key_id: str,
    private_pem: str,
    public_pem: str,
    now: datetime,
    algorithm: str = RSA,
) -> KeyPair:
    key = KeyPair(
        owner=owner,
        key_id=key_id,
        algorithm=algorithm,
        private_pem=private_pem,
        public_pem=public_pem,
        created_at=now,
    )
    session.add(key)
    return key


def retire(key: KeyPair, *, now: datetime, published_until: datetime) -> None:
    key.retired_at = now
    key.expires_at = published_until
