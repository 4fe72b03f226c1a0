"""Following others and answering follow requests, from the CLI or the admin pages.

Errors: ``FollowError`` (the message says what to fix).
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from sinet_node.federation import activities
from sinet_node.federation.context import Node
from sinet_node.federation.handlers import queue_answer
from sinet_node.federation.lookup import LookupFailed, resolve_actor_id
from sinet_node.federation.outbox import new_activity_id, send
from sinet_node.federation.remote_actors import ActorUnavailable, get_actor
from sinet_node.storage import follows as follow_store
from sinet_node.storage import keys as key_store
from sinet_node.storage import outbox as outbox_store
from sinet_node.storage.models import Follower, Following


class FollowError(Exception):
    """The target is not a reachable actor, or there is nothing to act on."""


async def follow(node: Node, target: str) -> str:
    """Send a signed Follow from the organisation; returns the followed actor's id."""
    try:
        actor_id = await resolve_actor_id(node, target)
        actor = await get_actor(node, actor_id, refresh=True)
    except (LookupFailed, ActorUnavailable) as exc:
        raise FollowError(str(exc)) from exc
    if node.urls.is_local(actor.uri):
        raise FollowError("a node cannot follow itself")
    async with node.sessions.begin() as session:
        await queue_follow(session, node, actor.uri, signer=key_store.ORGANISATION)
    return actor.uri


async def queue_follow(
    session: AsyncSession, node: Node, actor_uri: str, *, signer: str, again: bool = True
) -> bool:
    """Record and queue a Follow of ``actor_uri`` by our ``signer`` actor, in the caller's
    transaction. ``again=False`` leaves a follow that is accepted or waiting alone.
    Returns whether a Follow was queued."""
    local_actor = node.actor_for(signer)
    now = node.clock()
    row = await follow_store.following(session, local_actor, actor_uri)
    if not again and row is not None and row.state != follow_store.REJECTED:
        return False
    document = activities.follow(
        activity_id=new_activity_id(node), actor=local_actor, target=actor_uri, published=now
    )
    if row is None:
        session.add(
            Following(
                local_actor=local_actor,
                actor_uri=actor_uri,
                follow_uri=document["id"],
                state=follow_store.PENDING,
                created_at=now,
                updated_at=now,
            )
        )
    else:
        # Following again (say after a Reject) sends a new Follow with a new id.
        row.follow_uri = document["id"]
        row.state = follow_store.PENDING if row.state != follow_store.ACCEPTED else row.state
        row.updated_at = now
    send(session, node, document, signer=signer, audience=[actor_uri], public=False)
    return True


async def unfollow(node: Node, target: str) -> str:
    try:
        actor_id = await resolve_actor_id(node, target)
    except LookupFailed as exc:
        raise FollowError(str(exc)) from exc
    async with node.sessions.begin() as session:
        row = await follow_store.following(session, node.urls.actor, actor_id)
        if row is None:
            raise FollowError(f"this node does not follow {actor_id}")
        original = await outbox_store.activity_by_uri(session, row.follow_uri)
        follow_document = (
            dict(original.document)
            if original is not None
            else {
                "id": row.follow_uri,
                "type": "Follow",
                "actor": node.urls.actor,
                "object": actor_id,
            }
        )
        document = activities.undo(
            activity_id=new_activity_id(node),
            actor=node.urls.actor,
            undone=follow_document,
            to=[actor_id],
            published=node.clock(),
        )
        await session.delete(row)
        send(
            session,
            node,
            document,
            signer=key_store.ORGANISATION,
            audience=[actor_id],
            public=False,
        )
    return actor_id


async def pending_requests(node: Node) -> list[Follower]:
    async with node.sessions() as session:
        return await follow_store.followers(session, node.urls.actor, follow_store.PENDING)


async def _pending(node: Node, actor: str) -> Follower:
    async with node.sessions() as session:
        row = await follow_store.follower(session, node.urls.actor, actor)
    if row is None or row.state != follow_store.PENDING:
        raise FollowError(f"there is no pending follow request from {actor}")
    return row


def _follow_document(node: Node, row: Follower) -> dict[str, object]:
    return {
        "id": row.follow_uri,
        "type": "Follow",
        "actor": row.actor_uri,
        "object": node.urls.actor,
    }


async def answer_request(node: Node, actor: str, *, approve: bool) -> str:
    """Approve (Accept) or reject (Reject) a pending follow request."""
    row = await _pending(node, actor)
    async with node.sessions.begin() as session:
        stored = await session.get(Follower, row.id)
        if stored is None:
            raise FollowError(f"there is no pending follow request from {actor}")
        if approve:
            stored.state = follow_store.ACCEPTED
            stored.updated_at = node.clock()
        else:
            await session.delete(stored)
        queue_answer(
            session,
            node,
            local_actor=node.urls.actor,
            signer=key_store.ORGANISATION,
            follow_document=_follow_document(node, row),
            answer="Accept" if approve else "Reject",
        )
    return actor
