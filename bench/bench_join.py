"""Joining the network through a member that already published N practices, events and calls.

Run: ``.venv/bin/python bench/bench_join.py [--sizes 200 1000] [--runs 3]`` (about 75 s
at the default sizes on a 2-core machine; Linux only: it reads the member's CPU from /proc).

The member is a real node: ``create_node_files`` in a temporary directory, its publications
made in this process through ``local_publishing.publish`` (the real outbox, activities and
objects; ``catalogue_corpus`` content, 6 practices, an event and a call in every 8), then
served by a real ``sinet-node run`` process on a free loopback port. For each size (the
catalogue grows from one size to the next) R fresh joiners each run ``join`` through the
Python API, as ``sinet-node join`` does, in a child process of their own (this script with
``--joiner``): a new data directory, ``open_node``, then the timed join with a progress that
notes when each stage starts and ends. The joiner is not serving (nor is it for the CLI):
the Follows and the Add it queues wait for its next ``run``.

Per join: wall and CPU (``time.process_time`` of the joining process, aiosqlite's thread
included) of the whole join and of its stages -- discovery and directory, statement checks,
recording the members (one transaction), backfill -- objects imported per second of
backfill, the HTTP requests and SQL statements the joiner made (httpx event hook,
SQLAlchemy ``before_cursor_execute``), the member process's CPU over the join (utime +
stime from /proc), and the joiner's peak RSS (``resource.getrusage(RUSAGE_SELF).ru_maxrss``
at the end, a high-water mark of the whole process, beside the same figure just before the
join: imports and an open node). Medians of R runs.

A backfill reads at most ``MAX_PAGES`` outbox pages of ``PAGE_SIZE`` items per member, so a
member with more publications gives only its newest 1,000; sizes above that show the cap.

Errors: ``BenchFailed`` when a join fails, imports fewer objects than expected, or the
member does not start.
"""

from __future__ import annotations

import argparse
import asyncio
import ipaddress
import json
import os
import resource
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import catalogue_corpus as corpus
import httpx
from benchkit import Stopwatch, print_context, print_table
from sqlalchemy import event

from sinet_node.config import Settings
from sinet_node.federation.local_publishing import publish
from sinet_node.federation.membership.backfill import MAX_PAGES
from sinet_node.federation.membership.joining import join
from sinet_node.node import create_node_files, open_node
from sinet_node.web.endpoints.collections import PAGE_SIZE

SEED = 2024
LOOPBACK = "127.0.0.1"
ALLOW_LOOPBACK = (ipaddress.ip_network(f"{LOOPBACK}/32"),)
SINET_NODE = Path(sys.executable).parent / "sinet-node"
START_TIMEOUT_S = 30.0
STOP_TIMEOUT_S = 10.0
JOIN_TIMEOUT_S = 600.0
BACKFILL_CAP = MAX_PAGES * PAGE_SIZE
# Of every 8 publications: 6 practices, an event and a call.
KINDS = ("practice",) * 6 + ("event", "call")
STAGES = ("lookup", "statements", "backfill")  # the progress stages of join(), in order


class BenchFailed(Exception):
    """The join did not do what it should, so its timing measures something else."""


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((LOOPBACK, 0))
        port: int = sock.getsockname()[1]
        return port


def node_settings(data_dir: Path, port: int, name: str, username: str) -> Settings:
    return Settings(
        data_dir=data_dir,
        base_url=f"http://{LOOPBACK}:{port}",
        name=name,
        username=username,
        allow_private=ALLOW_LOOPBACK,
    )


# -- the joiner (a child process) -------------------------------------------------------


@dataclass
class Stage:
    wall: float = 0.0
    cpu: float = 0.0
    count: int = 0


@dataclass
class TimingProgress:
    """join()'s Progress: the wall and CPU seconds of each stage, in the order they start."""

    stages: list[Stage] = field(default_factory=list)
    _started: tuple[float, float] | None = None

    def start(self, label: str, total: int | None, unit: str = "") -> None:
        self.finish()
        self.stages.append(Stage())
        self._started = (time.perf_counter(), time.process_time())

    def advance(self, amount: int = 1) -> None:
        self.stages[-1].count += amount

    def finish(self) -> None:
        if self._started is not None:
            wall, cpu = self._started
            self.stages[-1].wall = time.perf_counter() - wall
            self.stages[-1].cpu = time.process_time() - cpu
            self._started = None


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


