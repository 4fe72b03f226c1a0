"""Listings over the catalogue: search with filters and facet counts, events by date.

Everything the node knows is listed alike, ours and our peers', and only live objects
(``storage.catalogue`` drops deleted ones). Never commits.

- ``search``: one page of practices, events or calls matching words and filters, the total,
  and for each facet asked for the number of matches per value. A facet's counts apply every
  filter but its own, so each value says how many results choosing it would give.
- ``events``: the events that are not over by a moment (and start before another), soonest
  first; what the calendar, the upcoming lists and the iCalendar feeds show.

Exceptions: none of its own; SQLAlchemy's propagate.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Final, Literal

from sqlalchemy import ColumnElement, exists, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from sinet_node.storage.catalogue import ranked_by_text, text_match
from sinet_node.storage.catalogue_entry import ORGANISATION, TAG, facet_value
from sinet_node.storage.models import CatalogueEntry, CatalogueFacet, StoredObject

Order = Literal["recent", "starts", "closes"]
# Enough values for any real filter list; a facet with more shows its most common ones.
MAX_FACET_VALUES: Final = 100


@dataclass(frozen=True)
class Search:
    kind: str
    words: tuple[str, ...] = ()  # from catalogue_entry.query_words
    filters: Mapping[str, str] = field(default_factory=dict)  # facet -> normalised value
    open_at: datetime | None = None  # calls still open at this moment
    closes_by: datetime | None = None  # calls closing no later than this
    not_over_at: datetime | None = None  # events not over at this moment
    order: Order = "recent"  # with words, "recent" gives way to relevance


@dataclass(frozen=True)
class FacetCount:
    value: str
    label: str
    count: int


@dataclass(frozen=True)
class Results:
    rows: list[StoredObject]
    total: int
    facets: dict[str, list[FacetCount]]


@dataclass(frozen=True)
class Totals:
    by_kind: dict[str, int]
    organisations: int


def _dialect(session: AsyncSession) -> str:
    return session.get_bind().dialect.name


def _has_facet(facet: str, value: str) -> ColumnElement[bool]:
    other = aliased(CatalogueFacet)
    return exists().where(
        other.object_id == CatalogueEntry.object_id, other.facet == facet, other.value == value
    )


def _not_over(moment: datetime) -> ColumnElement[bool]:
    return func.coalesce(CatalogueEntry.ends_at, CatalogueEntry.starts_at) >= moment


def _conditions(
    query: Search, dialect: str, *, without: str | None = None
) -> list[ColumnElement[bool]]:
    conditions = [CatalogueEntry.kind == query.kind]
    conditions += [
        _has_facet(facet, value) for facet, value in query.filters.items() if facet != without
    ]
    if query.open_at is not None:
        conditions.append(
            or_(CatalogueEntry.closes_at.is_(None), CatalogueEntry.closes_at > query.open_at)
        )
    if query.closes_by is not None:
        conditions.append(CatalogueEntry.closes_at <= query.closes_by)
    if query.not_over_at is not None:
        conditions.append(_not_over(query.not_over_at))
    if query.words:
        conditions.append(text_match(dialect, query.words))
    return conditions


async def _page_ids(
    session: AsyncSession, query: Search, dialect: str, offset: int, limit: int
) -> list[int]:
    """The ids of one page of matching objects, in the order listed.

    Ids only: the database sorts narrow rows, and skipping to a late page does not carry
    thousands of whole documents through the sort (0.5 s at 10,000 practices, bench/README.md).
    """
    ids = (
        select(StoredObject.id)
        .join(CatalogueEntry, CatalogueEntry.object_id == StoredObject.id)
        .where(*_conditions(query, dialect))
    )
    first: list[Any] = []
    if query.order == "starts":
        first = [CatalogueEntry.starts_at]
    elif query.order == "closes":
        first = [CatalogueEntry.closes_at.is_(None), CatalogueEntry.closes_at]
    elif query.words:
        ids, rank = ranked_by_text(ids, dialect, query.words)
        first = [rank]
    ordered = ids.order_by(*first, StoredObject.published.desc(), StoredObject.id.desc())
    return list((await session.scalars(ordered.offset(offset).limit(limit))).all())


async def _objects(session: AsyncSession, ids: Sequence[int]) -> list[StoredObject]:
    """The objects with these ids, in this order."""
    if not ids:
        return []
    rows = await session.scalars(select(StoredObject).where(StoredObject.id.in_(ids)))
    by_id = {row.id: row for row in rows}
    # Nothing purges objects today; should something, a row gone in between is left out.
    return [by_id[i] for i in ids if i in by_id]


async def search(
    session: AsyncSession,
    query: Search,
    *,
    offset: int = 0,
    limit: int = 20,
    facets: Sequence[str] = (),
) -> Results:
    dialect = _dialect(session)
    total = await session.scalar(
        select(func.count()).select_from(CatalogueEntry).where(*_conditions(query, dialect))
    )
    rows = await _objects(session, await _page_ids(session, query, dialect, offset, limit))
    counts = {facet: await _facet_counts(session, query, dialect, facet) for facet in facets}
    return Results(rows, int(total or 0), counts)


async def _facet_counts(
    session: AsyncSession, query: Search, dialect: str, facet: str
) -> list[FacetCount]:
    matching = select(CatalogueEntry.object_id).where(*_conditions(query, dialect, without=facet))
    count = func.count().label("count")
    result = await session.execute(
        select(CatalogueFacet.value, func.min(CatalogueFacet.label), count)
        .where(CatalogueFacet.facet == facet, CatalogueFacet.object_id.in_(matching))
        .group_by(CatalogueFacet.value)
        .order_by(count.desc(), CatalogueFacet.value)
        .limit(MAX_FACET_VALUES)
    )
    return [FacetCount(value, label, int(number)) for value, label, number in result.all()]


async def events(
    session: AsyncSession,
    *,
    after: datetime,
    before: datetime | None = None,
    organisation: str | None = None,
    limit: int | None = None,
) -> list[StoredObject]:
    """Events not over at `after` (and starting before `before`), soonest first.

    `organisation` is an actor id: only the events that organisation published.
    """
    query = (
        select(StoredObject)
        .join(CatalogueEntry, CatalogueEntry.object_id == StoredObject.id)
        .where(CatalogueEntry.kind == "event", _not_over(after))
    )
    if before is not None:
        query = query.where(CatalogueEntry.starts_at < before)
    if organisation is not None:
        query = query.where(_has_facet(ORGANISATION, facet_value(ORGANISATION, organisation)))
    query = query.order_by(CatalogueEntry.starts_at, StoredObject.id).limit(limit)
    return list((await session.scalars(query)).all())


async def tagged(session: AsyncSession, tag: str, *, limit: int = 100) -> list[StoredObject]:
    """Live objects carrying the hashtag ``tag`` (without '#', any case), newest first."""
    query = (
        select(StoredObject)
        .join(CatalogueEntry, CatalogueEntry.object_id == StoredObject.id)
        .where(_has_facet(TAG, facet_value(TAG, tag)))
        .order_by(StoredObject.published.desc(), StoredObject.id.desc())
        .limit(limit)
    )
    return list((await session.scalars(query)).all())


async def totals(session: AsyncSession) -> Totals:
    """How many live practices, events and calls the node knows, from how many publishers."""
    by_kind = await session.execute(
        select(CatalogueEntry.kind, func.count()).group_by(CatalogueEntry.kind)
    )
    publishers = await session.scalar(
        select(func.count(func.distinct(CatalogueFacet.value))).where(
            CatalogueFacet.facet == ORGANISATION
        )
    )
    return Totals({kind: int(n) for kind, n in by_kind.all()}, int(publishers or 0))
