"""The composition root: the only place that knows how everything is wired.

``create_node_files`` makes a new data directory (settings, migrated database, keys);
``open_node`` opens an existing one and yields a ``Node`` holding the engine, the
HTTP client and the keys. Nothing happens at import.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime
from pathlib import Path

import httpx
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from sinet_node import __version__
from sinet_node.config import ConfigError, Settings, write_settings
from sinet_node.federation.addresses import AddressPolicy
from sinet_node.federation.context import Clock, Node, utcnow
from sinet_node.federation.local_keys import KeyRing, MissingKeys, ensure_keys
from sinet_node.federation.transport import make_http_client
from sinet_node.federation.urls import Urls
from sinet_node.storage.db import create_engine, create_sessionmaker, is_sqlite
from sinet_node.storage.migrate import upgrade_to_head
from sinet_node.storage.models import Delivery, InboxItem, OutgoingActivity
from sinet_node.storage.queue import release_claims


def urls_for(settings: Settings) -> Urls:
    return Urls(base=settings.base_url, username=settings.username)


async def _load_keys(
    sessions: async_sessionmaker[AsyncSession], urls: Urls, now: datetime
) -> KeyRing:
    # A node made before proofs existed gets its Ed25519 keys here, once.
    await ensure_keys(sessions, urls, now)
    ring = KeyRing()
    try:
        await ring.refresh(sessions, now)
    except MissingKeys as exc:
        raise ConfigError(str(exc)) from exc
    return ring


async def create_node_files(settings: Settings, *, clock: Clock = utcnow) -> None:
    """`init`: settings file, database at the newest revision, keys generated once."""
    settings.data_dir.mkdir(parents=True, exist_ok=True)
    (settings.data_dir / "media").mkdir(exist_ok=True)
    engine = create_engine(settings.resolved_database_url)
    try:
        await upgrade_to_head(engine)
        await ensure_keys(create_sessionmaker(engine), urls_for(settings), clock())
    finally:
        await engine.dispose()
    write_settings(settings)


@asynccontextmanager
async def open_node(
    settings: Settings,
    *,
    clock: Clock = utcnow,
    migrate: bool = True,
    transport: httpx.AsyncBaseTransport | None = None,
) -> AsyncIterator[Node]:
    """Open a node's database, keys and HTTP client. ``transport`` replaces the guarded
    network transport (tests plug a fake Fediverse in here)."""
    engine = create_engine(settings.resolved_database_url)
    try:
        if migrate:
            await upgrade_to_head(engine)
        sessions = create_sessionmaker(engine)
        keys = await _load_keys(sessions, urls_for(settings), clock())
        user_agent = f"sinet-node/{__version__} (+{settings.base_url}/)"
        http = (
            make_http_client(
                AddressPolicy(settings.allow_private),
                timeout=settings.request_timeout_seconds,
                user_agent=user_agent,
                ca_file=Path(settings.ca_file) if settings.ca_file else None,
                # Never fewer pooled connections than concurrent deliveries (bench/README.md:
                # otherwise every POST opens a new connection), plus room for fetches.
                max_connections=settings.delivery_concurrency + 16,
            )
            if transport is None
            else httpx.AsyncClient(transport=transport, headers={"User-Agent": user_agent})
        )
        async with http:
            yield Node(
                settings=settings,
                urls=urls_for(settings),
                engine=engine,
                sessions=sessions,
                http=http,
                clock=clock,
                keys=keys,
            )
    finally:
        await engine.dispose()


async def release_stale_claims(node: Node) -> None:
    """On the embedded default one process owns the queues: leases left by a killed
    process are released at once instead of waiting for them to expire."""
    if not is_sqlite(node.settings.resolved_database_url):
        return
    async with node.sessions.begin() as session:
        await release_claims(session, InboxItem)
        await release_claims(session, OutgoingActivity)
        await release_claims(session, Delivery)
