"""`join`, `network` and `leave`: the node in its network (CLI.md, "The network")."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from tqdm import tqdm

from sinet_node.cli.common import CliError, print_listing, say, settings_from
from sinet_node.federation.membership import leaving
from sinet_node.federation.membership.joining import JoinFailed, JoinReport
from sinet_node.federation.membership.joining import join as join_network
from sinet_node.federation.membership.registry import answer_introduction
from sinet_node.node import open_node
from sinet_node.storage import members as member_store


class BarProgress:
    """Each stage a line on stderr with a bar (or a running count when the total is open)."""

    def __init__(self) -> None:
        self.bar: tqdm[Any] | None = None

    def start(self, label: str, total: int | None, unit: str = "") -> None:
        self.finish()
        self.bar = tqdm(
            total=total,
            desc=label,
            unit=f" {unit}" if unit else "",
            bar_format=None if unit else "{desc}…",
            file=sys.stderr,
            leave=True,
            dynamic_ncols=True,
            mininterval=0.5,
        )

    def advance(self, amount: int = 1) -> None:
        if self.bar is not None:
            self.bar.update(amount)

    def finish(self) -> None:
        if self.bar is not None:
            self.bar.close()
            self.bar = None


def _summary(report: JoinReport) -> dict[str, Any]:
    return {
        "through": report.through,
        "members": report.members,
        "followed": report.followed,
        "imported": report.imported,
        "failures": [{"what": what, "why": why} for what, why in report.failures],
    }


async def join(args: argparse.Namespace) -> int:
    async with open_node(settings_from(args)) as node:
        try:
            report = await join_network(node, args.target, BarProgress())
        except JoinFailed as exc:
            raise CliError(str(exc)) from exc
    if args.json:
        print(json.dumps(_summary(report)))
        return 0
    print(
        f"Joined through {report.through}: {len(report.members)} member(s), "
        f"{len(report.followed)} newly followed, {report.imported} object(s) imported, "
        f"{len(report.failures)} failure(s)."
    )
    for what, why in report.failures:
        print(f"  {what}: {why}")
    say("The running node delivers the follows and announcements (sinet-node run).")
    return 0


def _stamp(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


async def network(args: argparse.Namespace) -> int:
    async with open_node(settings_from(args)) as node:
        if args.approve or args.reject:
            try:
                row = await answer_introduction(
                    node, (args.approve or args.reject).rstrip("/"), approve=bool(args.approve)
                )
            except LookupError as exc:
                raise CliError(str(exc)) from exc
            print(f"{'Welcomed' if args.approve else 'Turned down'} {row.node}")
            return 0
        async with node.sessions() as session:
            rows = await member_store.listed(session, exclude=node.urls.origin)
    listed = [
        {
            "node": row.node,
            "actor": row.organisation,
            "since": _stamp(row.since),
            "last_seen": _stamp(row.last_seen),
            "state": row.state,
        }
        for row in rows
    ]
    return print_listing(
        listed,
        as_json=args.json,
        line=lambda entry: (
            f"{entry['state']:<12} {entry['node']}  {entry['actor']}  (since {entry['since']})"
        ),
        empty="This node knows no other members yet: sinet-node join URL_OR_HANDLE.",
    )


async def leave(args: argparse.Namespace) -> int:
    async with open_node(settings_from(args)) as node:
        told = await leaving.leave(node)
    print(f"Left the network; {len(told)} members will be told when the node runs.")
    return 0
