"""`publish`, `update`, `delete`: work whether or not `run` is running (deliveries are
queued in the database and sent by the running node)."""

from __future__ import annotations

import argparse

from sinet_node.cli.common import CliError, read_json_file, settings_from
from sinet_node.federation import local_publishing
from sinet_node.federation.local_publishing import PublishError
from sinet_node.node import open_node


async def publish(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    data = read_json_file(args.file)
    async with open_node(settings) as node:
        try:
            uri = await local_publishing.publish(node, args.kind, data)
        except PublishError as exc:
            raise CliError(f"{args.file}: {exc}") from exc
    print(uri)
    return 0


async def update(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    data = read_json_file(args.file)
    async with open_node(settings) as node:
        try:
            uri = await local_publishing.update(node, args.id, data)
        except PublishError as exc:
            raise CliError(f"{args.file}: {exc}") from exc
    print(uri)
    return 0


async def delete(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    async with open_node(settings) as node:
        try:
            uri = await local_publishing.delete(node, args.id)
        except PublishError as exc:
            raise CliError(str(exc)) from exc
    print(uri)
    return 0
