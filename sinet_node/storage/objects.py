"""Stored objects (ours and our peers'). Never commits."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from sinet_node.storage import catalogue
from sinet_node.storage.models import StoredObject


async def by_uri(session: AsyncSession, uri: str) -> StoredObject | None:
    return (await session.scalars(select(StoredObject).where(StoredObject.uri == uri))).first()


async def save(
    session: AsyncSession,
    *,
    uri: str,
    local: bool,
    kind: str,
    document: dict[str, Any],
    now: datetime,
    source_input: dict[str, Any] | None = None,
    signed_document: dict[str, Any] | None = None,
) -> StoredObject:
    """Insert or replace an object's current version (and file it in the catalogue)."""
    row = await by_uri(session, uri)
    if row is None:
        row = StoredObject(uri=uri, local=local, received_at=now, pinned=False)
        session.add(row)
    row.kind = kind
    row.type = str(document.get("type", "Object"))
    row.attributed_to = author_of(document.get("attributedTo"))
    row.name = _text(document.get("name"))
    row.summary = _text(document.get("summary"))
    row.content = _text(document.get("content"))
    row.document = document
    row.signed_document = signed_document
    row.published = parse_time(document.get("published")) or now
    row.updated = parse_time(document.get("updated"))
    row.deleted_at = None
    if source_input is not None:
        row.source_input = source_input
    await session.flush()
    await catalogue.index(session, row)
    return row


async def mark_deleted(session: AsyncSession, row: StoredObject, now: datetime) -> None:
    """The object is gone: it answers with a Tombstone and drops out of every listing."""
    row.deleted_at = now
    row.signed_document = None  # never relayed again
    await session.flush()
    await catalogue.index(session, row)


def author_of(value: Any) -> str | None:
    """attributedTo as an actor id: a plain id, an embedded actor ({"id": ...}), or the
    first of a list (PeerTube sends [Person, Group]). The author checks on Update and
    Delete compare against this column, so every shape must land here as the id."""
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("id")
    return value if isinstance(value, str) else None


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def parse_time(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else None


async def listing(
    session: AsyncSession,
    *,
    remote_only: bool = False,
    local_only: bool = False,
    kind: str | None = None,
    limit: int | None = None,
) -> list[StoredObject]:
    """Live objects (of one ``kind`` when given), newest first (at most ``limit``)."""
    query = select(StoredObject).where(StoredObject.deleted_at.is_(None))
    if kind is not None:
        query = query.where(StoredObject.kind == kind)
    if remote_only:
        query = query.where(StoredObject.local.is_(False))
    if local_only:
        query = query.where(StoredObject.local.is_(True))
    query = query.order_by(StoredObject.published.desc(), StoredObject.id.desc()).limit(limit)
    return list((await session.scalars(query)).all())


async def pinned(session: AsyncSession) -> list[StoredObject]:
    query = select(StoredObject).where(
        StoredObject.local.is_(True),
        StoredObject.pinned.is_(True),
        StoredObject.deleted_at.is_(None),
    )
    return list((await session.scalars(query.order_by(StoredObject.published.desc()))).all())


async def count_local(session: AsyncSession) -> int:
    query = select(func.count(StoredObject.id)).where(
        StoredObject.local.is_(True), StoredObject.deleted_at.is_(None)
    )
    return int((await session.scalar(query)) or 0)


async def by_uris(session: AsyncSession, uris: list[str]) -> dict[str, StoredObject]:
    if not uris:
        return {}
    rows = (await session.scalars(select(StoredObject).where(StoredObject.uri.in_(uris)))).all()
    return {row.uri: row for row in rows}
