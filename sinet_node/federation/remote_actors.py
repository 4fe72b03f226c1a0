"""Remote actors and their public keys: from the cache, or by one signed fetch.

Errors: ``ActorUnavailable`` (could not be fetched or is not a usable actor; the
message says why).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urldefrag

from sinet_node.federation.context import Node
from sinet_node.federation.fetch import FetchError, fetch_document
from sinet_node.objects.codec import CodecError, assertion_keys_of, from_document
from sinet_node.objects.model import Actor, Multikey
from sinet_node.storage import actors as actor_store
from sinet_node.storage.models import RemoteActor


class ActorUnavailable(Exception):
    """The actor or key could not be fetched, or the document is not a usable actor."""


@dataclass(frozen=True)
class ActorInfo:
    uri: str
    key_id: str | None
    public_key_pem: str | None
    inbox: str | None
    shared_inbox: str | None
    preferred_username: str | None
    name: str | None
    # The Ed25519 keys the actor publishes for object proofs (FEP-521a).
    assertion_keys: tuple[Multikey, ...] = ()

    @property
    def delivery_inbox(self) -> str | None:
        """Shared inbox first: one delivery per server, not per follower."""
        return self.shared_inbox or self.inbox


def _assertion_keys(row: RemoteActor) -> tuple[Multikey, ...]:
    try:
        return tuple(assertion_keys_of(row.document, row.uri))
    except CodecError:
        return ()


def _info(row: RemoteActor) -> ActorInfo:
    return ActorInfo(
        row.uri,
        row.key_id,
        row.public_key_pem,
        row.inbox,
        row.shared_inbox,
        row.preferred_username,
        row.name,
        _assertion_keys(row),
    )


def parse_actor(document: dict[str, Any]) -> Actor:
    try:
        parsed = from_document(document)
    except CodecError as exc:
        raise ActorUnavailable(f"not a usable actor document: {exc}") from exc
    if not isinstance(parsed, Actor):
        raise ActorUnavailable(
            f"{document.get('id')!r} is a {document.get('type')!r}, not an actor"
        )
    if not parsed.inbox:
        raise ActorUnavailable(f"actor {parsed.id} has no inbox")
    return parsed


async def store_actor(node: Node, actor: Actor, document: dict[str, Any]) -> ActorInfo:
    key = actor.public_key
    async with node.sessions.begin() as session:
        row = await actor_store.upsert(
            session,
            uri=actor.id,
            key_id=key.id if key else None,
            public_key_pem=key.pem if key else None,
            inbox=actor.inbox,
            shared_inbox=actor.shared_inbox,
            preferred_username=actor.preferred_username,
            name=actor.name,
            document=document,
            now=node.clock(),
        )
        return _info(row)


async def fetch_actor(node: Node, uri: str) -> ActorInfo:
    """One signed GET of the actor, stored in the cache."""
    try:
        fetched = await fetch_document(uri, client=node.http, auth=node.auth())
    except FetchError as exc:
        raise ActorUnavailable(f"could not fetch actor {uri}: {exc}") from exc
    actor = parse_actor(fetched.document)
    return await store_actor(node, actor, fetched.document)


async def get_actor(node: Node, uri: str, *, refresh: bool = False) -> ActorInfo:
    if not refresh:
        async with node.sessions() as session:
            row = await actor_store.by_uri(session, uri)
            if row is not None:
                return _info(row)
    return await fetch_actor(node, uri)


async def cached_actor(node: Node, uri: str) -> ActorInfo | None:
    async with node.sessions() as session:
        row = await actor_store.by_uri(session, uri)
        return _info(row) if row is not None else None


async def key_from_cache(node: Node, key_id: str) -> ActorInfo | None:
    async with node.sessions() as session:
        row = await actor_store.by_key_id(session, key_id)
        return _info(row) if row is not None else None


async def fetch_key(node: Node, key_id: str) -> ActorInfo:
    """Fetch the document behind a keyId: the actor itself, or a key naming its owner."""
    document_url = urldefrag(key_id).url
    try:
        fetched = await fetch_document(document_url, client=node.http, auth=node.auth())
    except FetchError as exc:
        raise ActorUnavailable(f"could not fetch key {key_id}: {exc}") from exc
    document = fetched.document
    owner = document.get("owner")
    if "inbox" not in document and isinstance(owner, str):
        # A standalone key document: the owner's actor must publish this same key.
        info = await fetch_actor(node, owner)
    else:
        info = await store_actor(node, parse_actor(document), document)
    if info.key_id != key_id or not info.public_key_pem:
        raise ActorUnavailable(f"actor {info.uri} does not publish the key {key_id}")
    return info