async def run_joiner(target: str, data_dir: Path) -> dict[str, Any]:
    settings = node_settings(data_dir, free_port(), "Joiner", "joiner")
    await create_node_files(settings)
    counts = {"requests": 0, "statements": 0}

    async def on_request(_request: httpx.Request) -> None:
        counts["requests"] += 1

    def on_statement(*_args: Any) -> None:
        counts["statements"] += 1

    async with open_node(settings) as node:
        node.http.event_hooks["request"].append(on_request)
        event.listen(node.engine.sync_engine, "before_cursor_execute", on_statement)
        rss_before = peak_rss_mb()
        progress = TimingProgress()
        with Stopwatch() as watch:
            report = await join(node, target, progress)
    if len(progress.stages) != len(STAGES):
        raise BenchFailed(f"join reported {len(progress.stages)} stages, not {len(STAGES)}")
    timed = sum(stage.wall for stage in progress.stages)
    timed_cpu = sum(stage.cpu for stage in progress.stages)
    return {
        "wall": watch.wall,
        "cpu": watch.cpu,
        "stages": {name: vars(stage) for name, stage in zip(STAGES, progress.stages, strict=True)},
        # Between the checks and the backfill: every member recorded in one transaction.
        "record": {"wall": watch.wall - timed, "cpu": watch.cpu - timed_cpu},
        "imported": report.imported,
        "members": len(report.members),
        "failures": [f"{what}: {why}" for what, why in report.failures],
        "requests": counts["requests"],
        "statements": counts["statements"],
        "rss_before_mb": rss_before,
        "rss_peak_mb": peak_rss_mb(),
    }


def joiner_main(target: str, data_dir: str) -> None:
    print(json.dumps(asyncio.run(run_joiner(target, Path(data_dir)))))


# -- the member (a `sinet-node run` process) -------------------------------------------


def process_cpu(pid: int) -> float:
    """User + system CPU seconds of a process so far (/proc/PID/stat fields 14 and 15)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@contextmanager
def serving(settings: Settings, log: Path) -> Iterator[subprocess.Popen[bytes]]:
    """``sinet-node run`` on the member's data directory until the block ends (SIGTERM)."""
    port = settings.base_url.rsplit(":", 1)[1]
    command = [str(SINET_NODE), "run", "--data-dir", str(settings.data_dir)]
    with log.open("ab") as out:
        process = subprocess.Popen(
            [*command, "--host", LOOPBACK, "--port", port],
            stdout=out,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
        )
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while not _answers(f"{settings.base_url}/.well-known/nodeinfo"):
            if process.poll() is not None or time.monotonic() > deadline:
                raise BenchFailed(f"the member did not start; see {log}")
            time.sleep(0.1)
        yield process
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _answers(url: str) -> bool:
    try:
        return httpx.get(url, timeout=2).status_code == 200
    except httpx.TransportError:
        return False


async def publish_up_to(settings: Settings, start: int, stop: int) -> float:
    """Publish objects start..stop-1 on the member (not serving); CPU ms per object."""
    orgs = corpus.organisations()
    now = datetime.now(UTC)
    async with open_node(settings) as node:
        with Stopwatch() as watch:
            for index in range(start, stop):
                kind = KINDS[index % len(KINDS)]
                if kind == "practice":
                    org, data = corpus.practice(SEED, index, orgs)
                elif kind == "event":
                    org, data, _ = corpus.event(SEED, index, orgs, now)
                else:
                    org, data, _ = corpus.call(SEED, index, orgs, now)
                # The text is in the language its organisation writes (or an English copy).
                await publish(node, kind, data | {"language": org.language})
    return 1000 * watch.cpu / max(1, stop - start)


def one_join(target: str, data_dir: Path, member: subprocess.Popen[bytes]) -> dict[str, Any]:
    member_cpu = process_cpu(member.pid)
    result = subprocess.run(
        [sys.executable, __file__, "--joiner", target, str(data_dir)],
        capture_output=True,
        timeout=JOIN_TIMEOUT_S,
        check=False,
    )
    if result.returncode != 0:
        raise BenchFailed(f"the joiner exited {result.returncode}:\n{result.stderr.decode()}")
    figures: dict[str, Any] = json.loads(result.stdout)
    figures["member_cpu"] = process_cpu(member.pid) - member_cpu
    shutil.rmtree(data_dir)
    return figures


def median(runs: list[dict[str, Any]], *path: str) -> float:
    def value(run: dict[str, Any]) -> float:
        found: Any = run
        for key in path:
            found = found[key]
        return float(found)

    return statistics.median(value(run) for run in runs)


