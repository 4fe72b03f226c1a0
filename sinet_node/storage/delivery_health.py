"""How delivery is going, host by host, for the admins' federation page, and the retry
button behind it. Never commits."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from sinet_node.storage.models import Delivery, Host, OutgoingActivity
from sinet_node.storage.queue import FAILED, PENDING


@dataclass(frozen=True)
class HostHealth:
    host: str
    waiting: int  # deliveries still to be sent (or retried)
    failed: int  # deliveries given up
    next_attempt_at: datetime | None  # the soonest waiting delivery
    consecutive_failures: int
    paused_until: datetime | None  # the circuit breaker holds the host until then
    last_error: str | None
    last_status: int | None


@dataclass(frozen=True)
class FailedDelivery:
    inbox: str
    activity_type: str
    attempts: int
    last_status: int | None
    last_error: str | None
    created_at: datetime


async def _last_delivery_errors(
    session: AsyncSession, hosts: Sequence[str]
) -> dict[str, tuple[str | None, int | None]]:
    """host -> (last error, last HTTP status) of its most recent delivery that has one."""
    if not hosts:
        return {}
    newest = (
        select(Delivery.host, func.max(Delivery.id).label("id"))
        .where(Delivery.host.in_(hosts), Delivery.last_error.is_not(None))
        .group_by(Delivery.host)
        .subquery()
    )
    query = select(Delivery.host, Delivery.last_error, Delivery.last_status).join(
        newest, Delivery.id == newest.c.id
    )
    return {host: (error, status) for host, error, status in (await session.execute(query)).all()}


async def host_health(session: AsyncSession) -> list[HostHealth]:
    """Every host with waiting or failed deliveries, or with failures on record; the ones
    in trouble first."""
    counts: dict[str, dict[str, Any]] = {}
    query = (
        select(
            Delivery.host,
            Delivery.state,
            func.count(Delivery.id),
            func.min(Delivery.next_attempt_at),
        )
        .where(Delivery.state.in_((PENDING, FAILED)))
        .group_by(Delivery.host, Delivery.state)
    )
    for host, state, number, soonest in (await session.execute(query)).all():
        entry = counts.setdefault(host, {PENDING: 0, FAILED: 0, "next": None})
        entry[state] = int(number)
        if state == PENDING:
            entry["next"] = soonest
    troubled = select(Host).where(
        or_(Host.consecutive_failures > 0, Host.paused_until.is_not(None))
    )
    hosts = {row.host: row for row in (await session.scalars(troubled)).all()}
    names = sorted(set(counts) | set(hosts))
    errors = await _last_delivery_errors(session, names)
    result = []
    for name in names:
        entry = counts.get(name, {PENDING: 0, FAILED: 0, "next": None})
        row = hosts.get(name)
        error, status = errors.get(name, (None, None))
        result.append(
            HostHealth(
                host=name,
                waiting=entry[PENDING],
                failed=entry[FAILED],
                next_attempt_at=entry["next"],
                consecutive_failures=row.consecutive_failures if row else 0,
                paused_until=row.paused_until if row else None,
                last_error=(row.last_error if row and row.last_error else None) or error,
                last_status=status,
            )
        )
    result.sort(key=lambda h: (-(h.failed + h.consecutive_failures), -h.waiting, h.host))
    return result


async def recent_failures(session: AsyncSession, *, limit: int = 20) -> list[FailedDelivery]:
    query = (
        select(Delivery, OutgoingActivity.document)
        .join(OutgoingActivity, OutgoingActivity.id == Delivery.outgoing_id)
        .where(Delivery.state == FAILED)
        .order_by(Delivery.id.desc())
        .limit(limit)
    )
    return [
        FailedDelivery(
            inbox=row.inbox,
            activity_type=str(document.get("type", "")),
            attempts=row.attempts,
            last_status=row.last_status,
            last_error=row.last_error,
            created_at=row.created_at,
        )
        for row, document in (await session.execute(query)).all()
    ]


async def unresolved_activities(session: AsyncSession) -> int:
    """Activities not yet turned into deliveries (their audience is still being resolved)."""
    query = select(func.count(OutgoingActivity.id)).where(OutgoingActivity.state == PENDING)
    return int((await session.scalar(query)) or 0)


async def retry_now(session: AsyncSession, now: datetime, host: str | None = None) -> int:
    """The retry button: every waiting or failed delivery (to ``host``, or anywhere)
    becomes due now with a fresh series of attempts, and the host's circuit breaker is
    reset. Returns how many deliveries were made due."""
    where = [Delivery.host == host] if host else []
    waiting: Any = await session.execute(
        update(Delivery)
        .where(Delivery.state == PENDING, Delivery.next_attempt_at > now, *where)
        .values(next_attempt_at=now)
    )
    failed: Any = await session.execute(
        update(Delivery)
        .where(Delivery.state == FAILED, *where)
        .values(state=PENDING, attempts=0, next_attempt_at=now, locked_until=None)
    )
    hosts = update(Host).values(consecutive_failures=0, paused_until=None, updated_at=now)
    await session.execute(hosts.where(Host.host == host) if host else hosts)
    if host is None:
        await session.execute(
            update(OutgoingActivity)
            .where(OutgoingActivity.state == PENDING, OutgoingActivity.next_attempt_at > now)
            .values(next_attempt_at=now)
        )
    return int(waiting.rowcount or 0) + int(failed.rowcount or 0)
