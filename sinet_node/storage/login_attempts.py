"""Failed logins, for the rate limit (per account and per client address). Never commits."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from sinet_node.storage.models import LoginAttempt


def record_failure(session: AsyncSession, *, email: str, address: str, now: datetime) -> None:
    session.add(LoginAttempt(email=email, address=address, attempted_at=now))


async def failure_times(
    session: AsyncSession, *, since: datetime, email: str | None = None, address: str | None = None
) -> list[datetime]:
    """When the failures for ``email`` (or from ``address``) after ``since`` happened,
    newest first."""
    query = select(LoginAttempt.attempted_at).where(LoginAttempt.attempted_at > since)
    if email is not None:
        query = query.where(LoginAttempt.email == email)
    if address is not None:
        query = query.where(LoginAttempt.address == address)
    query = query.order_by(LoginAttempt.attempted_at.desc())
    return list((await session.scalars(query)).all())


async def forget_account(session: AsyncSession, email: str) -> None:
    """A successful login clears the account's failures (not the address's)."""
    await session.execute(delete(LoginAttempt).where(LoginAttempt.email == email))


async def forget_before(session: AsyncSession, moment: datetime) -> None:
    await session.execute(delete(LoginAttempt).where(LoginAttempt.attempted_at <= moment))
