"""Objects that arrive from peers: trusted only when their author or origin vouches for them.

An object embedded in an activity is taken as it is when it carries a valid proof by its
author (FEP-8b32: it may have been relayed by anyone, its origin may be down), or when the
object's id and its author are on the signer's own host; otherwise it is fetched from its
origin. A proof that does not verify refuses the object for good. Content is sanitised
before it is stored; a proven object is also kept exactly as signed, to be relayed.

Errors: ``ObjectUnavailable`` (could not be fetched or is unusable).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from sinet_node.content.sanitize import sanitize_html
from sinet_node.content.text import html_to_text
from sinet_node.federation.context import Node
from sinet_node.federation.fetch import FetchError, fetch_document
from sinet_node.federation.fetch_errors import is_permanent
from sinet_node.federation.proof_check import ProofRejected, check_proof
from sinet_node.federation.remote_actors import ActorUnavailable
from sinet_node.federation.urls import host_of
from sinet_node.objects.codec import CodecError, from_document
from sinet_node.storage import objects as object_store
from sinet_node.storage.models import StoredObject

HTML_FIELDS = ("content", "summary")
HTML_MAP_FIELDS = ("contentMap", "summaryMap")


class ObjectUnavailable(Exception):
    """The object could not be fetched from its origin or is not usable.

    ``permanent``: trying again cannot help (no id, the origin says it does not exist, or the
    address is one we never fetch), so the worker gives up at once instead of retrying.
    """

    def __init__(self, message: str, *, permanent: bool = False) -> None:
        super().__init__(message)
        self.permanent = permanent


def reference_id(value: Any) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, dict) and isinstance(value.get("id"), str):
        return str(value["id"])
    return None


def attributed_to(document: dict[str, Any]) -> str | None:
    # One reading of attributedTo, the same the stored column gets.
    return object_store.author_of(document.get("attributedTo"))


def is_vouched_for(document: dict[str, Any], signer: str) -> bool:
    """True when the signer's host is the object's and its author's origin."""
    object_id = reference_id(document)
    author = attributed_to(document) or signer
    signer_host = host_of(signer)
    return bool(object_id) and host_of(object_id or "") == signer_host == host_of(author)


@dataclass(frozen=True)
class Received:
    document: dict[str, Any]
    # Its author's proof verified: the document is kept as signed, to be relayed.
    proven: bool = False


async def _proven(node: Node, document: dict[str, Any]) -> bool:
    """True when the document's proof by its author verifies; False when it has none or
    the author cannot be reached to learn the key. A bad proof refuses it for good."""
    author = attributed_to(document)
    if author is None or "proof" not in document:
        return False
    try:
        return await check_proof(node, document, author)
    except ProofRejected as exc:
        raise ObjectUnavailable(f"{reference_id(document)}: {exc}", permanent=True) from exc
    except ActorUnavailable:
        return False


async def resolve(node: Node, value: Any, signer: str) -> Received:
    """The object's document: as embedded when proven or vouched for, else from its origin."""
    if isinstance(value, dict):
        if await _proven(node, value):
            return Received(value, proven=True)
        if is_vouched_for(value, signer):
            return Received(value)
    object_id = reference_id(value)
    if not object_id:
        raise ObjectUnavailable("the activity's object has no id", permanent=True)
    try:
        fetched = await fetch_document(object_id, client=node.http, auth=node.auth())
    except FetchError as exc:
        raise ObjectUnavailable(
            f"could not fetch {object_id} from its origin: {exc}", permanent=is_permanent(exc)
        ) from exc
    return Received(fetched.document, proven=await _proven(node, fetched.document))


def kind_of(document: dict[str, Any]) -> str:
    try:
        parsed = from_document(document)
    except CodecError:
        return "note"
    return str(getattr(parsed, "KIND", None) or "note")


def sanitised(document: dict[str, Any]) -> dict[str, Any]:
    clean = dict(document)
    for field in HTML_FIELDS:
        if isinstance(clean.get(field), str):
            clean[field] = sanitize_html(clean[field])
    for field in HTML_MAP_FIELDS:
        value = clean.get(field)
        if isinstance(value, dict):
            clean[field] = {
                str(lang): sanitize_html(text)
                for lang, text in value.items()
                if isinstance(text, str)
            }
    # A name is plain text: markup is dropped, entities decoded (pages escape it).
    if isinstance(clean.get("name"), str):
        clean["name"] = html_to_text(clean["name"])
    names = clean.get("nameMap")
    if isinstance(names, dict):
        clean["nameMap"] = {
            str(lang): html_to_text(text) for lang, text in names.items() if isinstance(text, str)
        }
    return clean


async def store(node: Node, received: Received) -> StoredObject:
    async with node.sessions.begin() as session:
        return await _save(session, node, received)


async def _save(session: AsyncSession, node: Node, received: Received) -> StoredObject:
    document = received.document
    object_id = reference_id(document)
    if not object_id:
        raise ObjectUnavailable("the object has no id", permanent=True)
    clean = sanitised(document)
    return await object_store.save(
        session,
        uri=object_id,
        local=False,
        kind=kind_of(clean),
        document=clean,
        signed_document=document if received.proven else None,
        now=node.clock(),
    )


async def store_relayed(node: Node, received: Received) -> StoredObject | None:
    """Store a copy that did not come from its author's own Create (an Announce, a backfill):
    it never replaces one of ours, one deleted since, nor a newer version we hold. One
    transaction: the check and the write see the same row."""
    document = received.document
    object_id = reference_id(document) or ""
    if node.urls.is_local(object_id):
        return None
    async with node.sessions.begin() as session:
        existing = await object_store.by_uri(session, object_id)
        if existing is not None and (existing.local or existing.deleted_at is not None):
            return None
        if existing is not None and existing.attributed_to != attributed_to(document):
            raise ObjectUnavailable(
                f"{object_id} is already known under another author", permanent=True
            )
        new_time = object_store.parse_time(document.get("updated"))
        if existing is not None and (
            new_time == existing.updated
            or (existing.updated and (new_time is None or new_time < existing.updated))
        ):
            return None  # a relayed copy of the version we hold, or an older one
        return await _save(session, node, received)
