"""`follow`, `unfollow`, `requests`, `approve`, `reject`."""

from __future__ import annotations

import argparse
from collections.abc import Awaitable, Callable

from sinet_node.cli.common import CliError, print_listing, settings_from
from sinet_node.federation import follows
from sinet_node.federation.context import Node
from sinet_node.federation.follows import FollowError
from sinet_node.node import open_node


async def _act(args: argparse.Namespace, action: Callable[[Node], Awaitable[str]]) -> int:
    async with open_node(settings_from(args)) as node:
        try:
            actor = await action(node)
        except FollowError as exc:
            raise CliError(str(exc)) from exc
    print(actor)
    return 0


async def follow(args: argparse.Namespace) -> int:
    return await _act(args, lambda node: follows.follow(node, args.target))


async def unfollow(args: argparse.Namespace) -> int:
    return await _act(args, lambda node: follows.unfollow(node, args.target))


async def requests(args: argparse.Namespace) -> int:
    async with open_node(settings_from(args)) as node:
        pending = await follows.pending_requests(node)
    rows = [{"actor": row.actor_uri, "received": row.created_at.isoformat()} for row in pending]
    return print_listing(
        rows,
        as_json=args.json,
        line=lambda row: f"{row['actor']}  (since {row['received']})",
        empty="No pending follow requests.",
    )


async def approve(args: argparse.Namespace) -> int:
    return await _act(args, lambda node: follows.answer_request(node, args.actor, approve=True))


async def reject(args: argparse.Namespace) -> int:
    return await _act(args, lambda node: follows.answer_request(node, args.actor, approve=False))
