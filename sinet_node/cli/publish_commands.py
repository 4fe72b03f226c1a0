"""`publish`, `update`, `delete`: work whether or not `run` is running (deliveries are
queued in the database and sent by the running node)."""

from __future__ import annotations

import argparse
from collections.abc import Awaitable, Callable

from sinet_node.cli.common import CliError, read_json_file, settings_from
from sinet_node.config import Settings
from sinet_node.federation import local_publishing
from sinet_node.federation.context import Node
from sinet_node.federation.local_publishing import PublishError, UnknownObject
from sinet_node.node import open_node


async def _act(
    args: argparse.Namespace, settings: Settings, action: Callable[[Node], Awaitable[str]]
) -> int:
    """Run one publishing action; print the object's id as the last stdout line."""
    async with open_node(settings) as node:
        try:
            uri = await action(node)
        except PublishError as exc:
            blame_file = getattr(args, "file", None) and not isinstance(exc, UnknownObject)
            where = f"{args.file}: " if blame_file else ""
            raise CliError(f"{where}{exc}") from exc
    print(uri)
    return 0


async def publish(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    data = read_json_file(args.file)
    return await _act(args, settings, lambda node: local_publishing.publish(node, args.kind, data))


async def update(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    data = read_json_file(args.file)
    return await _act(args, settings, lambda node: local_publishing.update(node, args.id, data))


async def delete(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    return await _act(args, settings, lambda node: local_publishing.delete(node, args.id))


async def pin(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    return await _act(args, settings, lambda node: local_publishing.pin(node, args.id))


async def unpin(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    return await _act(
        args, settings, lambda node: local_publishing.pin(node, args.id, pinned=False)
    )


async def share(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    return await _act(args, settings, lambda node: local_publishing.share(node, args.id))
