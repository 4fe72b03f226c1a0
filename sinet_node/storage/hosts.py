"""Per-host delivery health (the circuit breaker's memory). Never commits."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession

from sinet_node.storage.models import Delivery, Host
from sinet_node.storage.queue import PENDING


async def get(session: AsyncSession, host: str) -> Host | None:
    return await session.get(Host, host)


async def paused_hosts(session: AsyncSession, now: datetime) -> list[str]:
    query = select(Host.host).where(Host.paused_until.is_not(None), Host.paused_until > now)
    return list((await session.scalars(query)).all())


async def record_success(session: AsyncSession, host: str, now: datetime) -> None:
    row = await get(session, host)
    if row is not None and (row.consecutive_failures or row.paused_until):
        row.consecutive_failures = 0
        row.paused_until = None
        row.last_error = None
        row.updated_at = now


async def record_failure(session: AsyncSession, host: str, error: str, now: datetime) -> Host:
    # Several deliveries to one host fail at once: on PostgreSQL a look-then-insert lets two
    # of them insert the same host (IntegrityError, and the outcome of that delivery lost).
    # Insert-if-missing, then lock the row, so each failure is counted once.
    insert = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    await session.execute(
        insert(Host)
        .values(host=host, consecutive_failures=0, updated_at=now)
        .on_conflict_do_nothing()
    )
    query = select(Host).where(Host.host == host).with_for_update()
    row = (await session.scalars(query.execution_options(populate_existing=True))).one()
    row.consecutive_failures = (row.consecutive_failures or 0) + 1
    row.last_error = error[:2000]
    row.updated_at = now
    return row


async def resume(session: AsyncSession, host: str, now: datetime) -> bool:
    """Unpause a host and make its waiting deliveries due now. True if it was paused/failing."""
    row = await get(session, host)
    if row is None or (not row.consecutive_failures and row.paused_until is None):
        return False
    row.consecutive_failures = 0
    row.paused_until = None
    row.updated_at = now
    await session.execute(
        update(Delivery)
        .where(Delivery.host == host, Delivery.state == PENDING, Delivery.next_attempt_at > now)
        .values(next_attempt_at=now)
    )
    return True
