"""Cached remote actors and their keys. Never commits."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from sinet_node.storage.models import RemoteActor


async def by_uri(session: AsyncSession, uri: str) -> RemoteActor | None:
    return (await session.scalars(select(RemoteActor).where(RemoteActor.uri == uri))).first()


async def by_uris(session: AsyncSession, uris: list[str]) -> dict[str, RemoteActor]:
    if not uris:
        return {}
    rows = (await session.scalars(select(RemoteActor).where(RemoteActor.uri.in_(uris)))).all()
    return {row.uri: row for row in rows}


async def by_key_id(session: AsyncSession, key_id: str) -> RemoteActor | None:
    query = select(RemoteActor).where(RemoteActor.key_id == key_id)
    return (await session.scalars(query)).first()


async def upsert(
    session: AsyncSession,
    *,
    uri: str,
    key_id: str | None,
    public_key_pem: str | None,
    inbox: str | None,
    shared_inbox: str | None,
    preferred_username: str | None,
    name: str | None,
    document: dict[str, Any],
    now: datetime,
) -> RemoteActor:
    actor = await by_uri(session, uri)
    if actor is None:
        actor = RemoteActor(uri=uri, document=document, fetched_at=now)
        session.add(actor)
    actor.key_id = key_id
    actor.public_key_pem = public_key_pem
    actor.inbox = inbox
    actor.shared_inbox = shared_inbox
    actor.preferred_username = preferred_username
    actor.name = name
    actor.document = document
    actor.fetched_at = now
    await session.flush()
    return actor


async def forget(session: AsyncSession, uri: str) -> None:
    actor = await by_uri(session, uri)
    if actor is not None:
        await session.delete(actor)
