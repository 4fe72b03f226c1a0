"""From what a user types (an actor URL or user@host) to an actor id, via WebFinger.

Real peers answer WebFinger over https only; plain http is tried only for hosts the
node was explicitly allowed to reach as private (a local test network).

Errors: ``LookupFailed`` (the message says what went wrong).
"""

from __future__ import annotations

import re
from urllib.parse import quote, urlsplit

from sinet_node.federation.addresses import AddressPolicy
from sinet_node.federation.context import Node
from sinet_node.federation.fetch import FetchError, fetch_json

HANDLE = re.compile(r"^@?(?P<user>[^@\s/]+)@(?P<host>[^@\s/]+)$")
JRD_TYPES = ("application/jrd+json", "application/json")
AS_LINK_TYPES = ("application/activity+json", "application/ld+json")


class LookupFailed(Exception):
    """The handle or URL does not lead to an actor."""


def _self_link(jrd: dict[str, object]) -> str | None:
    links = jrd.get("links")
    if not isinstance(links, list):
        return None
    for link in links:
        if not isinstance(link, dict) or link.get("rel") != "self":
            continue
        media = str(link.get("type", "")).split(";")[0].strip()
        href = link.get("href")
        if media in AS_LINK_TYPES and isinstance(href, str):
            return href
    return None


async def resolve_actor_id(node: Node, target: str) -> str:
    target = target.strip()
    parts = urlsplit(target)
    if parts.scheme in ("http", "https") and parts.netloc:
        return target
    match = HANDLE.match(target)
    if not match:
        raise LookupFailed(f"{target!r} is neither an actor URL nor a handle like user@host")
    user, host = match["user"], match["host"].lower()
    resource = quote(f"acct:{user}@{host}", safe=":@")
    schemes = ["https"]
    if AddressPolicy(node.settings.allow_private).allow:
        schemes.append("http")  # only reachable at all for allowed private hosts
    errors: list[str] = []
    for scheme in schemes:
        url = f"{scheme}://{host}/.well-known/webfinger?resource={resource}"
        try:
            fetched = await fetch_json(
                url,
                client=node.http,
                auth=None,
                accept="application/jrd+json",
                allowed_types=JRD_TYPES,
            )
        except FetchError as exc:
            errors.append(f"{scheme}: {exc}")
            continue
        href = _self_link(fetched.document)
        if href is None:
            raise LookupFailed(f"WebFinger for {user}@{host} names no ActivityPub actor")
        return href
    raise LookupFailed(f"could not look up {user}@{host}: {'; '.join(errors)}")
