"""Recognising a SINet node from what a user types: its address, or an organisation's handle.

A server is a SINet node when its NodeInfo declares the membership protocol (metadata
``sinet-membership.version``) and its instance actor, linked from NodeInfo (FEP-2677), names
a member directory on the same origin. The software's name is never looked at, so another
implementation can join.

Errors: ``NotAMember`` (reachable, but not a SINet node we can speak to) and
``PeerUnreachable`` (no usable answer); both say what happened in one line.
"""

from __future__ import annotations

from collections.abc import Callable
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


def _first_href(origin: str, document: dict[str, Any], rel: Callable[[str], bool]) -> str | None:
    """The first link (NodeInfo, JRD) with a matching rel and an href on ``origin``."""
    return next(
        (
            _on_origin(origin, link.get("href"))
            for link in _links(document)
            if rel(str(link.get("rel", "")))
        ),
        None,
    )


async def _json(node: Node, url: str, accept: str) -> dict[str, Any]:
    fetched = await fetch_json(
        url, client=node.http, auth=None, accept=accept, allowed_types=JSON_TYPES
    )
    return fetched.document


async def discover(node: Node, target: str) -> Peer:
    origin = await origin_of_target(node, target)
    if origin == node.urls.origin:
        raise NotAMember("that is this node itself; join through another member")
    try:
        index = await _json(node, f"{origin}/.well-known/nodeinfo", "application/json")
    except FetchError as exc:
        raise _trouble(origin, "/.well-known/nodeinfo", exc) from exc
    nodeinfo_url = _first_href(origin, index, lambda rel: rel.startswith(NODEINFO_SCHEMA_PREFIX))
    if nodeinfo_url is None:
        raise NotAMember(f"{origin} is not a SINet node: it links no NodeInfo 2.x on its origin")
    try:
        info = await _json(node, nodeinfo_url, NODEINFO_ACCEPT)
    except FetchError as exc:
        raise _trouble(origin, "its NodeInfo", exc) from exc
    metadata = info.get("metadata")
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
    instance_actor = _first_href(
        origin, index, lambda rel: rel == FEP_2677_REL
    ) or await _server_actor(node, origin)
    if instance_actor is None:
        raise NotAMember(
            f"{origin} names no instance actor on its own origin (FEP-2677 or FEP-d556)"
        )
    members = await directory_of(node, origin, instance_actor)
    return Peer(node=origin, instance_actor=instance_actor, members=members, version=version)


async def _server_actor(node: Node, origin: str) -> str | None:
    """FEP-d556: WebFinger for the server's own origin names its instance actor."""
    resource = quote(origin + "/", safe="")
    try:
        jrd = await _json(
            node, f"{origin}/.well-known/webfinger?resource={resource}", "application/jrd+json"
        )
    except FetchError:
        return None
    return _first_href(origin, jrd, lambda rel: rel == "self")


async def directory_of(node: Node, origin: str, instance_actor: str) -> str:
    """The member directory the instance actor names (read again by the keeper, too)."""
    try:
        fetched = await fetch_document(instance_actor, client=node.http, auth=node.auth())
    except FetchError as exc:
        raise _trouble(origin, "its instance actor", exc) from exc
    members = _on_origin(origin, fetched.document.get("members"))
    if members is None:
        raise NotAMember(f"{origin}'s instance actor names no member directory on its origin")
    return members
