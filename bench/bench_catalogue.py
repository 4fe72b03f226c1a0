"""The public catalogue at 1,000 and 10,000 practices: filling the index and page latency.

Run: ``.venv/bin/python bench/bench_catalogue.py [--sizes 1000 10000] [--requests 30]
[--postgres postgresql+asyncpg://postgres@127.0.0.1:5432/test]`` (about 3 minutes for
SQLite at the default sizes on a 2-core machine, most of it filling; ``--postgres`` adds
about 2 more).

For each database it makes a throwaway node (``create_node_files`` + ``open_node``: a real
SQLite file in a temporary directory, or a fresh PostgreSQL database created next to the
one named and dropped afterwards), stores the actors of ~50 organisations, then grows the
catalogue size by size: N practices, N/5 events and N/10 calls from ``catalogue_corpus``
(seeded, so every run and both databases hold the same objects).

1. Filling: each object goes through ``objects.save`` -- the one write path, which files it
   in the catalogue (dates, facets, full text) -- in its own transaction, as a received
   Create is stored. Documents are built and sanitised beforehand, untimed. Alongside, the
   CPU of ``entry_of`` alone (reading the facets and words out of a document) over up to
   ``ENTRY_SAMPLE`` of the same objects, to split indexing work from database work.
2. Pages: each listing is requested through the real ASGI app (``httpx.ASGITransport``, as
   tests/conftest.py does), round-robin so a noisy moment hurts all pages alike, up to R
   times each after one untimed warm-up; a page that has taken more than ``BUDGET_S``
   stops after ``MIN_REQUESTS``. Wall median and p90, and CPU median, per request.
3. The ratio of the largest size's median to the smallest's, per page.

On PostgreSQL it runs ANALYZE after each fill step, as autovacuum would soon after such a
fill (a test server may run without autovacuum; without statistics the planner guesses,
e.g. a rare word's facet counts took 30 ms each instead of 2).

CPU is ``time.process_time`` of this process (aiosqlite's thread included; not the
PostgreSQL server's, which is another process).

Errors: ``BenchFailed`` when a page does not answer 200 (the figures would lie).
"""

from __future__ import annotations

import argparse
import asyncio
import math
import statistics
import tempfile
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlencode

import catalogue_corpus as corpus
import httpx
from benchkit import BASE_URL, Sample, Stopwatch, print_context, print_table
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import create_async_engine

from sinet_node.config import Settings
from sinet_node.federation.context import Node
from sinet_node.federation.remote_actors import parse_actor, store_actor
from sinet_node.node import create_node_files, open_node
from sinet_node.storage import listing
from sinet_node.storage import objects as object_store
from sinet_node.storage.catalogue_entry import entry_of, facet_value, query_words
from sinet_node.web.app import create_app
from sinet_node.web.endpoints.calendars import RECENT_DAYS
from sinet_node.web.endpoints.catalogue import PRACTICES

SEED = 2024
BUDGET_S = 4.0  # wall seconds per page and size before a slow page stops early
ENTRY_SAMPLE = 1000  # objects per step whose entry_of is timed alone
MIN_REQUESTS = 5
# The filters the pages use: the most common value of each facet in the corpus.
ONE_FILTER = {"challenge": corpus.CHALLENGES[0]}
THREE_FILTERS = {
    **ONE_FILTER,
    "target_group": corpus.TARGET_GROUPS[0],
    "evidence_level": "anecdotal",
}
KINDS = (("practice", 1), ("event", 5), ("call", 10))  # (kind, one per this many practices)


class BenchFailed(Exception):
    """A page did not answer 200, so its timing does not measure a page."""


@dataclass(frozen=True)
class Page:
    label: str
    url: str


@dataclass
class Timings:
    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)

    @property
    def median_ms(self) -> float:
        return 1e3 * statistics.median(self.wall)

    @property
    def p90_ms(self) -> float:
        return 1e3 * statistics.quantiles(self.wall, n=10, method="inclusive")[-1]

    @property
    def cpu_ms(self) -> float:
        return 1e3 * statistics.median(self.cpu)


@dataclass
class Result:
    """One database: the fill of each size step and the page timings at each size."""

    name: str
    fills: dict[int, tuple[Sample, float]] = field(default_factory=dict)  # (save, entry_of ms)
    pages: dict[int, dict[str, Timings]] = field(default_factory=dict)
    matches: dict[int, dict[str, int]] = field(default_factory=dict)


def pages(practices: int, now: datetime) -> list[Page]:
    last = max(1, math.ceil(practices / PRACTICES.page_size))
    month = (now.replace(day=1) + timedelta(days=32)).strftime("%Y-%m")
    return [
        Page("/practices", "/practices"),
        Page(f"/practices?q={corpus.COMMON_WORD}", f"/practices?q={corpus.COMMON_WORD}"),
        Page(f"/practices?q={corpus.RARE_WORD}", f"/practices?q={corpus.RARE_WORD}"),
        Page("/practices, one filter", "/practices?" + urlencode(ONE_FILTER)),
        Page("/practices, three filters", "/practices?" + urlencode(THREE_FILTERS)),
        Page("/practices?page=(last - 1)", f"/practices?page={max(1, last - 1)}"),
        Page("/events", "/events"),
        Page("/events/calendar?month=next", f"/events/calendar?month={month}"),
        Page("/calls?remote=yes", "/calls?remote=yes"),
        Page("/events.ics", "/events.ics"),
    ]


