"""Publishing, updating and deleting our own practices, events and calls.

Each action stores the object and its activity and queues the delivery in ONE
transaction: an object is either published and queued, or neither.

``preview`` builds the same document without storing or sending anything, so that a form can
show what would go out.

Errors: ``PublishError`` (a message that says what to fix, and ``problems``: each with the
input key it belongs to) and its subclass ``UnknownObject`` (the id is not one of ours),
raised before anything is stored.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy.ext.asyncio import AsyncSession

from sinet_node.federation import activities
from sinet_node.federation.context import Node
from sinet_node.federation.media import MediaError, store_image
from sinet_node.federation.outbox import new_activity_id, new_token, send
from sinet_node.objects.codec import to_document
from sinet_node.objects.common import Image
from sinet_node.publishing.build import build_publication
from sinet_node.publishing.draft import Draft
from sinet_node.publishing.errors import Problem
from sinet_node.publishing.input import InputError, parse_publication_input
from sinet_node.storage import keys as key_store
from sinet_node.storage import objects as object_store
from sinet_node.storage.models import StoredObject

# Stands for the id a new object gets when it is published.
PREVIEW_TOKEN = "preview"


class PublishError(ValueError):
    """The input or the target is wrong; nothing was stored. ``problems`` lists what is wrong
    with the input, each with its key (empty when the target is the problem)."""

    def __init__(self, message: str, problems: Iterable[Problem] = ()) -> None:
        super().__init__(message)
        self.problems = tuple(problems)


class UnknownObject(PublishError):
    """The id names no live object of this node."""


def _draft(node: Node, kind: str, data: Any) -> Draft:
    try:
        return parse_publication_input(
            kind,
            data,
            default_language=node.settings.language,
            default_timezone=node.settings.timezone,
        )
    except InputError as exc:
        raise PublishError(str(exc), exc.problems) from exc


def _is_url(value: str) -> bool:
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def _image(node: Node, draft: Draft, *, store: bool = True) -> Image | None:
    if not draft.image:
        return None
    if not store and not _is_url(draft.image):
        # A preview writes nothing: a local file becomes a media file only when published.
        message = "image: a preview shows an image that is already uploaded (a URL)"
        raise PublishError(message, [Problem("image", message.removeprefix("image: "))])
    try:
        return store_image(
            draft.image,
            node.settings.data_dir / "media",
            node.urls.media,
            alt=draft.image_alt or draft.name,
        )
    except MediaError as exc:
        raise PublishError(str(exc), [Problem("image", str(exc).removeprefix("image: "))]) from exc


def _document(
    node: Node, draft: Draft, uri: str, published: Any, updated: Any, *, store: bool = True
) -> dict[str, Any]:
    publication = build_publication(
        draft,
        object_id=uri,
        html_url=uri,
        actor_id=node.urls.actor,
        followers_url=node.urls.followers,
        published=published,
        updated=updated,
        image=_image(node, draft, store=store),
        hashtag_url=node.urls.hashtag,
    )
    return to_document(publication)


def _queue_to_followers(
    session: AsyncSession,
    node: Node,
    activity_type: str,
    obj: str | dict[str, Any],
    uri: str,
    **extra: Any,
) -> None:
    """Record our Create/Update/Delete/Add/Remove and queue it for every follower."""
    document = (
        activities.public_activity(
            activity_id=new_activity_id(node),
            activity_type=activity_type,
            actor=node.urls.actor,
            followers=node.urls.followers,
            obj=obj,
            published=node.clock(),
        )
        | extra
    )
    send(
        session,
        node,
        document,
        signer=key_store.ORGANISATION,
        audience=[node.urls.followers],
        public=True,
        object_uri=uri,
    )


async def _save_and_send(
    node: Node, activity_type: str, kind: str, uri: str, document: dict[str, Any], data: Any
) -> str:
    async with node.sessions.begin() as session:
        await object_store.save(
            session,
            uri=uri,
            local=True,
            kind=kind,
            document=document,
            now=node.clock(),
            source_input=data,
        )
        _queue_to_followers(session, node, activity_type, document, uri)
    return uri


async def publish(node: Node, kind: str, data: Any) -> str:
    """Create: returns the new object's id (its URL)."""
    draft = _draft(node, kind, data)
    uri = node.urls.object(kind, new_token())
    document = _document(node, draft, uri, node.clock(), None)
    return await _save_and_send(node, "Create", kind, uri, document, data)


