"""WebFinger, host-meta and NodeInfo documents (pure functions of the node's URLs).

Errors: ``ResourceError`` for a WebFinger resource that is missing or malformed
(answered 400) and ``UnknownResource`` for one that is well-formed but not ours (404).
"""

from __future__ import annotations

from typing import Any
from urllib.parse import unquote, urlsplit

from sinet_node import __version__
from sinet_node.federation.urls import INSTANCE_USERNAME, Urls

AS_JSON = "application/activity+json"
NODEINFO_SCHEMA = "http://nodeinfo.diaspora.software/ns/schema/2.1"
FEP_2677_REL = "https://www.w3.org/ns/activitystreams#Application"
# A SINet node is recognised by this protocol property, not by a software name.
MEMBERSHIP_PROTOCOL = "sinet-membership"
MEMBERSHIP_PROTOCOL_VERSION = "0.1"


class ResourceError(ValueError):
    """The WebFinger resource parameter is missing or malformed."""


class UnknownResource(LookupError):
    """The resource is well-formed but names nobody on this node."""


def resolve_resource(resource: str | None, urls: Urls) -> str:
    """Map a WebFinger resource to one of our actor ids."""
    if not resource:
        raise ResourceError("the 'resource' query parameter is required")
    resource = resource.strip()
    if resource.startswith("acct:"):
        user, sep, host = unquote(resource[5:]).lstrip("@").rpartition("@")
        if not sep or not user or not host or "/" in host:
            raise ResourceError(f"malformed acct: resource {resource!r}; expected acct:user@host")
        if host.lower() != urls.host:
            raise UnknownResource(f"{host} is not this node")
        if user.lower() == urls.username:
            return urls.actor
        if user.lower() in (INSTANCE_USERNAME, urls.host):
            return urls.instance_actor
        raise UnknownResource(f"no account {user!r} on this node")
    parts = urlsplit(resource)
    if parts.scheme in ("http", "https") and parts.netloc:
        origin = f"{parts.scheme}://{parts.netloc.lower()}"
        if origin != urls.base:
            raise UnknownResource(f"{resource} is not on this node")
        path = parts.path.rstrip("/")
        if path in ("", "/actor"):
            return urls.instance_actor  # FEP-d556: the server itself
        if path in (f"/users/{urls.username}", f"/@{urls.username}"):
            return urls.actor
        raise UnknownResource(f"no actor at {resource}")
    raise ResourceError(f"unsupported resource {resource!r}; use acct:user@host or an https URL")


def webfinger(actor_id: str, urls: Urls) -> dict[str, Any]:
    is_org = actor_id == urls.actor
    username = urls.username if is_org else INSTANCE_USERNAME
    return {
        "subject": f"acct:{username}@{urls.host}",
        "aliases": [actor_id, urls.profile] if is_org else [actor_id],
        "links": [
            {"rel": "self", "type": AS_JSON, "href": actor_id},
            {
                "rel": "http://webfinger.net/rel/profile-page",
                "type": "text/html",
                "href": urls.profile if is_org else urls.base + "/",
            },
        ],
    }


def host_meta(urls: Urls) -> str:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<XRD xmlns="http://docs.oasis-open.org/ns/xri/xrd-1.0">\n'
        f'  <Link rel="lrdd" template="{urls.base}/.well-known/webfinger?resource={{uri}}"/>\n'
        "</XRD>\n"
    )


def nodeinfo_links(urls: Urls) -> dict[str, Any]:
    return {
        "links": [
            {"rel": NODEINFO_SCHEMA, "href": urls.nodeinfo},
            {"rel": FEP_2677_REL, "href": urls.instance_actor},
        ]
    }


def nodeinfo(
    urls: Urls, *, node_name: str, local_posts: int, open_registrations: bool = False
) -> dict[str, Any]:
    return {
        "version": "2.1",
        "software": {
            "name": "sinet-node",
            "version": __version__,
            "homepage": "https://w3id.org/sinet",
        },
        "protocols": ["activitypub"],
        "services": {"inbound": [], "outbound": []},
        "openRegistrations": open_registrations,
        "usage": {
            "users": {"total": 1, "activeMonth": 1, "activeHalfyear": 1},
            "localPosts": local_posts,
        },
        "metadata": {
            "nodeName": node_name,
            MEMBERSHIP_PROTOCOL: {
                "version": MEMBERSHIP_PROTOCOL_VERSION,
                "members": urls.members,
            },
            "organisationActor": urls.actor,
            "instanceActor": urls.instance_actor,
        },
    }
