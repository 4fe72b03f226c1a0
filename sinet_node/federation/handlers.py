"""What the worker does with each authenticated incoming activity.

A registry keyed by activity type; each handler is a small coroutine. Handlers raise
``Unprocessable`` for an activity that can never succeed (recorded, not retried);
anything else that escapes is retried by the worker.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from sinet_node.federation import activities
from sinet_node.federation.context import Node
from sinet_node.federation.outbox import new_activity_id, send
from sinet_node.federation.remote_actors import get_actor
from sinet_node.federation.remote_objects import (
    ObjectUnavailable,
    attributed_to,
    reference_id,
    resolve,
    store,
    store_relayed,
)
from sinet_node.storage import actors as actor_store
from sinet_node.storage import follows as follow_store
from sinet_node.storage import keys as key_store
from sinet_node.storage import objects as object_store
from sinet_node.storage.models import Follower, Following, Interaction


class Unprocessable(Exception):
    """The activity is authentic but cannot be acted on (wrong target, forged object...)."""


@dataclass(frozen=True)
class Incoming:
    activity: dict[str, Any]
    actor: str  # authenticated: the key's owner
    recipient: str

    @property
    def type(self) -> str:
        return str(self.activity.get("type"))

    @property
    def object(self) -> Any:
        return self.activity.get("object")

    @property
    def id(self) -> str:
        return str(self.activity.get("id"))


Handler = Callable[[Node, Incoming], Awaitable[None]]
HANDLERS: dict[str, Handler] = {}


def handles(*types: str) -> Callable[[Handler], Handler]:
    def register(handler: Handler) -> Handler:
        for activity_type in types:
            HANDLERS[activity_type] = handler
        return handler

    return register


# Follows --------------------------------------------------------------------------


def _local_target(node: Node, target: str | None) -> tuple[str, str] | None:
    """(local actor id, signer) of a Follow's object, or None if it is not one of ours."""
    if target == node.urls.actor:
        return node.urls.actor, key_store.ORGANISATION
    if target == node.urls.instance_actor:
        return node.urls.instance_actor, key_store.INSTANCE
    return None


def queue_answer(
    session: AsyncSession,
    node: Node,
    *,
    local_actor: str,
    signer: str,
    follow_document: dict[str, Any],
    answer: str,
) -> None:
    """Queue an Accept or Reject of a Follow, in the caller's transaction."""
    document = activities.answer_follow(
        answer=answer,
        activity_id=new_activity_id(node),
        actor=local_actor,
        follow_document=follow_document,
        published=node.clock(),
    )
    follower = reference_id(follow_document.get("actor"))
    send(session, node, document, signer=signer, audience=[str(follower)], public=False)


@handles("Follow")
async def on_follow(node: Node, incoming: Incoming) -> None:
    target = _local_target(node, reference_id(incoming.object))
    if target is None:
        raise Unprocessable(
            f"Follow of {reference_id(incoming.object)!r}, which is not an actor here"
        )
    local_actor, signer = target
    await get_actor(node, incoming.actor)  # cache the follower's inbox for delivery
    manual = node.settings.manually_approves_followers and signer == key_store.ORGANISATION
    async with node.sessions.begin() as session:
        row = await follow_store.upsert_follower(
            session,
            local_actor=local_actor,
            actor_uri=incoming.actor,
            follow_uri=incoming.id,
            state=follow_store.PENDING if manual else follow_store.ACCEPTED,
            now=node.clock(),
        )
        if row.state == follow_store.ACCEPTED:
            # Also for a repeated Follow: the peer may have lost our first Accept.
            queue_answer(
                session,
                node,
                local_actor=local_actor,
                signer=signer,
                follow_document=incoming.activity,
                answer="Accept",
            )


async def _our_follow(node: Node, incoming: Incoming) -> Following | None:
    """Match by the Follow's id; fall back to (Accept.actor, our actor) as Mastodon does."""
    follow_id = reference_id(incoming.object)
    async with node.sessions() as session:
        row = await follow_store.following_by_follow_uri(session, follow_id) if follow_id else None
        if row is None:
            for local_actor in (node.urls.actor, node.urls.instance_actor):
                row = await follow_store.following(session, local_actor, incoming.actor)
                if row is not None:
                    break
    if row is not None and row.actor_uri != incoming.actor:
        raise Unprocessable(f"{incoming.actor} answered a Follow addressed to {row.actor_uri}")
    return row


@handles("Accept", "Reject")
async def on_accept_or_reject(node: Node, incoming: Incoming) -> None:
    row = await _our_follow(node, incoming)
    if row is None:
        raise Unprocessable(f"{incoming.type} of a Follow we did not send")
    async with node.sessions.begin() as session:
        stored = await session.get(Following, row.id)
        if stored is not None:
            # A Reject after an Accept ends the follow.
            stored.state = (
                follow_store.ACCEPTED if incoming.type == "Accept" else follow_store.REJECTED
            )
            stored.updated_at = node.clock()


