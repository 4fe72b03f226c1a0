"""Shared fixtures: an in-process node over ASGI with a real migrated database (SQLite,
and PostgreSQL too when SINET_TEST_DATABASE_URL is set) and a recording fake Fediverse."""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import create_async_engine

from sinet_node.config import Settings
from sinet_node.federation.context import Node
from sinet_node.federation.worker import Worker
from sinet_node.node import create_node_files, open_node
from sinet_node.web.app import create_app
from tests.fakes.fediverse import FakeActor, FakeFediverse, signed_post_headers

BASE_URL = "https://node.example"
POSTGRES_URL = os.environ.get("SINET_TEST_DATABASE_URL", "")
DATABASES = ["sqlite", "postgresql"] if POSTGRES_URL else ["sqlite"]


class Clock:
    """An injected clock the tests move by hand."""

    def __init__(self) -> None:
        self.now = datetime.now(UTC).replace(microsecond=0)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def fediverse() -> FakeFediverse:
    return FakeFediverse()


async def _postgres_database() -> str:
    """A fresh database per test, so tests never see each other's rows."""
    admin_url = make_url(POSTGRES_URL)
    name = f"sinet_test_{uuid.uuid4().hex[:12]}"
    engine = create_async_engine(admin_url, isolation_level="AUTOCOMMIT")
    async with engine.connect() as connection:
        await connection.execute(text(f'CREATE DATABASE "{name}"'))
    await engine.dispose()
    return admin_url.set(database=name).render_as_string(hide_password=False)


async def _drop_postgres_database(url: str) -> None:
    name = make_url(url).database
    engine = create_async_engine(make_url(POSTGRES_URL), isolation_level="AUTOCOMMIT")
    async with engine.connect() as connection:
        await connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    await engine.dispose()


@pytest.fixture(params=DATABASES)
async def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[str]:
    if request.param == "sqlite":
        yield f"sqlite+aiosqlite:///{tmp_path / 'sinet.db'}"
        return
    url = await _postgres_database()
    try:
        yield url
    finally:
        await _drop_postgres_database(url)


@pytest.fixture
def settings(tmp_path: Path, database_url: str) -> Settings:
    return Settings(
        data_dir=tmp_path / "node",
        base_url=BASE_URL,
        name="Municipality of Ohrid",
        username="ohrid",
        database_url=database_url,
        first_retry_seconds=5,
        summary="Social innovation in Ohrid.",
    )


@dataclass
class LiveNode:
    node: Node
    client: httpx.AsyncClient
    worker: Worker
    fediverse: FakeFediverse
    clock: Clock

    async def drain(self) -> None:
        await self.worker.drain()

    async def deliver(self, actor: FakeActor, activity: dict[str, Any]) -> None:
        """``actor`` POSTs ``activity``, signed, to our inbox; it must be accepted (202)."""
        body = json.dumps(activity).encode()
        url = self.node.urls.inbox
        headers = signed_post_headers(actor, url, body, now=self.clock())
        response = await self.client.post(url, content=body, headers=headers)
        assert response.status_code == 202, response.text


@pytest.fixture
async def live(
    settings: Settings, fediverse: FakeFediverse, clock: Clock
) -> AsyncIterator[LiveNode]:
    await create_node_files(settings)
    async with open_node(settings, clock=clock, transport=fediverse.transport()) as node:
        app = create_app(node)
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url=BASE_URL) as client:
            yield LiveNode(node, client, Worker(node), fediverse, clock)


@pytest.fixture
def examples_dir() -> Iterator[Path]:
    yield Path(__file__).parent / "fixtures" / "inputs"
