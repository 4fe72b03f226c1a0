"""Signed delivery POSTs through three HTTP clients: CPU per delivery and throughput.

Run: ``.venv/bin/python bench/bench_delivery.py [--deliveries N] [--runs R]
[--concurrency C ...]`` (defaults 500, 3, 32 and 128: under a minute on an idle
2-core machine; the per-delivery figures hold at 2,000 too).
A receiver process (``loopback_receiver``) listens on 8 loopback ports, i.e. 8
hosts; this process sends N signed POSTs of a real Create body, round-robin over
the hosts, with C concurrent senders, through

  (a) the node's own client: ``make_http_client`` (guarded httpcore transport),
      signed by ``HttpSignatureAuth`` -- exactly what ``delivery._post`` does;
  (b) a plain ``httpx.AsyncClient`` with the same pool size and the same auth;
  (c) ``aiohttp`` (the ``bench`` extra), signed with ``sign_request_headers``;
  (d) our ``GuardedBackend`` under httpcore2's rewritten pool (``core2_transport``,
      the ``bench`` extra), same auth as (a): what swapping only the pool buys;
  (a'), (d') only when C exceeds the pool: (a) and (d) with a pool as large as C.

Every client gets a pool of 100 connections (make_http_client's default) and a
fresh instance per run, so connection set-up is inside the figures; "conns" is
how many connections the receiver accepted per run. CPU is ``time.process_time``
of this process only (the receiver is another process); the CPU spent inside
the signing call is metered during the same runs, so "client only" is what the
HTTP client itself costs per delivery. The tables show medians of R runs and
ratios to (a).

Errors: ``BenchFailed`` when a POST is not answered 202 (the figures would lie).
"""

from __future__ import annotations

import argparse
import asyncio
import importlib.util
import ipaddress
import statistics
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Generator, Iterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager, contextmanager
from datetime import UTC, datetime

import aiohttp
import httpx
from benchkit import (
    Sample,
    Stopwatch,
    median_sample,
    print_context,
    print_table,
    sample_create_body,
)
from core2_transport import Core2GuardedTransport
from cryptography.hazmat.primitives.asymmetric import rsa
from loopback_receiver import Receiver

from sinet_node.federation.addresses import AddressPolicy
from sinet_node.federation.delivery import AS_CONTENT_TYPE
from sinet_node.federation.keys import generate_rsa_key
from sinet_node.federation.signing import HttpSignatureAuth, sign_request_headers
from sinet_node.federation.transport import make_http_client

HOSTS = 8
POOL = 100  # make_http_client's default max_connections; the others get the same
KEY_ID = "https://node.bench.invalid/users/bench#main-key"
HEADERS = {"Content-Type": AS_CONTENT_TYPE, "Accept": "application/activity+json"}
BASELINE = "(a) guarded httpx (ours)"

Send = Callable[[str], Awaitable[int]]


class SigningMeter:
    """Adds up the CPU seconds spent signing (the event loop runs one call at a time)."""

    def __init__(self) -> None:
        self.seconds = 0.0

    @contextmanager
    def measure(self) -> Iterator[None]:
        start = time.process_time()
        try:
            yield
        finally:
            self.seconds += time.process_time() - start


class MeteredAuth(HttpSignatureAuth):
    """Our auth, unchanged, with its CPU time added to a meter."""

    def __init__(self, key: rsa.RSAPrivateKey, meter: SigningMeter) -> None:
        super().__init__(KEY_ID, key, utcnow)
        self.meter = meter

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        with self.meter.measure():
            signed = next(super().auth_flow(request))
        yield signed


ClientFactory = Callable[
    [rsa.RSAPrivateKey, bytes, int, SigningMeter], AbstractAsyncContextManager[Send]
]


class BenchFailed(Exception):
    """A delivery was not accepted, so the run does not measure what it claims to."""


def utcnow() -> datetime:
    return datetime.now(UTC)


@asynccontextmanager
async def guarded(
    key: rsa.RSAPrivateKey, body: bytes, pool: int, meter: SigningMeter
) -> AsyncIterator[Send]:
    policy = AddressPolicy(allow=(ipaddress.ip_network("127.0.0.1/32"),))
    client = make_http_client(
        policy, timeout=15.0, user_agent="sinet-bench/1", max_connections=pool
    )

    async def send(url: str) -> int:
        response = await client.post(
            url, content=body, headers=HEADERS, auth=MeteredAuth(key, meter)
        )
        await response.aclose()
        return response.status_code

    async with client:
        yield send


@asynccontextmanager
async def plain_httpx(
    key: rsa.RSAPrivateKey, body: bytes, pool: int, meter: SigningMeter
) -> AsyncIterator[Send]:
    limits = httpx.Limits(max_connections=pool, max_keepalive_connections=pool)
    client = httpx.AsyncClient(
        limits=limits, timeout=15.0, trust_env=False, headers={"User-Agent": "sinet-bench/1"}
    )

    async def send(url: str) -> int:
        response = await client.post(
            url, content=body, headers=HEADERS, auth=MeteredAuth(key, meter)
        )
        await response.aclose()
        return response.status_code

    async with client:
        yield send


@asynccontextmanager
async def aiohttp_session(
    key: rsa.RSAPrivateKey, body: bytes, pool: int, meter: SigningMeter
) -> AsyncIterator[Send]:
    session = aiohttp.ClientSession(
        connector=aiohttp.TCPConnector(limit=pool),
        timeout=aiohttp.ClientTimeout(total=15.0),
        headers={"User-Agent": "sinet-bench/1"},
    )

    async def send(url: str) -> int:
        with meter.measure():
            signed = sign_request_headers(
                method="POST", url=url, body=body, key_id=KEY_ID, private_key=key, now=utcnow()
            )
        async with session.post(url, data=body, headers={**HEADERS, **signed}) as response:
            await response.read()
            return response.status

    async with session:
        yield send


