"""End to end with the real node: publish one practice to 500 followers and drain.

Run: ``.venv/bin/python bench/bench_fanout.py [--followers N] [--runs R] [--with-128]``
(about 30 s on an idle machine, 15 s more with ``--with-128``). It creates a
throwaway node (``create_node_files`` + ``open_node``, a real SQLite file, the
real guarded HTTP client), inserts N followers whose actors are already cached,
each with its own inbox on the loopback receiver (8 ports = 8 hosts, see
``loopback_receiver``), then R times: ``publish`` one practice and time
``Worker(node).drain()`` -- fan-out, N signed POSTs, one result row per delivery --
until every delivery is done. It does so with the default settings (32 at once,
4 per host), with 128 at once, 16 per host if asked (more than the client's pool
of 100 connections), and once more with the defaults over an in-memory
``httpx.MockTransport`` answering 202: still signed, but no sockets, so the
difference from the first row is what the guarded transport and the network
cost. CPU is ``time.process_time`` of this process (SQLite's thread included;
the receiver is another process). Medians of R runs.

Errors: ``BenchFailed`` when a delivery is not done after the drain.
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import ipaddress
import statistics
import tempfile
from pathlib import Path

import httpx
from benchkit import (
    BASE_URL,
    PRACTICE,
    Sample,
    Stopwatch,
    median_sample,
    print_context,
    print_table,
)
from loopback_receiver import Receiver
from sqlalchemy import func, select

from sinet_node.config import Settings
from sinet_node.federation.context import Node
from sinet_node.federation.local_publishing import publish
from sinet_node.federation.worker import Worker
from sinet_node.node import create_node_files, open_node
from sinet_node.storage.follows import ACCEPTED
from sinet_node.storage.models import Delivery, Follower, RemoteActor

HOSTS = 8
# (label, delivery_concurrency, per_host_concurrency, through the loopback network?)
DEFAULTS = ("32 at once, 4 per host", 32, 4, True)
WIDE = ("128 at once, 16 per host", 128, 16, True)
IN_MEMORY = ("32/4, in-memory transport", 32, 4, False)


class BenchFailed(Exception):
    """Some delivery was not done, so the timing does not measure a full fan-out."""


async def add_followers(node: Node, receiver: Receiver, count: int) -> None:
    """Followers with cached actors (no fetch needed), one inbox each, no shared inbox."""
    now = node.clock()
    async with node.sessions.begin() as session:
        for index in range(count):
            inbox = receiver.inbox(index)
            actor = inbox.removesuffix("/inbox")
            session.add(
                RemoteActor(
                    uri=actor,
                    key_id=f"{actor}#main-key",
                    public_key_pem=None,
                    inbox=inbox,
                    shared_inbox=None,
                    preferred_username=f"u{index}",
                    name=f"Follower {index}",
                    document={"id": actor, "type": "Person", "inbox": inbox},
                    fetched_at=now,
                )
            )
            session.add(
                Follower(
                    local_actor=node.urls.actor,
                    actor_uri=actor,
                    follow_uri=f"{actor}/follows/1",
                    state=ACCEPTED,
                    created_at=now,
                    updated_at=now,
                )
            )


async def states(node: Node) -> dict[str, int]:
    async with node.sessions() as session:
        query = select(Delivery.state, func.count()).group_by(Delivery.state)
        return {state: int(n) for state, n in (await session.execute(query)).all()}


class Accepting:
    """The in-memory peer: answers every request 202 and counts them."""

    def __init__(self) -> None:
        self.requests = 0

    def __call__(self, request: httpx.Request) -> httpx.Response:
        self.requests += 1
        return httpx.Response(202)


async def one_config(
    settings: Settings, receiver: Receiver, followers: int, runs: int, network: bool
) -> tuple[list[Sample], list[float]]:
    drains: list[Sample] = []
    publishes: list[float] = []
    accepting = Accepting()
    transport = None if network else httpx.MockTransport(accepting)

    def received() -> int:
        return receiver.count()[0] if network else accepting.requests

    async with open_node(settings, transport=transport) as node:
        for _ in range(runs):
            before = await states(node)
            with Stopwatch() as publish_watch:
                await publish(node, "practice", PRACTICE)
            requests_before = received()
            with Stopwatch() as watch:
                await Worker(node).drain()
            requests_after = received()
            after = await states(node)
            done = after.get("done", 0) - before.get("done", 0)
            if done != followers or after.get("pending") or after.get("failed"):
                raise BenchFailed(f"after the drain: {after} (expected {followers} more done)")
            if requests_after - requests_before != followers:
                raise BenchFailed("the peer did not get one POST per follower")
            drains.append(watch.sample(followers))
            publishes.append(publish_watch.wall)
    return drains, publishes


async def bench(followers: int, runs: int, wide: bool) -> None:
    with Receiver(hosts=HOSTS) as receiver, tempfile.TemporaryDirectory() as tmp:
        settings = Settings(
            data_dir=Path(tmp) / "node",
            base_url=BASE_URL,
            name="Bench",
            username="bench",
            allow_private=(ipaddress.ip_network("127.0.0.1/32"),),
        )
        await create_node_files(settings)
        async with open_node(settings) as node:
            await add_followers(node, receiver, followers)
        rows = []
        base: Sample | None = None
        for label, total, per_host, network in [DEFAULTS, *([WIDE] if wide else []), IN_MEMORY]:
            configured = dataclasses.replace(
                settings, delivery_concurrency=total, per_host_concurrency=per_host
            )
            drains, publishes = await one_config(configured, receiver, followers, runs, network)
            sample = median_sample(drains)
            base = base or sample
            rows.append(
                [
                    label,
                    f"{statistics.median(publishes) * 1e3:.0f}",
                    f"{sample.wall:.2f}",
                    f"{sample.per_second:,.0f}",
                    f"{sample.cpu_ms_per_op:.2f}",
                    f"{sample.cpu_ms_per_op / base.cpu_ms_per_op:.2f}",
                ]
            )
    print_table(
        f"publish + Worker.drain() to {followers} followers on {HOSTS} loopback hosts, "
        f"SQLite, median of {runs} runs",
        ["settings", "publish ms", "drain s", "deliv/s", "CPU ms/deliv", "CPU x first"],
        rows,
    )
    print_context("httpx", "httpcore", "sqlalchemy", "aiosqlite")


def main() -> None:
    parser = argparse.ArgumentParser(description="Publish to N followers and drain.")
    parser.add_argument("--followers", type=int, default=500)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--with-128", action="store_true", help="add the 128/16 settings")
    args = parser.parse_args()
    asyncio.run(bench(args.followers, args.runs, args.with_128))


if __name__ == "__main__":
    main()
