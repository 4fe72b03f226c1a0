"""Logged-in browsers: one row per session, found by the hash of the cookie's token.
Never commits."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from sinet_node.storage.models import AccountRecord, WebSession


def add(
    session: AsyncSession,
    *,
    token_hash: str,
    account_id: int,
    csrf_secret: str,
    now: datetime,
    expires_at: datetime,
) -> WebSession:
    row = WebSession(
        token_hash=token_hash,
        account_id=account_id,
        csrf_secret=csrf_secret,
        created_at=now,
        expires_at=expires_at,
    )
    session.add(row)
    return row


async def live_with_account(
    session: AsyncSession, token_hash: str, now: datetime
) -> tuple[WebSession, AccountRecord] | None:
    query = (
        select(WebSession, AccountRecord)
        .join(AccountRecord, AccountRecord.id == WebSession.account_id)
        .where(WebSession.token_hash == token_hash, WebSession.expires_at > now)
    )
    row = (await session.execute(query)).first()
    return None if row is None else (row[0], row[1])


async def remove(session: AsyncSession, token_hash: str) -> None:
    await session.execute(delete(WebSession).where(WebSession.token_hash == token_hash))


async def remove_for_account(
    session: AsyncSession, account_id: int, *, keep_id: int | None = None
) -> None:
    query = delete(WebSession).where(WebSession.account_id == account_id)
    if keep_id is not None:
        query = query.where(WebSession.id != keep_id)
    await session.execute(query)


async def remove_expired(session: AsyncSession, now: datetime) -> None:
    await session.execute(delete(WebSession).where(WebSession.expires_at <= now))


async def set_flash(session: AsyncSession, session_id: int, flash: dict[str, Any] | None) -> None:
    row = await session.get(WebSession, session_id)
    if row is not None:
        row.flash = flash
