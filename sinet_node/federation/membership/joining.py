"""Joining the network through any member: discover it, read and check its directory, take
every member in (one transaction), then read what each already published.

Nothing is written until the target has proved to be a SINet node with a readable
directory, so a failed join leaves no trace. Members whose statements cannot be checked yet
(their node is down) are noted and checked again by the keeper.

Errors: ``JoinFailed`` (one line: what went wrong and with whom).
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Any, Protocol

from sinet_node.federation.context import Node
from sinet_node.federation.membership.backfill import backfill
from sinet_node.federation.membership.directory import DirectoryUnreadable, read_directory
from sinet_node.federation.membership.peers import NotAMember, PeerUnreachable, discover
from sinet_node.federation.membership.registry import (
    NEW,
    WELCOMED,
    merge_in,
    own_member,
    set_own_state,
)
from sinet_node.federation.membership.statements import Checked, check_entries
from sinet_node.storage import members as member_store
from sinet_node.storage.members import ACTIVE, LEFT

BACKFILL_CONCURRENCY = 4


class JoinFailed(Exception):
    """The join did not happen; nothing of it was kept."""


class Progress(Protocol):
    """``total`` None: a stage without a known end (``unit`` says what is counted, if any)."""

    def start(self, label: str, total: int | None, unit: str = "") -> None: ...

    def advance(self, amount: int = 1) -> None: ...

    def finish(self) -> None: ...


class QuietProgress:
    def start(self, label: str, total: int | None, unit: str = "") -> None:
        pass

    def advance(self, amount: int = 1) -> None:
        pass

    def finish(self) -> None:
        pass


@dataclass
class JoinReport:
    through: str
    members: list[str] = field(default_factory=list)  # every member now known, but us
    followed: list[str] = field(default_factory=list)  # organisations we started following
    imported: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)  # (what, why)


def _label(entry: Any) -> str:
    if isinstance(entry, dict):
        return str(entry.get("node") or entry.get("id") or "an entry")[:200]
    return "an entry"


async def join(node: Node, target: str, progress: Progress | None = None) -> JoinReport:
    progress = progress or QuietProgress()
    progress.start(f"Looking up {target}", None)
    try:
        peer = await discover(node, target)
        entries = await read_directory(node, peer.members)
    except (NotAMember, PeerUnreachable, DirectoryUnreadable) as exc:
        progress.finish()
        raise JoinFailed(str(exc)) from exc
    progress.finish()
    report = JoinReport(through=peer.node)
    entries = [entry for entry in entries if _label(entry) != node.urls.origin]
    progress.start(f"Checking the member statements of {peer.node}", len(entries), "statements")
    checked = await check_entries(node, entries, on_each=progress.advance)
    progress.finish()
    if not any(
        item.verified and item.statement and item.statement.node == peer.node for item in checked
    ):
        raise JoinFailed(f"{peer.node}'s directory has no valid statement of its own membership")
    for entry, item in zip(entries, checked, strict=True):
        if item.problem:
            report.failures.append((_label(entry), item.problem))
    welcomed = await _take_in(node, peer.instance_actor, checked, report)
    await _backfill_all(node, welcomed, report, progress)
    return report


async def _take_in(
    node: Node, introducer: str, checked: list[Checked], report: JoinReport
) -> list[str]:
    """Every member, and our own entry, in one transaction; returns the welcomed nodes."""
    await own_member(node)
    welcomed: list[str] = []
    async with node.sessions.begin() as session:
        own = await member_store.by_node(session, node.urls.origin)
        if own is not None and own.state == LEFT:
            await set_own_state(node, session, ACTIVE)  # joining again after leaving
        for item in checked:
            if item.statement is None or item.statement.state != ACTIVE:
                continue
            merged = await merge_in(
                session,
                node,
                item.statement,
                verified=item.verified,
                introduced_by=introducer,
                admitted=True,
            )
            if merged.outcome in (NEW, WELCOMED):
                welcomed.append(merged.node)
                report.followed.append(item.statement.organisation)
        rows = await member_store.listed(session, exclude=node.urls.origin)
        report.members = [row.node for row in rows if row.state != LEFT]
    return welcomed


async def _backfill_all(
    node: Node, welcomed: list[str], report: JoinReport, progress: Progress
) -> None:
    async with node.sessions() as session:
        rows = [await member_store.by_node(session, member) for member in welcomed]
    members = [row for row in rows if row is not None]
    progress.start(f"Reading what {len(members)} member(s) published", None, "objects")
    limit = asyncio.Semaphore(BACKFILL_CONCURRENCY)

    async def one(member: str, organisation: str) -> None:
        async with limit:
            result = await backfill(node, organisation, progress=lambda _: progress.advance())
        report.imported += result.imported
        if result.error:
            report.failures.append((member, f"backfill stopped: {result.error}"))
            return
        async with node.sessions.begin() as session:
            row = await member_store.by_node(session, member)
            if row is not None:
                row.backfilled_at = node.clock()

    await asyncio.gather(*(one(row.node, row.organisation) for row in members))
    progress.finish()