@asynccontextmanager
async def core2_guarded(
    key: rsa.RSAPrivateKey, body: bytes, pool: int, meter: SigningMeter
) -> AsyncIterator[Send]:
    policy = AddressPolicy(allow=(ipaddress.ip_network("127.0.0.1/32"),))
    client = httpx.AsyncClient(
        transport=Core2GuardedTransport(policy, max_connections=pool),
        follow_redirects=False,
        timeout=httpx.Timeout(15.0),
        headers={"User-Agent": "sinet-bench/1"},
        trust_env=False,
    )

    async def send(url: str) -> int:
        response = await client.post(
            url, content=body, headers=HEADERS, auth=MeteredAuth(key, meter)
        )
        await response.aclose()
        return response.status_code

    async with client:
        yield send


def clients(concurrency: int) -> list[tuple[str, ClientFactory, int]]:
    chosen: list[tuple[str, ClientFactory, int]] = [
        (BASELINE, guarded, POOL),
        ("(b) plain httpx", plain_httpx, POOL),
        ("(c) aiohttp", aiohttp_session, POOL),
        ("(d) guarded on httpcore2 pool", core2_guarded, POOL),
    ]
    if concurrency > POOL:
        chosen.append((f"(a') guarded, pool {concurrency}", guarded, concurrency))
        chosen.append((f"(d') httpcore2 pool {concurrency}", core2_guarded, concurrency))
    return chosen


async def one_run(
    factory: ClientFactory,
    pool: int,
    key: rsa.RSAPrivateKey,
    body: bytes,
    urls: list[str],
    concurrency: int,
) -> Sample:
    """Send every URL once with ``concurrency`` senders; the client is built outside the timing."""
    failures: list[str] = []

    async def sender(send: Send, queue: Iterator[str]) -> None:
        for url in queue:  # the senders share one iterator: each URL is taken once
            status = await send(url)
            if status != 202:
                failures.append(f"{url}: HTTP {status}")

    meter = SigningMeter()
    async with factory(key, body, pool, meter) as send:
        queue = iter(urls)
        with Stopwatch() as watch:
            await asyncio.gather(*(sender(send, queue) for _ in range(concurrency)))
    if failures:
        raise BenchFailed(f"{len(failures)} deliveries failed, e.g. {failures[0]}")
    return watch.sample(len(urls), meter.seconds)


async def bench(deliveries: int, runs: int, concurrencies: list[int]) -> None:
    key = generate_rsa_key()
    body = sample_create_body()
    with Receiver(hosts=HOSTS) as receiver:
        urls = [receiver.inbox(i) for i in range(deliveries)]
        signing: list[float] = []
        for _name, factory, pool in clients(0):  # warm up imports and code paths, untimed
            await one_run(factory, pool, key, body, urls[:100], 32)
        for concurrency in concurrencies:
            samples: dict[str, list[Sample]] = {}
            connections: dict[str, list[int]] = {}
            for _ in range(runs):
                # Interleave the clients so a noisy moment hurts all of them alike.
                for name, factory, pool in clients(concurrency):
                    before_requests, before_connections = receiver.count()
                    sample = await one_run(factory, pool, key, body, urls, concurrency)
                    after_requests, after_connections = receiver.count()
                    if after_requests - before_requests != deliveries:
                        raise BenchFailed(f"{name}: the receiver did not get every POST")
                    samples.setdefault(name, []).append(sample)
                    connections.setdefault(name, []).append(after_connections - before_connections)
            report(samples, connections, concurrency, deliveries, runs)
            signing += [s.signing_cpu * 1e3 / s.ops for runs_ in samples.values() for s in runs_]
    sniffio = importlib.util.find_spec("sniffio") is not None
    print(
        f"\nSigning (RSA-2048), metered inside the runs: median {statistics.median(signing):.2f} "
        "CPU ms per delivery; "
        f"every POST was answered 202.\nsniffio installed: {sniffio} (without it httpcore "
        "retries a failing `import sniffio` for every lock and semaphore it sets up)."
    )
    print_context("httpx", "httpcore", "anyio", "aiohttp")


def report(
    samples: dict[str, list[Sample]],
    connections: dict[str, list[int]],
    concurrency: int,
    deliveries: int,
    runs: int,
) -> None:
    medians = {name: median_sample(runs_) for name, runs_ in samples.items()}
    base = medians[BASELINE]
    rows = []
    for name, sample in medians.items():
        rows.append(
            [
                name,
                f"{sample.wall:.2f}",
                f"{sample.per_second:,.0f}",
                f"{sample.cpu_ms_per_op:.2f}",
                f"{statistics.median(s.unsigned_cpu_ms_per_op for s in samples[name]):.2f}",
                f"{statistics.median(connections[name]):,.0f}",
                f"{sample.cpu_ms_per_op / base.cpu_ms_per_op:.2f}",
                f"{base.wall / sample.wall:.2f}",
            ]
        )
    print_table(
        f"{deliveries:,} signed POSTs to {HOSTS} loopback hosts, concurrency {concurrency}, "
        f"median of {runs} runs",
        [
            "client",
            "wall s",
            "deliv/s",
            "CPU ms/deliv",
            "client only",
            "conns",
            "CPU x (a)",
            "speed x (a)",
        ],
        rows,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description="Signed delivery POSTs through three clients.")
    parser.add_argument("--deliveries", type=int, default=500)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--concurrency", type=int, nargs="+", default=[32, 128])
    args = parser.parse_args()
    asyncio.run(bench(args.deliveries, args.runs, args.concurrency))


if __name__ == "__main__":
    main()
