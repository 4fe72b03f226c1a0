"""`rotate-keys`: new RSA and Ed25519 keys under new ids for both local actors, and an
Update of each actor to its followers, in one transaction.

Peers that cached the old key see a keyId they do not know on our next request and fetch
the actor again (or have already refreshed it from the Update). The old keys stay in the
actor document for the grace period: requests signed just before the rotation, and copies
of our objects proven with the old Ed25519 key, still verify meanwhile.
"""

from __future__ import annotations

from datetime import timedelta

from sinet_node.federation.actor_updates import queue_actor_update
from sinet_node.federation.context import Node
from sinet_node.federation.local_keys import rotate
from sinet_node.storage import keys as key_store


async def rotate_keys(node: Node, grace: timedelta) -> list[str]:
    """Returns the new key ids."""
    now = node.clock()
    try:
        async with node.sessions.begin() as session:
            new_ids = await rotate(session, node.urls, now, grace)
            # The Updates are proven with the new key and list the new keys.
            await node.keys.reload(session, now)
            for owner in key_store.OWNERS:
                queue_actor_update(session, node, owner)
    except BaseException:
        node.keys.forget()  # it may hold keys that were never committed
        raise
    return new_ids
