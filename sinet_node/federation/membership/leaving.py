"""Leaving the network: our statement says ``left`` and goes, signed, to every member in a
``Remove``; we stop delivering to the members' actors and they, on reading it, to ours.
Followers from elsewhere in the Fediverse are not touched."""

from __future__ import annotations

from sqlalchemy import delete

from sinet_node.federation.context import Node
from sinet_node.federation.membership.registry import (
    announce_statement,
    own_member,
    set_own_state,
)
from sinet_node.storage import members as member_store
from sinet_node.storage.members import LEFT, PENDING
from sinet_node.storage.models import Follower, Following, Member


async def leave(node: Node) -> list[str]:
    """Returns the member nodes told."""
    await own_member(node)
    async with node.sessions.begin() as session:
        own = await set_own_state(node, session, LEFT)
        members = [
            row
            for row in await member_store.listed(session, exclude=node.urls.origin)
            if row.state in (*member_store.IN_TOUCH, PENDING)
        ]
        announce_statement(
            session, node, own, [row.instance_actor for row in members], activity_type="Remove"
        )
        actors = [actor for row in members for actor in (row.instance_actor, row.organisation)]
        await session.execute(delete(Follower).where(Follower.actor_uri.in_(actors)))
        await session.execute(delete(Following).where(Following.actor_uri.in_(actors)))
    return [row.node for row in members]


async def has_left(node: Node) -> bool:
    async with node.sessions() as session:
        own: Member | None = await member_store.by_node(session, node.urls.origin)
    return own is not None and own.state == LEFT