@handles("Undo")
async def on_undo(node: Node, incoming: Incoming) -> None:
    undone = incoming.object
    undone_type = undone.get("type") if isinstance(undone, dict) else None
    undone_id = reference_id(undone)
    if isinstance(undone, dict) and reference_id(undone.get("actor")) not in (None, incoming.actor):
        raise Unprocessable("only the original actor may undo an activity")
    # Every filter includes the actor: nobody can undo someone else's Follow, Like or Announce.
    async with node.sessions.begin() as session:
        if undone_type == "Follow":
            target = reference_id(undone.get("object")) if isinstance(undone, dict) else None
            query = delete(Follower).where(Follower.actor_uri == incoming.actor)
            if target:
                query = query.where(Follower.local_actor == target)
            await session.execute(query)
        elif undone_type is None and undone_id:
            await session.execute(
                delete(Follower).where(
                    Follower.actor_uri == incoming.actor, Follower.follow_uri == undone_id
                )
            )
        if undone_type in (None, "Like", "Announce") and undone_id:
            await session.execute(
                delete(Interaction).where(
                    Interaction.actor_uri == incoming.actor, Interaction.activity_uri == undone_id
                )
            )


# Content --------------------------------------------------------------------------


async def _addressed_to_us_or_followed(node: Node, incoming: Incoming) -> bool:
    audience: list[Any] = []
    for field in ("to", "cc", "bto", "bcc", "audience"):
        value = incoming.activity.get(field)
        audience.extend(value if isinstance(value, list) else [value])
    if any(entry in (node.urls.actor, node.urls.instance_actor) for entry in audience):
        return True
    async with node.sessions() as session:
        return await follow_store.is_following(session, incoming.actor)


@handles("Create")
async def on_create(node: Node, incoming: Incoming) -> None:
    if not await _addressed_to_us_or_followed(node, incoming):
        raise Unprocessable("a Create from an actor we do not follow, not addressed to us")
    received = await resolve(node, incoming.object, incoming.actor)
    document = received.document
    author = attributed_to(document)
    if author is not None and author != incoming.actor:
        raise Unprocessable(f"{incoming.actor} cannot create an object attributed to {author}")
    async with node.sessions() as session:
        existing = await object_store.by_uri(session, reference_id(document) or "")
    if existing is not None:
        # A Create never replaces what we hold: not another author's object (same-host
        # actors vouch for each other's ids), not ours, and not one deleted since.
        if existing.local or existing.attributed_to != incoming.actor:
            raise Unprocessable(f"{incoming.actor} cannot re-create {existing.uri}")
        if existing.deleted_at is not None:
            return
    await store(node, received)


@handles("Update")
async def on_update(node: Node, incoming: Incoming) -> None:
    value = incoming.object
    if isinstance(value, dict) and reference_id(value) == incoming.actor and "inbox" in value:
        # An actor update: refresh the cached profile and keys from the origin.
        await get_actor(node, incoming.actor, refresh=True)
        return
    received = await resolve(node, value, incoming.actor)
    document = received.document
    if attributed_to(document) != incoming.actor:
        raise Unprocessable("an Update may only come from the object's author")
    object_id = reference_id(document)
    async with node.sessions() as session:
        existing = await object_store.by_uri(session, object_id or "")
    if existing is None or existing.deleted_at is not None:
        return  # we never had it (or it is gone): nothing to update
    if existing.local or existing.attributed_to != incoming.actor:
        # The document's own attributedTo is the sender's claim; the stored author decides.
        raise Unprocessable(f"{incoming.actor} cannot update {existing.uri}, not its author")
    new_time = object_store.parse_time(document.get("updated"))
    if existing.updated and new_time and new_time < existing.updated:
        return  # retries reorder: an older version never replaces a newer one
    await store(node, received)


@handles("Delete")
async def on_delete(node: Node, incoming: Incoming) -> None:
    object_id = reference_id(incoming.object)
    if object_id == incoming.actor:
        async with node.sessions.begin() as session:
            await session.execute(delete(Follower).where(Follower.actor_uri == incoming.actor))
            await session.execute(delete(Following).where(Following.actor_uri == incoming.actor))
            await actor_store.forget(session, incoming.actor)
        return
    async with node.sessions.begin() as session:
        existing = await object_store.by_uri(session, object_id or "")
        if existing is None or existing.local:
            return
        if existing.attributed_to != incoming.actor:
            raise Unprocessable("a Delete may only come from the object's author")
        await object_store.mark_deleted(session, existing, node.clock())


@handles("Announce")
async def on_announce(node: Node, incoming: Incoming) -> None:
    object_id = reference_id(incoming.object)
    if object_id and node.urls.is_local(object_id):
        await _record_interaction(node, incoming, object_id)
        return
    if not await _addressed_to_us_or_followed(node, incoming):
        raise Unprocessable("an Announce from an actor we do not follow")
    try:
        # Embedded and proven by its author (relayed, maybe while its origin is down), or
        # fetched from its origin.
        received = await resolve(node, incoming.object, incoming.actor)
        await store_relayed(node, received)
    except ObjectUnavailable as exc:
        raise Unprocessable(str(exc)) from exc


@handles("Like")
async def on_like(node: Node, incoming: Incoming) -> None:
    object_id = reference_id(incoming.object)
    if object_id and node.urls.is_local(object_id):
        await _record_interaction(node, incoming, object_id)


async def _record_interaction(node: Node, incoming: Incoming, object_id: str) -> None:
    async with node.sessions.begin() as session:
        query = select(Interaction.id).where(Interaction.activity_uri == incoming.id)
        if (await session.scalars(query)).first() is None:
            session.add(
                Interaction(
                    activity_uri=incoming.id,
                    type=incoming.type,
                    actor_uri=incoming.actor,
                    object_uri=object_id,
                    created_at=node.clock(),
                )
            )
