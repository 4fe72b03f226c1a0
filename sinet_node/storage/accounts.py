"""Accounts of the admin pages (people, not actors). Never commits."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from sinet_node.storage.models import AccountRecord


def add(
    session: AsyncSession,
    *,
    email: str,
    password_hash: str,
    role: str,
    must_change_password: bool,
    now: datetime,
) -> AccountRecord:
    row = AccountRecord(
        email=email,
        password_hash=password_hash,
        role=role,
        must_change_password=must_change_password,
        created_at=now,
        password_changed_at=now,
    )
    session.add(row)
    return row


async def by_email(session: AsyncSession, email: str) -> AccountRecord | None:
    """``email`` already normalised (lower-cased) by the caller."""
    query = select(AccountRecord).where(AccountRecord.email == email)
    return (await session.scalars(query)).first()


async def by_id(session: AsyncSession, account_id: int) -> AccountRecord | None:
    return await session.get(AccountRecord, account_id)


async def everyone(session: AsyncSession) -> Sequence[AccountRecord]:
    query = select(AccountRecord).order_by(AccountRecord.email)
    return (await session.scalars(query)).all()


async def count(session: AsyncSession) -> int:
    return int((await session.scalar(select(func.count(AccountRecord.id)))) or 0)


async def lock_admins(session: AsyncSession, role: str) -> list[int]:
    """Ids of the accounts with ``role``, locked until the end of the transaction on
    PostgreSQL, so two admins removing each other at once cannot leave none (SQLite's
    write transactions are exclusive anyway)."""
    query = select(AccountRecord.id).where(AccountRecord.role == role).with_for_update()
    return list((await session.scalars(query)).all())