def check(runs: list[dict[str, Any]], size: int) -> None:
    expected = min(size, BACKFILL_CAP)
    for run in runs:
        if run["imported"] != expected or run["failures"] or run["members"] != 1:
            raise BenchFailed(
                f"a join imported {run['imported']} of {expected} objects, "
                f"{run['members']} member(s), failures: {run['failures']}"
            )


def row_for(size: int, publish_ms: float, runs: list[dict[str, Any]]) -> list[str]:
    imported = median(runs, "imported")
    backfill = median(runs, "stages", "backfill", "wall")
    return [
        f"{size:,}",
        f"{imported:,.0f}",
        f"{publish_ms:.1f}",
        f"{median(runs, 'wall'):.2f}",
        *(f"{median(runs, 'stages', stage, 'wall'):.3f}" for stage in STAGES[:2]),
        f"{median(runs, 'record', 'wall'):.3f}",
        f"{backfill:.2f}",
        f"{imported / backfill:,.0f}",
        f"{median(runs, 'cpu'):.2f}",
        f"{1000 * median(runs, 'stages', 'backfill', 'cpu') / imported:.1f}",
        f"{median(runs, 'member_cpu'):.2f}",
        f"{median(runs, 'requests'):,.0f}",
        f"{median(runs, 'statements') / imported:.1f}",
        f"{median(runs, 'rss_peak_mb'):.0f} ({median(runs, 'rss_before_mb'):.0f})",
    ]


def bench(sizes: list[int], runs: int) -> None:
    print_context("httpx", "sqlalchemy", "aiosqlite", "rfc8785")
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        settings = node_settings(root / "member", free_port(), "Municipality of Ohrid", "member")
        asyncio.run(create_node_files(settings))
        rows: list[list[str]] = []
        medians: dict[int, dict[str, float]] = {}
        published = 0
        for size in sorted(sizes):
            publish_ms = asyncio.run(publish_up_to(settings, published, size))
            published = size
            with serving(settings, root / "member-run.log") as member:
                results = [
                    one_join(settings.base_url, root / f"joiner-{size}-{run}", member)
                    for run in range(runs)
                ]
            check(results, size)
            rows.append(row_for(size, publish_ms, results))
            medians[size] = {
                "imported": median(results, "imported"),
                "wall": median(results, "wall"),
                "backfill": median(results, "stages", "backfill", "wall"),
                "cpu": median(results, "cpu"),
                "member_cpu": median(results, "member_cpu"),
            }
    print_table(
        f"join through a member holding N publications (real `sinet-node run` member, joiner "
        f"in its own process, all on {LOOPBACK}, SQLite), median of {runs} fresh joiners",
        [
            "N",
            "imported",
            "publish CPU ms/obj",
            "join s",
            "lookup s",
            "statements s",
            "record s",
            "backfill s",
            "obj/s",
            "joiner CPU s",
            "backfill CPU ms/obj",
            "member CPU s",
            "HTTP requests",
            "SQL/obj",
            "peak RSS MB (before)",
        ],
        rows,
    )
    print(
        f"\nA backfill reads at most {MAX_PAGES} outbox pages of {PAGE_SIZE} per member: "
        f"{BACKFILL_CAP:,} objects; a member's older publications are not read."
    )
    if len(medians) > 1:
        small, large = min(medians), max(medians)
        ratio = medians[large]["imported"] / medians[small]["imported"]
        print_table(
            f"{large:,} against {small:,} (x{ratio:.1f} objects imported)",
            ["figure", f"N={small:,}", f"N={large:,}", "ratio"],
            [
                [
                    label,
                    f"{medians[small][key]:.2f}",
                    f"{medians[large][key]:.2f}",
                    f"{medians[large][key] / medians[small][key]:.2f}",
                ]
                for label, key in (
                    ("join wall s", "wall"),
                    ("backfill wall s", "backfill"),
                    ("joiner CPU s", "cpu"),
                    ("member CPU s", "member_cpu"),
                )
            ],
        )
    print("Load average at the end: " + ", ".join(f"{x:.1f}" for x in os.getloadavg()))


def main() -> None:
    if sys.argv[1:2] == ["--joiner"]:
        joiner_main(sys.argv[2], sys.argv[3])
        return
    parser = argparse.ArgumentParser(description="Join through a member holding N objects.")
    parser.add_argument("--sizes", type=int, nargs="+", default=[200, 1000])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    bench(args.sizes, args.runs)


if __name__ == "__main__":
    main()
