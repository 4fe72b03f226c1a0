"""The database layer on each engine: migrations, SQLite's WAL, the shared queue helper."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from sinet_node.storage.db import create_engine, create_sessionmaker
from sinet_node.storage.migrate import current_revision, head_revision, upgrade_to_head
from sinet_node.storage.models import OutgoingActivity
from sinet_node.storage.queue import PENDING, claim_due, mark_done, release_claims

NOW = datetime(2027, 1, 1, 12, 0, tzinfo=UTC)


@pytest.fixture
async def engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    engine = create_engine(database_url)
    await upgrade_to_head(engine)
    yield engine
    await engine.dispose()


async def test_migrations_reach_head_and_are_idempotent(engine: AsyncEngine) -> None:
    assert await current_revision(engine) == head_revision()
    await upgrade_to_head(engine)  # a second run (every `run` does it) changes nothing
    assert await current_revision(engine) == head_revision()


async def test_sqlite_runs_in_wal_mode(tmp_path: Path) -> None:
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'wal.db'}")
    try:
        await upgrade_to_head(engine)
        async with engine.connect() as connection:
            mode = (await connection.execute(text("PRAGMA journal_mode"))).scalar()
    finally:
        await engine.dispose()
    assert mode == "wal"  # readers never wait for the writer (run + CLI share the file)


def _outgoing(number: int, due: datetime) -> OutgoingActivity:
    return OutgoingActivity(
        activity_uri=f"https://node.example/activities/{number}",
        signer="organisation",
        document={"id": number},
        audience=[],
        state=PENDING,
        attempts=0,
        next_attempt_at=due,
        created_at=NOW,
    )


async def test_claims_are_exclusive_and_leases_expire(engine: AsyncEngine) -> None:
    sessions = create_sessionmaker(engine)
    async with sessions.begin() as session:
        session.add_all([_outgoing(n, NOW) for n in range(10)])
        session.add(_outgoing(99, NOW + timedelta(hours=1)))  # not due yet

    async def claim() -> set[str]:
        async with sessions.begin() as session:
            rows = await claim_due(
                session, OutgoingActivity, now=NOW, limit=6, lease=timedelta(minutes=1)
            )
            return {row.activity_uri for row in rows}

    first, second = await asyncio.gather(claim(), claim())
    assert not first & second  # two workers never hold the same row
    assert len(first | second) == 10
    assert await claim() == set()  # every due row is leased
    # A worker that died leaves its lease to expire: the rows come back.
    async with sessions.begin() as session:
        again = await claim_due(
            session,
            OutgoingActivity,
            now=NOW + timedelta(minutes=2),
            limit=100,
            lease=timedelta(minutes=1),
        )
        assert len(again) == 10
        for row in again[:4]:
            mark_done(row)
    # A single-process node at start-up drops every lease at once.
    async with sessions.begin() as session:
        assert await release_claims(session, OutgoingActivity) == 6
    async with sessions.begin() as session:
        pending = await claim_due(
            session, OutgoingActivity, now=NOW, limit=100, lease=timedelta(minutes=1)
        )
    assert len(pending) == 6  # the done ones stay done