def _filters(chosen: dict[str, str]) -> dict[str, str]:
    return {name: facet_value(name, value) for name, value in chosen.items()}


async def matches(node: Node) -> dict[str, int]:
    """How many objects the pages' searches find: what the timings are for."""
    now = node.clock()
    searches = {
        f"q={corpus.COMMON_WORD}": listing.Search("practice", query_words(corpus.COMMON_WORD)),
        f"q={corpus.RARE_WORD}": listing.Search("practice", query_words(corpus.RARE_WORD)),
        "one filter": listing.Search("practice", filters=_filters(ONE_FILTER)),
        "three filters": listing.Search("practice", filters=_filters(THREE_FILTERS)),
        "upcoming events": listing.Search("event", not_over_at=now),
        "open remote calls": listing.Search("call", filters={"remote": "yes"}, open_at=now),
    }
    async with node.sessions() as session:
        found = {
            label: (await listing.search(session, search, limit=0)).total
            for label, search in searches.items()
        }
        in_feed = await listing.events(session, after=now - timedelta(days=RECENT_DAYS))
    return {**found, "events in .ics": len(in_feed)}


async def store_actors(node: Node) -> None:
    for document in corpus.actor_documents():
        await store_actor(node, parse_actor(document), document)


async def fill(node: Node, items: list[corpus.Stored]) -> tuple[Sample, float]:
    """Save each object in its own transaction; and CPU ms per object of ``entry_of`` alone."""
    now = node.clock()
    with Stopwatch() as watch:
        for item in items:
            async with node.sessions.begin() as session:
                await object_store.save(
                    session,
                    uri=item.uri,
                    local=False,
                    kind=item.kind,
                    document=item.document,
                    now=now,
                )
    sample = items[:: max(1, len(items) // ENTRY_SAMPLE)]  # every kind, in proportion
    with Stopwatch() as entries:
        for item in sample:
            entry_of(item.document, object_store.author_of(item.document.get("attributedTo")))
    return watch.sample(len(items)), 1e3 * entries.cpu / len(sample)


async def time_pages(
    client: httpx.AsyncClient, chosen: list[Page], requests: int
) -> dict[str, Timings]:
    timings = {page.label: Timings() for page in chosen}
    for page in chosen:  # warm up: templates, statement caches, the database's pages
        await get(client, page)
    active = list(chosen)
    while active:
        for page in list(active):
            with Stopwatch() as watch:
                await get(client, page)
            timing = timings[page.label]
            timing.wall.append(watch.wall)
            timing.cpu.append(watch.cpu)
            enough = len(timing.wall) >= MIN_REQUESTS and sum(timing.wall) > BUDGET_S
            if len(timing.wall) >= requests or enough:
                active.remove(page)
    return timings


async def get(client: httpx.AsyncClient, page: Page) -> None:
    response = await client.get(page.url)
    if response.status_code != 200 or not response.content:
        raise BenchFailed(f"{page.url}: HTTP {response.status_code}")


def steps(sizes: list[int], now: datetime) -> list[tuple[int, list[corpus.Stored]]]:
    """The objects each size adds to the one before, built once for every database."""
    result = []
    previous = 0
    for size in sizes:
        items = [
            item
            for kind, every in KINDS
            for item in corpus.objects(SEED, kind, previous // every, size // every, now)
        ]
        result.append((size, items))
        previous = size
    return result


async def analyze(node: Node) -> None:
    """PostgreSQL plans from statistics: what autovacuum would gather after such a fill."""
    if node.engine.dialect.name == "postgresql":
        async with node.engine.begin() as connection:
            await connection.execute(text("ANALYZE"))


async def run(
    name: str, settings: Settings, plan: list[tuple[int, list[corpus.Stored]]], requests: int
) -> Result:
    result = Result(name)
    await create_node_files(settings)
    async with open_node(settings) as node:
        await store_actors(node)
        transport = httpx.ASGITransport(app=create_app(node))
        async with httpx.AsyncClient(transport=transport, base_url=BASE_URL) as client:
            for size, items in plan:
                result.fills[size] = await fill(node, items)
                await analyze(node)
                print(f"{name}: {size:,} practices stored ({len(items):,} objects this step)")
                result.matches[size] = await matches(node)
                result.pages[size] = await time_pages(client, pages(size, node.clock()), requests)
    return result


@asynccontextmanager
async def postgres_database(admin: str) -> AsyncIterator[str]:
    """A fresh database beside the one named, dropped afterwards whatever happens."""
    admin_url = make_url(admin)
    name = f"sinet_bench_{uuid.uuid4().hex[:12]}"
    engine = create_async_engine(admin_url, isolation_level="AUTOCOMMIT")
    try:
        async with engine.connect() as connection:
            await connection.execute(text(f'CREATE DATABASE "{name}"'))
        try:
            yield admin_url.set(database=name).render_as_string(hide_password=False)
        finally:
            async with engine.connect() as connection:
                await connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    finally:
        await engine.dispose()


def node_settings(data_dir: Path, database_url: str = "") -> Settings:
    return Settings(
        data_dir=data_dir,
        base_url=BASE_URL,
        name="Bench",
        username="bench",
        database_url=database_url,
    )


def report(result: Result, sizes: list[int]) -> None:
    rows = []
    previous = 0
    for size in sizes:
        save, entry_ms = result.fills[size]
        rows.append(
            [
                f"{previous:,} -> {size:,} practices",
                f"{save.ops:,}",
                f"{save.wall:.1f}",
                f"{save.per_second:,.0f}",
                f"{save.cpu_ms_per_op:.2f}",
                f"{entry_ms:.2f}",
            ]
        )
        previous = size
    print_table(
        f"{result.name}: filling the catalogue through objects.save, one transaction per object",
        ["step", "objects", "wall s", "objects/s", "CPU ms/obj", "entry_of ms/obj"],
        rows,
    )
    first, last = sizes[0], sizes[-1]
    header = ["page"]
    for size in sizes:
        header += [f"{size:,}: median", "p90", "CPU", "n"]
    if len(sizes) > 1:
        header.append(f"x {last:,}/{first:,}")
    rows = []
    for label in result.pages[first]:
        row = [label]
        for size in sizes:
            timing = result.pages[size][label]
            row += [f"{timing.median_ms:.1f}", f"{timing.p90_ms:.1f}", f"{timing.cpu_ms:.1f}"]
            row.append(str(len(timing.wall)))
        if len(sizes) > 1:
            ratio = result.pages[last][label].median_ms / result.pages[first][label].median_ms
            row.append(f"{ratio:.1f}")
        rows.append(row)
    title = f"{result.name}: page latency in ms (wall median, p90; CPU median; n requests)"
    print_table(title, header, rows)
    for size in sizes:
        found = ", ".join(f"{label} {count:,}" for label, count in result.matches[size].items())
        print(f"at {size:,} practices: {found}")


def summary(results: list[Result], sizes: list[int]) -> None:
    print("\nSummary")
    first, last = sizes[0], sizes[-1]
    for result in results:
        at_last = result.pages[last]
        slowest = max(at_last, key=lambda label: at_last[label].median_ms)
        save = result.fills[last][0]
        line = (
            f"- {result.name}: {save.per_second:,.0f} objects/s stored ({save.cpu_ms_per_op:.2f} "
            f"CPU ms each); slowest page at {last:,}: {slowest} "
            f"({at_last[slowest].median_ms:.0f} ms)"
        )
        if len(sizes) > 1:
            growth = last / first
            at_first = result.pages[first]
            ratios = {page: at_last[page].median_ms / at_first[page].median_ms for page in at_last}
            worst = max(ratios, key=lambda label: ratios[label])
            line += f"; grows most: {worst} (x{ratios[worst]:.1f} for x{growth:.0f} the data)"
        print(line)


async def bench(sizes: list[int], requests: int, postgres: str | None) -> None:
    print_context("sqlalchemy", "aiosqlite", "asyncpg", "starlette", "jinja2")
    with Stopwatch() as whole:
        plan = steps(sizes, datetime.now(UTC))
        results = []
        with tempfile.TemporaryDirectory() as tmp:
            sqlite = node_settings(Path(tmp) / "sqlite")
            results.append(await run("SQLite", sqlite, plan, requests))
            if postgres:
                async with postgres_database(postgres) as url:
                    settings = node_settings(Path(tmp) / "pg", url)
                    results.append(await run("PostgreSQL", settings, plan, requests))
    for result in results:
        report(result, sizes)
    summary(results, sizes)
    print(f"\nWhole run: {whole.wall:.0f} s wall, {whole.cpu:.0f} s CPU.")
    if postgres:
        print("PostgreSQL: ANALYZE after each fill step, as autovacuum would do on its own.")
    print_context("sqlalchemy", "aiosqlite", "asyncpg", "starlette", "jinja2")


def main() -> None:
    parser = argparse.ArgumentParser(description="Fill a node's catalogue and time its pages.")
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000], help="practices")
    parser.add_argument("--requests", type=int, default=30, help="timed requests per page")
    parser.add_argument("--postgres", metavar="URL", help="also on a fresh database beside URL")
    args = parser.parse_args()
    asyncio.run(bench(sorted(set(args.sizes)), args.requests, args.postgres))


if __name__ == "__main__":
    main()
