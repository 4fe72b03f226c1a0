"""The catalogue index: filled in one place, on every write of an object. Never commits.

``write_entry`` files a live object (its dates, facets and search words); ``drop_entry``
takes it out. ``storage.objects`` calls them on each save and delete, whether the object
is ours or a peer's, and migration 0002 calls ``write_entry`` to fill the index for the
objects stored before it. They work on a synchronous ``Connection`` so that the migration
and the async repositories (through ``run_sync``) share them.

Full text is the only part that differs by engine: an FTS5 table on SQLite, a tsvector
column with a GIN index on PostgreSQL. ``text_match`` and ``ranked_by_text`` hide
the difference from listings.

Exceptions: none of its own; SQLAlchemy's propagate.
"""

from __future__ import annotations

from typing import Any, Final

from sqlalchemy import (
    BindParameter,
    ColumnElement,
    Connection,
    Select,
    bindparam,
    column,
    delete,
    func,
    insert,
    literal_column,
    select,
    table,
    text,
)
from sqlalchemy.ext.asyncio import AsyncSession

from sinet_node.storage.catalogue_entry import Entry, entry_of
from sinet_node.storage.models import CatalogueEntry, CatalogueFacet, StoredObject

FTS_TABLE: Final = "catalogue_fts"
# The word-splitting configuration of PostgreSQL's full text: no stemming and no stop
# words, like FTS5's unicode61, since the network writes in a dozen languages.
PG_TEXT_CONFIG: Final = "simple"

TITLE_WEIGHT: Final = 10.0
_FTS = table(FTS_TABLE, column("rowid"))
_PG_SEARCH: ColumnElement[Any] = literal_column("catalogue.search")


def write_entry(connection: Connection, *, object_id: int, kind: str, entry: Entry) -> None:
    """File the object under its dates, facets and words (replacing what was there)."""
    drop_entry(connection, object_id)
    connection.execute(
        insert(CatalogueEntry).values(
            object_id=object_id,
            kind=kind,
            starts_at=entry.starts_at,
            ends_at=entry.ends_at,
            closes_at=entry.closes_at,
        )
    )
    if entry.facets:
        connection.execute(
            insert(CatalogueFacet),
            [
                {"object_id": object_id, "facet": f.name, "value": f.value, "label": f.label}
                for f in entry.facets
            ],
        )
    words = {"id": object_id, "title": entry.title, "body": entry.body}
    if connection.dialect.name == "sqlite":
        connection.execute(
            text(f"INSERT INTO {FTS_TABLE} (rowid, title, body) VALUES (:id, :title, :body)"),
            words,
        )
    else:
        connection.execute(
            text(
                f"UPDATE catalogue SET search = "
                f"setweight(to_tsvector('{PG_TEXT_CONFIG}', :title), 'A') || "
                f"setweight(to_tsvector('{PG_TEXT_CONFIG}', :body), 'B') "
                "WHERE object_id = :id"
            ),
            words,
        )


def drop_entry(connection: Connection, object_id: int) -> None:
    connection.execute(delete(CatalogueFacet).where(CatalogueFacet.object_id == object_id))
    connection.execute(delete(CatalogueEntry).where(CatalogueEntry.object_id == object_id))
    if connection.dialect.name == "sqlite":
        connection.execute(text(f"DELETE FROM {FTS_TABLE} WHERE rowid = :id"), {"id": object_id})


def index_row(connection: Connection, row: StoredObject | Any) -> None:
    """Index a stored object as it is now: filed when live, out of the catalogue when deleted.

    ``row`` is a StoredObject or a result row with the same attributes (the migration's).
    """
    if row.deleted_at is not None:
        drop_entry(connection, row.id)
        return
    entry = entry_of(row.document, row.attributed_to)
    write_entry(connection, object_id=row.id, kind=row.kind, entry=entry)


async def index(session: AsyncSession, row: StoredObject) -> None:
    """``index_row`` in the session's transaction (the row must be flushed: it needs its id)."""
    await session.run_sync(lambda sync: index_row(sync.connection(), row))


def text_match(dialect: str, words: tuple[str, ...]) -> ColumnElement[bool]:
    """Catalogue rows holding every word (each also as a prefix).

    The words come from ``query_words``: letters and digits only, so nothing a visitor
    types reaches either engine's query syntax.
    """
    if dialect == "sqlite":
        return CatalogueEntry.object_id.in_(select(_FTS.c.rowid).where(_fts_match(words)))
    return _PG_SEARCH.op("@@")(_ts_query(words))


def ranked_by_text(
    statement: Select[Any], dialect: str, words: tuple[str, ...]
) -> tuple[Select[Any], ColumnElement[Any]]:
    """``statement`` (over the catalogue rows ``text_match`` finds) with what ranks them by
    the words, and the rank: ascending, best first.

    On SQLite the rank comes from the FTS table joined once, not from a subquery per row:
    FTS5 would run the whole MATCH again for each row, seconds for a common word at 10,000
    practices (bench/README.md). PostgreSQL ranks the row's own tsvector.
    """
    if dialect == "sqlite":
        # bm25 is lower for better matches; a word in the name weighs as ten in the text.
        score = func.bm25(literal_column(FTS_TABLE), TITLE_WEIGHT, 1.0)
        ranks = (
            select(_FTS.c.rowid.label("object_id"), score.label("rank"))
            .where(_fts_match(words))
            .subquery("ranks")
        )
        joined = statement.join(ranks, ranks.c.object_id == CatalogueEntry.object_id)
        return joined, ranks.c.rank
    return statement, -func.ts_rank(_PG_SEARCH, _ts_query(words))


def _fts_match(words: tuple[str, ...]) -> ColumnElement[bool]:
    expression = " AND ".join(f'"{word}"*' for word in words)
    fts_query: BindParameter[str] = bindparam("fts_query", expression, unique=True)
    return literal_column(FTS_TABLE).op("MATCH")(fts_query)


def _ts_query(words: tuple[str, ...]) -> ColumnElement[Any]:
    return func.to_tsquery(
        literal_column(f"'{PG_TEXT_CONFIG}'"),
        bindparam("ts_query", " & ".join(f"{word}:*" for word in words), unique=True),
    )
