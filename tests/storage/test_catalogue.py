"""The catalogue index on each engine: the migration files what was stored before it, every
save and delete keeps it current, and search behaves the same on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from alembic import command
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from sinet_node.storage import listing
from sinet_node.storage import objects as object_store
from sinet_node.storage.catalogue_entry import ORGANISATION, query_words
from sinet_node.storage.db import create_engine, create_sessionmaker
from sinet_node.storage.migrate import alembic_config, upgrade_to_head

GOLDEN = Path(__file__).parent.parent / "fixtures" / "objects"
NOW = datetime(2027, 3, 1, 12, 0, tzinfo=UTC)
AUTHOR = "https://sinet.ohrid.example/users/ohrid"


def golden(name: str) -> dict[str, Any]:
    document: dict[str, Any] = json.loads((GOLDEN / f"{name}.json").read_text())
    return document


async def _migrate_to(engine: AsyncEngine, revision: str) -> None:
    config = alembic_config()

    def upgrade(connection: Connection) -> None:
        config.attributes["connection"] = connection
        command.upgrade(config, revision)

    async with engine.begin() as connection:
        await connection.run_sync(upgrade)


@pytest.fixture
async def engine(database_url: str) -> AsyncIterator[AsyncEngine]:
    engine = create_engine(database_url)
    yield engine
    await engine.dispose()


async def _search(
    sessions: async_sessionmaker[AsyncSession], query: listing.Search, **options: Any
) -> listing.Results:
    async with sessions() as session:
        return await listing.search(session, query, **options)


def _names(results: listing.Results) -> list[str | None]:
    return [row.name for row in results.rows]


async def test_the_migration_files_objects_stored_before_it(engine: AsyncEngine) -> None:
    await _migrate_to(engine, "0001")
    objects = sa.table(
        "objects",
        *(sa.column(name) for name in ("uri", "local", "kind", "type", "attributed_to", "name")),
        sa.column("document", sa.JSON()),
        sa.column("pinned"),
        sa.column("received_at"),
        sa.column("deleted_at"),
    )
    rows = []
    for number, kind in enumerate(("practice", "event", "call", "practice")):
        document = golden(kind) | {"id": f"https://sinet.ohrid.example/{kind}s/{number}"}
        rows.append(
            {
                "uri": document["id"],
                "local": True,
                "kind": kind,
                "type": document["type"],
                "attributed_to": AUTHOR,
                "name": document["name"],
                "document": document,
                "pinned": False,
                "received_at": NOW.replace(tzinfo=None),
                "deleted_at": NOW.replace(tzinfo=None) if number == 3 else None,
            }
        )
    async with engine.begin() as connection:
        await connection.execute(sa.insert(objects), rows)
    await upgrade_to_head(engine)
    sessions = create_sessionmaker(engine)
    practices = await _search(
        sessions,
        listing.Search(kind="practice", filters={ORGANISATION: AUTHOR}),
        facets=["country", "challenge"],
    )
    assert practices.total == 1  # the deleted one is not filed
    assert practices.facets["country"] == [listing.FacetCount("NL", "NL", 1)]
    found = await _search(sessions, listing.Search(kind="practice", words=("rotterdam",)))
    assert found.total == 1
    async with sessions() as session:
        events = await listing.events(session, after=datetime(2027, 4, 30, tzinfo=UTC))
    assert [row.name for row in events] == [golden("event")["name"]]
    calls = await _search(sessions, listing.Search(kind="call", open_at=NOW))
    assert calls.total == 1


async def _save(session: AsyncSession, kind: str, number: int, **changes: Any) -> None:
    document = golden(kind) | {"id": f"https://peer.example/{kind}s/{number}"} | changes
    for key in ("nameMap", "summaryMap", "contentMap"):
        document.pop(key, None)
    await object_store.save(
        session, uri=document["id"], local=False, kind=kind, document=document, now=NOW
    )


async def test_saves_and_deletes_keep_the_index_current(engine: AsyncEngine) -> None:
    await upgrade_to_head(engine)
    sessions = create_sessionmaker(engine)
    async with sessions.begin() as session:
        await _save(session, "practice", 1, name="Kingfisher walks", challenge="loneliness")
        await _save(session, "practice", 2, name="Heron club", content="<p>kingfisher</p>")
    search = listing.Search(kind="practice", words=query_words("kingfisher"))
    # Both match; the one with the word in its name ranks first.
    assert _names(await _search(sessions, search)) == ["Kingfisher walks", "Heron club"]
    async with sessions.begin() as session:  # an Update replaces the old words and facets
        await _save(session, "practice", 1, name="Swan walks", challenge="youth unemployment")
    assert _names(await _search(sessions, search)) == ["Heron club"]
    by_challenge = listing.Search(kind="practice", filters={"challenge": "loneliness"})
    assert (await _search(sessions, by_challenge)).total == 0
    async with sessions.begin() as session:
        row = await object_store.by_uri(session, "https://peer.example/practices/2")
        assert row is not None
        await object_store.mark_deleted(session, row, NOW)
    assert (await _search(sessions, search)).total == 0
    async with sessions() as session:
        totals = await listing.totals(session)
    assert totals.by_kind == {"practice": 1} and totals.organisations == 1


async def test_pages_follow_one_another_in_the_listed_order(engine: AsyncEngine) -> None:
    await upgrade_to_head(engine)
    sessions = create_sessionmaker(engine)
    async with sessions.begin() as session:
        for number in range(7):
            # Even ones have the word in their name, so they rank above the odd ones.
            name = f"Kingfisher walk {number}" if number % 2 == 0 else f"Heron club {number}"
            await _save(
                session,
                "practice",
                number,
                name=name,
                content="<p>A kingfisher walk along the river.</p>",
                published=f"2027-01-0{number + 1}T10:00:00Z",
            )

    async def pages(search: listing.Search) -> list[str | None]:
        names = []
        for offset in (0, 3, 6):
            page = await _search(sessions, search, offset=offset, limit=3)
            assert page.total == 7
            names += _names(page)
        return names

    newest_first = [
        f"Heron club {n}" if n % 2 else f"Kingfisher walk {n}" for n in range(6, -1, -1)
    ]
    assert await pages(listing.Search(kind="practice")) == newest_first
    # By relevance, then the newest of equally relevant ones first.
    relevance = [f"Kingfisher walk {n}" for n in (6, 4, 2, 0)] + [
        f"Heron club {n}" for n in (5, 3, 1)
    ]
    search = listing.Search(kind="practice", words=query_words("kingfisher"))
    assert await pages(search) == relevance


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ('"youth', 1),
        ("youth*", 1),
        ("NEAR(youth zzq)", 0),
        ("zzq OR youth", 0),  # OR is a word here, and every word must match
        ("-youth", 1),
        ("youth:* & !zzq", 0),
        ("youth' --", 1),
        ("\\ ( ^ %_ *", 1),  # no words at all: the whole catalogue
    ],
)
async def test_query_syntax_of_either_engine_is_only_words(
    engine: AsyncEngine, query: str, found: int
) -> None:
    await upgrade_to_head(engine)
    sessions = create_sessionmaker(engine)
    async with sessions.begin() as session:
        await _save(session, "practice", 1)
    search = listing.Search(kind="practice", words=query_words(query))
    assert (await _search(sessions, search)).total == found