async def _own_live_object(node: Node, uri: str) -> StoredObject:
    async with node.sessions() as session:
        row = await object_store.by_uri(session, uri)
    if row is None or not row.local:
        raise UnknownObject(f"{uri} is not an object published by this node")
    if row.deleted_at is not None:
        raise UnknownObject(f"{uri} was deleted; publish a new object instead")
    return row


async def update(node: Node, uri: str, data: Any) -> str:
    row = await _own_live_object(node, uri)
    draft = _draft(node, row.kind, data)
    document = _document(node, draft, uri, row.published, node.clock())
    return await _save_and_send(node, "Update", row.kind, uri, document, data)


async def preview(node: Node, kind: str, data: Any, uri: str | None = None) -> dict[str, Any]:
    """The document that `publish` (or, with `uri`, `update`) would send for `data`, built by
    the same code; nothing is stored or sent. A new object's id is a placeholder."""
    draft = _draft(node, kind, data)
    if uri is None:
        placeholder = node.urls.object(kind, PREVIEW_TOKEN)
        return _document(node, draft, placeholder, node.clock(), None, store=False)
    row = await _own_live_object(node, uri)
    return _document(node, draft, uri, row.published, node.clock(), store=False)


async def delete(node: Node, uri: str) -> str:
    row = await _own_live_object(node, uri)
    now = node.clock()
    async with node.sessions.begin() as session:
        stored = await object_store.by_uri(session, uri)
        if stored is None or stored.deleted_at is not None:
            raise UnknownObject(f"{uri} was deleted meanwhile")
        await object_store.mark_deleted(session, stored, now)
        _queue_to_followers(session, node, "Delete", activities.tombstone(uri, row.type, now), uri)
    return uri


async def pin(node: Node, uri: str, *, pinned: bool = True) -> str:
    """Pin (or unpin) one of our objects to the featured collection; followers get an
    Add (or Remove) with the collection as target, as Mastodon sends for its pins."""
    await _own_live_object(node, uri)
    async with node.sessions.begin() as session:
        stored = await object_store.by_uri(session, uri)
        if stored is None or stored.deleted_at is not None:
            raise UnknownObject(f"{uri} was deleted meanwhile")
        if stored.pinned == pinned:
            return uri  # nothing changes, nothing to tell
        stored.pinned = pinned
        activity_type = "Add" if pinned else "Remove"
        _queue_to_followers(session, node, activity_type, uri, uri, target=node.urls.featured)
    return uri


async def share(node: Node, uri: str) -> str:
    """Announce an object to our followers: one of ours, or a peer's we hold. A peer's object
    goes out exactly as its author signed it, so followers who do not know the author, or
    cannot reach it, can still check it is theirs (FEP-8b32); without a proof, only its id."""
    async with node.sessions.begin() as session:
        stored = await object_store.by_uri(session, uri)
        if stored is None or stored.deleted_at is not None:
            raise UnknownObject(f"{uri} is not an object this node holds")
        if stored.local:
            embedded: str | dict[str, Any] = stored.document
        else:
            embedded = stored.signed_document or uri
        document = activities.public_activity(
            activity_id=new_activity_id(node),
            activity_type="Announce",
            actor=node.urls.actor,
            followers=node.urls.followers,
            obj=embedded,
            published=node.clock(),
        )
        audience = [node.urls.followers]
        if stored.attributed_to and not stored.local:
            document["cc"] = [*document["cc"], stored.attributed_to]
            audience.append(stored.attributed_to)
        send(
            session,
            node,
            document,
            signer=key_store.ORGANISATION,
            audience=audience,
            public=True,
            object_uri=uri,
        )
    return uri
