"""`rotate-keys`: works whether or not `run` is running (the running node picks the new keys
up on its next worker pass and sends the queued Updates)."""

from __future__ import annotations

import argparse
from datetime import timedelta

from sinet_node.cli.common import CliError, say, settings_from
from sinet_node.federation.key_rotation import rotate_keys as rotate
from sinet_node.node import open_node

MAX_GRACE_DAYS = 3650


async def rotate_keys(args: argparse.Namespace) -> int:
    """New keys for both actors; prints the new key ids."""
    if not 0 <= args.grace_days <= MAX_GRACE_DAYS:
        raise CliError(f"--grace-days must be between 0 and {MAX_GRACE_DAYS}")
    async with open_node(settings_from(args)) as node:
        new_ids = await rotate(node, timedelta(days=args.grace_days))
    say(
        f"New keys published; the old ones stay published for {args.grace_days:g} days. "
        "Followers are sent an Update of each actor."
    )
    for key_id in new_ids:
        print(key_id)
    return 0
