"""Recognising a SINet node from what a user types: its address, or an organisation's handle.

A server is a SINet node when its NodeInfo declares the membership protocol (metadata
``sinet-membership.version``) and its instance actor, linked from NodeInfo (FEP-2677), names
a member directory on the same origin. The software's name is never looked at, so another
implementation can join.

Errors: ``NotAMember`` (reachable, but not a SINet node we can speak to) and
``PeerUnreachable`` (no usable answer); both say what happened in one line.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from sinet_node.federation.context import Node
from sinet_node.federation.discovery import (
    FEP_2677_REL,
    MEMBERSHIP_PROTOCOL,
    MEMBERSHIP_PROTOCOL_VERSION,
)
from sinet_node.federation.fetch import (
    BadStatus,
    FetchError,
    InvalidDocument,
    NotActivityStreams,
    fetch_document,
    fetch_json,
)
from sinet_node.federation.lookup import LookupFailed, resolve_actor_id
from sinet_node.federation.membership.statements import origin_of

NODEINFO_SCHEMA_PREFIX = "http://nodeinfo.diaspora.software/ns/schema/2."
JSON_TYPES = ("application/json", "application/jrd+json")
NODEINFO_ACCEPT = 'application/json; profile="http://nodeinfo.diaspora.software/ns/schema/2.1"'


class PeerUnreachable(Exception):
    """The target did not answer usefully."""


class NotAMember(Exception):
    """The target answers but is not a SINet node (or speaks an incompatible version)."""


@dataclass(frozen=True)
class Peer:
    node: str  # origin
    instance_actor: str
    members: str  # its member directory
    version: str


def compatible(version: str) -> bool:
    """Same major version as ours (0.x while the protocol is young)."""
    return version.split(".")[0] == MEMBERSHIP_PROTOCOL_VERSION.split(".")[0]


async def origin_of_target(node: Node, target: str) -> str:
    """The origin a user means: a URL's own, or the origin of a handle's actor."""
    target = target.strip()
    if "://" in target:
        origin = origin_of(target)
        if origin is None:
            raise NotAMember(f"{target!r} is not an http(s) address")
        return origin
    try:
        actor = await resolve_actor_id(node, target)
    except LookupFailed as exc:
        raise PeerUnreachable(str(exc)) from exc
    origin = origin_of(actor)
    if origin is None:
        raise NotAMember(f"{target} names an actor without an http(s) address: {actor!r}")
    return origin


def _trouble(origin: str, what: str, exc: FetchError) -> Exception:
    """A garbled or refused answer means not a SINet node; silence means unreachable."""
    if isinstance(exc, BadStatus | NotActivityStreams | InvalidDocument):
        return NotAMember(f"{origin} is not a SINet node: {what} gave {exc}")
    return PeerUnreachable(f"could not reach {origin}: {exc}")


def _links(document: dict[str, Any]) -> list[dict[str, Any]]:
    links = document.get("links")
    return [link for link in links if isinstance(link, dict)] if isinstance(links, list) else []


def _on_origin(origin: str, value: Any) -> str | None:
    return value if isinstance(value, str) and origin_of(value) == origin else None


async def discover(node: Node, target: str) -> Peer:
    origin = await origin_of_target(node, target)
    if origin == node.urls.origin:
        raise NotAMember("that is this node itself; join through another member")
    try:
        index = await fetch_json(
            f"{origin}/.well-known/nodeinfo",
            client=node.http,
            auth=None,
            accept="application/json",
            allowed_types=JSON_TYPES,
        )
    except FetchError as exc:
        raise _trouble(origin, "/.well-known/nodeinfo", exc) from exc
    links = _links(index.document)
    nodeinfo_url = next(
        (
            _on_origin(origin, link.get("href"))
            for link in links
            if str(link.get("rel", "")).startswith(NODEINFO_SCHEMA_PREFIX)
        ),
        None,
    )
    if nodeinfo_url is None:
        raise NotAMember(f"{origin} is not a SINet node: it links no NodeInfo 2.x on its origin")
    try:
        info = await fetch_json(
            nodeinfo_url,
            client=node.http,
            auth=None,
            accept=NODEINFO_ACCEPT,
            allowed_types=JSON_TYPES,
        )
    except FetchError as exc:
        raise _trouble(origin, "its NodeInfo", exc) from exc
    metadata = info.document.get("metadata")
    protocol = metadata.get(MEMBERSHIP_PROTOCOL) if isinstance(metadata, dict) else None
    version = protocol.get("version") if isinstance(protocol, dict) else None
    if not isinstance(version, str):
        raise NotAMember(
            f"{origin} is not a SINet node: its NodeInfo does not declare the "
            f"{MEMBERSHIP_PROTOCOL} protocol"
        )
    if not compatible(version):
        raise NotAMember(
            f"{origin} speaks {MEMBERSHIP_PROTOCOL} {version}; this node speaks "
            f"{MEMBERSHIP_PROTOCOL_VERSION}"
        )
    instance_actor = next(
        (_on_origin(origin, link.get("href")) for link in links if link.get("rel") == FEP_2677_REL),
        None,
    ) or await _server_actor(node, origin)
    if instance_actor is None:
        raise NotAMember(
            f"{origin} names no instance actor on its own origin (FEP-2677 or FEP-d556)"
        )
    return await _peer_from_actor(node, origin, instance_actor, version)


async def _server_actor(node: Node, origin: str) -> str | None:
    """FEP-d556: WebFinger for the server's own origin names its instance actor."""
    try:
        jrd = await fetch_json(
            f"{origin}/.well-known/webfinger?resource={quote(origin + '/', safe='')}",
            client=node.http,
            auth=None,
            accept="application/jrd+json",
            allowed_types=JSON_TYPES,
        )
    except FetchError:
        return None
    return next(
        (
            _on_origin(origin, link.get("href"))
            for link in _links(jrd.document)
            if link.get("rel") == "self"
        ),
        None,
    )


async def _peer_from_actor(node: Node, origin: str, instance_actor: str, version: str) -> Peer:
    try:
        fetched = await fetch_document(instance_actor, client=node.http, auth=node.auth())
    except FetchError as exc:
        raise _trouble(origin, "its instance actor", exc) from exc
    members = _on_origin(origin, fetched.document.get("members"))
    if members is None:
        raise NotAMember(f"{origin}'s instance actor names no member directory on its origin")
    return Peer(node=origin, instance_actor=instance_actor, members=members, version=version)
