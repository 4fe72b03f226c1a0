"""Creates bovine's tables and one account, and prints {"name", "secret"} as JSON.

The secret is an Ed25519 key registered as the account's Moo-Auth-1 identity: the test
suite drives the account through bovine's client-to-server API with it (bovine_client.py).
    usage: python bovine_account.py USERNAME DOMAIN_URL
Runs in bovine's own virtual environment.
"""

import asyncio
import json
import sys

from bovine.crypto import generate_ed25519_private_key, private_key_to_did_key
from bovine_tool.store import InlineBovineStore
from tortoise import Tortoise


async def main(username: str, domain: str) -> None:
    async with InlineBovineStore(domain=domain) as store:
        await Tortoise.generate_schemas()
        name = await store.register(username)
        secret = generate_ed25519_private_key()
        await store.add_identity_string_to_actor(
            name, "interop-tests", private_key_to_did_key(secret)
        )
    print(json.dumps({"name": name, "secret": secret}))


asyncio.run(main(sys.argv[1], sys.argv[2]))
