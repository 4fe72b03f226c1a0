"""`status` and `objects`."""

from __future__ import annotations

import argparse
import json
from typing import Any

from sinet_node.cli.common import print_listing, settings_from
from sinet_node.node import open_node
from sinet_node.storage import follows as follow_store
from sinet_node.storage import objects as object_store
from sinet_node.storage import outbox as outbox_store


async def status(args: argparse.Namespace) -> int:
    async with open_node(settings_from(args)) as node, node.sessions() as session:
        followers = await follow_store.followers(session, node.urls.actor)
        following = await follow_store.all_following(session, node.urls.actor)
        deliveries = await outbox_store.delivery_counts(session)
    report: dict[str, Any] = {
        "actor": node.urls.actor,
        "handle": node.settings.handle,
        "inbox": node.urls.inbox,
        "shared_inbox": node.urls.shared_inbox,
        "followers": [row.actor_uri for row in followers],
        "following": [{"actor": row.actor_uri, "state": row.state} for row in following],
        "deliveries": deliveries,
    }
    if args.json:
        print(json.dumps(report))
        return 0
    print(f"{node.settings.name}  @{report['handle']}")
    print(f"Actor: {report['actor']}")
    print(f"Followers: {len(followers)}   Following: {len(following)}")
    print("Deliveries: " + ", ".join(f"{count} {state}" for state, count in deliveries.items()))
    return 0


async def objects(args: argparse.Namespace) -> int:
    async with open_node(settings_from(args)) as node, node.sessions() as session:
        rows = await object_store.listing(session, remote_only=args.remote)
    listing = [
        {
            "id": row.uri,
            "type": row.type,
            "kind": row.kind,
            "attributedTo": row.attributed_to,
            "name": row.name,
            "summary": row.summary,
            "content": row.content,
        }
        for row in rows
    ]
    return print_listing(
        listing,
        as_json=args.json,
        line=lambda item: f"{item['kind']:9} {item['name']}  {item['id']}",
        empty="No objects.",
    )
