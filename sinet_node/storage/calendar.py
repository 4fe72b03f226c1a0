"""The events a calendar feed lists: live events (ours and our peers') that end after a moment.

`calendar_events` is the one query behind every .ics listing. It reads the start and end from
the stored documents, as nothing else holds them yet; a catalogue index with its own time
columns can replace its body without changing a caller. Never commits.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from sinet_node.storage.models import StoredObject
from sinet_node.storage.objects import parse_time

KIND_EVENT = "event"


def _ends(row: StoredObject) -> datetime | None:
    document = row.document
    return parse_time(document.get("endTime")) or parse_time(document.get("startTime"))


async def calendar_events(
    session: AsyncSession, *, ending_after: datetime, organiser: str | None = None
) -> list[StoredObject]:
    """Live events that end (or, without an end, start) after `ending_after`, optionally of
    one organiser (an actor id), soonest first."""
    query = select(StoredObject).where(
        StoredObject.kind == KIND_EVENT, StoredObject.deleted_at.is_(None)
    )
    if organiser is not None:
        query = query.where(StoredObject.attributed_to == organiser)
    rows = (await session.scalars(query)).all()
    timed = [(end, row) for row in rows if (end := _ends(row)) is not None and end > ending_after]
    timed.sort(key=lambda pair: parse_time(pair[1].document.get("startTime")) or pair[0])
    return [row for _end, row in timed]
