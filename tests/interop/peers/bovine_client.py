"""Drives one bovine account over client-to-server ActivityPub, printing one JSON line.

    python bovine_client.py DOMAIN_URL SECRET whoami
    python bovine_client.py DOMAIN_URL SECRET follow ACTOR_URL
    python bovine_client.py DOMAIN_URL SECRET accept-follow-from ACTOR_URL
    python bovine_client.py DOMAIN_URL SECRET inbox [LIMIT]
bovine never accepts a Follow by itself; `accept-follow-from` is the account owner saying yes.
Runs in bovine's own virtual environment.
"""

import asyncio
import json
import sys

import aiohttp
from bovine import BovineClient


async def inbox_items(client: BovineClient, limit: int) -> list[dict]:
    items = []
    async for item in client.inbox():
        items.append(item)
        if len(items) >= limit:
            break
    return items


async def main(domain: str, secret: str, command: str, *args: str) -> dict:
    async with aiohttp.ClientSession() as session:
        client = BovineClient(domain=domain, secret=secret)
        await client.init(session=session)
        if command == "whoami":
            return {"id": client.information["id"], "inbox": client.information["inbox"]}
        if command == "follow":
            response = await client.send_to_outbox(client.activity_factory.follow(args[0]).build())
            return {"status": response.status}
        if command == "inbox":
            return {"items": await inbox_items(client, int(args[0]) if args else 50)}
        if command == "accept-follow-from":
            for item in await inbox_items(client, 200):
                actor = item.get("actor")
                actor_id = actor.get("id") if isinstance(actor, dict) else actor
                if item.get("type") == "Follow" and actor_id == args[0]:
                    accept = client.activity_factory.accept(item).build()
                    response = await client.send_to_outbox(accept)
                    return {"status": response.status, "follow": item.get("id")}
            return {"error": f"no Follow from {args[0]} in the inbox"}
    return {"error": f"unknown command {command}"}


print(json.dumps(asyncio.run(main(*sys.argv[1:]))))
