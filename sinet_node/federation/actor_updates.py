"""Our actors' documents, and telling followers when one changes (Update of the actor)."""

from __future__ import annotations

from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from sinet_node.federation import activities
from sinet_node.federation.context import Node
from sinet_node.federation.local_actors import instance_actor, organisation_actor
from sinet_node.federation.local_keys import actor_of
from sinet_node.federation.outbox import new_activity_id, send
from sinet_node.federation.urls import AS_PUBLIC
from sinet_node.objects.codec import to_document
from sinet_node.storage import keys as key_store


def actor_document(node: Node, owner: str) -> dict[str, Any]:
    """The organisation's or the instance actor's document, with the keys now published."""
    keys = node.keys.of(owner)
    if owner == key_store.INSTANCE:
        return to_document(instance_actor(node.settings, node.urls, keys))
    return to_document(organisation_actor(node.settings, node.urls, keys))


def queue_actor_update(session: AsyncSession, node: Node, owner: str) -> None:
    """An Update of the actor to its followers, in the caller's transaction; peers refresh
    what they cached (profile, keys) from it."""
    actor = actor_of(node.urls, owner)
    document = activities.activity(
        activity_id=new_activity_id(node),
        activity_type="Update",
        actor=actor,
        obj=actor_document(node, owner),
        to=[AS_PUBLIC],
        cc=[f"{actor}/followers"],
        published=node.clock(),
    )
    send(session, node, document, signer=owner, audience=[f"{actor}/followers"], public=True)
