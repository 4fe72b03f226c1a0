"""Shared helpers for the benchmarks: a realistic activity body, timing and tables.

Not a benchmark itself; the scripts next to it import it (they run as
``.venv/bin/python bench/NAME.py``, so this directory is on ``sys.path``).

Errors: none of its own.
"""

from __future__ import annotations

import os
import platform
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import metadata
from typing import Any

from sinet_node.federation import activities
from sinet_node.jsonio import dumps
from sinet_node.objects.codec import to_document
from sinet_node.publishing.build import build_publication
from sinet_node.publishing.input import parse_publication_input

BASE_URL = "https://node.bench.invalid"  # never contacted: every peer is on 127.0.0.1

# The shape of tests/fixtures/inputs/practice.json: a typical practice with Markdown.
PRACTICE: dict[str, Any] = {
    "name": "Jongerenloket: one desk for young people out of work",
    "summary": "Rotterdam's youth desk brings job coaching, benefits and education advice "
    "for 18-27 year olds under one roof.",
    "content": "## What it does\n\nYoung people who apply for benefits meet a **coach** first, "
    "who looks for work or a course before any payment.\n\n- one intake, one coach\n"
    "- education before benefits\n\nSee the [city's page](https://www.rotterdam.nl/).",
    "tags": ["youth", "employment", "ACSI"],
    "challenge": "youth unemployment",
    "country": "NL",
    "city": "Rotterdam",
    "target_groups": ["young people", "unemployed people"],
    "innovation_type": "reinvent",
    "evidence_level": "correlation",
    "toolkit_urls": ["https://example.org/toolkits/jongerenloket.pdf"],
    "partners": ["Municipality of Rotterdam"],
}


def sample_create_body() -> bytes:
    """The bytes of a Create(Practice) exactly as the node would deliver it."""
    now = datetime.now(UTC).replace(microsecond=0)
    draft = parse_publication_input(
        "practice", PRACTICE, default_language="en", default_timezone="UTC"
    )
    actor = f"{BASE_URL}/users/bench"
    uri = f"{BASE_URL}/practices/abc123"
    publication = build_publication(
        draft,
        object_id=uri,
        html_url=uri,
        actor_id=actor,
        followers_url=f"{actor}/followers",
        published=now,
        updated=None,
        image=None,
        hashtag_url=lambda tag: f"{BASE_URL}/tags/{tag}",
    )
    create = activities.public_activity(
        activity_id=f"{BASE_URL}/activities/def456",
        activity_type="Create",
        actor=actor,
        followers=f"{actor}/followers",
        obj=to_document(publication),
        published=now,
    )
    return dumps(create)


@dataclass(frozen=True)
class Sample:
    """One timed run: wall and CPU seconds (this process, all threads) for ``ops`` operations."""

    wall: float
    cpu: float
    ops: int
    signing_cpu: float = 0.0  # the part of ``cpu`` spent signing, when the run measured it

    @property
    def per_second(self) -> float:
        return self.ops / self.wall if self.wall else float("inf")

    @property
    def cpu_ms_per_op(self) -> float:
        return 1000.0 * self.cpu / self.ops

    @property
    def unsigned_cpu_ms_per_op(self) -> float:
        """CPU per operation less the signing: what the HTTP client itself costs."""
        return 1000.0 * (self.cpu - self.signing_cpu) / self.ops


class Stopwatch:
    """Wall clock and process CPU time around a block (``with Stopwatch() as w:``)."""

    def __enter__(self) -> Stopwatch:
        self._wall = time.perf_counter()
        self._cpu = time.process_time()
        self.wall = 0.0
        self.cpu = 0.0
        return self

    def __exit__(self, *exc: object) -> None:
        self.wall = time.perf_counter() - self._wall
        self.cpu = time.process_time() - self._cpu

    def sample(self, ops: int, signing_cpu: float = 0.0) -> Sample:
        return Sample(self.wall, self.cpu, ops, signing_cpu)


def median_sample(samples: Sequence[Sample]) -> Sample:
    """Per-field medians (the wall and CPU medians may come from different runs)."""
    return Sample(
        statistics.median(s.wall for s in samples),
        statistics.median(s.cpu for s in samples),
        samples[0].ops,
        statistics.median(s.signing_cpu for s in samples),
    )


def print_table(title: str, header: Sequence[str], rows: Sequence[Sequence[str]]) -> None:
    """A plain fixed-width table; the first column left-aligned, the rest right-aligned."""
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]

    def line(cells: Sequence[str]) -> str:
        first, *rest = cells
        parts = [str(first).ljust(widths[0])]
        parts += [str(c).rjust(w) for c, w in zip(rest, widths[1:], strict=True)]
        return "  ".join(parts)

    print(f"\n{title}")
    print(line(header))
    print("  ".join("-" * w for w in widths))
    for row in rows:
        print(line(row))


def print_context(*packages: str) -> None:
    """Cores, load and versions: CPU figures from a busy machine are worth less."""
    versions = []
    for name in packages:
        try:
            versions.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name} (not installed)")
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(
        f"Python {platform.python_version()}, {os.cpu_count()} cores, load average {load}; "
        + "; ".join(versions)
    )


BATCHES = 7


def per_op(operation: Callable[[], object], ops: int) -> tuple[list[float], list[float]]:
    """CPU and wall seconds per operation, one figure per batch of ``ops`` calls."""
    operation()  # warm caches (OpenSSL's key blinding setup, imports) outside the timing
    cpu, wall = [], []
    for _ in range(BATCHES):
        start_cpu, start_wall = time.process_time(), time.perf_counter()
        for _ in range(ops):
            operation()
        cpu.append((time.process_time() - start_cpu) / ops)
        wall.append((time.perf_counter() - start_wall) / ops)
    return cpu, wall
