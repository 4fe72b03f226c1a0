"""A small network around the node under test: organisations it follows, and what they
publish, delivered as signed Creates to its inbox and run through its worker, exactly as
a peer's publications arrive."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import Any

from sinet_node.demo_network import publication_document
from sinet_node.federation import follows
from tests.conftest import LiveNode
from tests.fakes.fediverse import FakeActor

PUBLIC = "https://www.w3.org/ns/activitystreams#Public"


@dataclass
class Peer:
    actor: FakeActor
    host: str
    name: str
    published: list[str] = field(default_factory=list)

    @property
    def profile(self) -> str:
        return f"https://{self.host}/@{self.actor.id.rsplit('/', 1)[-1]}"


async def deliver(live: LiveNode, actor: FakeActor, activity: dict[str, Any]) -> None:
    await live.deliver(actor, activity)
    await live.drain()


async def join(
    live: LiveNode, username: str, host: str, name: str, kind: str, country: str, city: str
) -> Peer:
    """An organisation's node that ours follows (Follow sent, Accept received)."""
    actor_id = f"https://{host}/users/{username}"
    actor = live.fediverse.add_actor(actor_id)
    peer = Peer(actor, host, name)
    live.fediverse.documents[actor_id].update(
        {
            "type": "Organization",
            "name": name,
            "url": peer.profile,
            "organisationType": kind,
            "country": country,
            "city": city,
        }
    )
    await follows.follow(live.node, actor_id)
    await live.drain()
    accept = {
        "id": f"{actor_id}/accepts/{live.node.settings.username}",
        "type": "Accept",
        "actor": actor_id,
        "object": {"type": "Follow", "actor": live.node.urls.actor, "object": actor_id},
    }
    await deliver(live, actor, accept)
    return peer


def document_of(
    live: LiveNode, peer: Peer, kind: str, data: dict[str, Any], *, timezone: str = "UTC"
) -> dict[str, Any]:
    object_id = f"https://{peer.host}/{kind}s/{len(peer.published) + 1}"
    return publication_document(
        kind,
        data,
        object_id=object_id,
        actor_id=peer.actor.id,
        published=live.clock(),
        language=str(data.get("language", "en")),
        timezone=timezone,
    )


async def create(live: LiveNode, peer: Peer, document: dict[str, Any]) -> str:
    """Deliver a Create of `document` from its author and let the worker store it."""
    activity = {
        "@context": "https://www.w3.org/ns/activitystreams",
        "id": f"{document['id']}/create",
        "type": "Create",
        "actor": peer.actor.id,
        "to": [PUBLIC],
        "cc": [f"{peer.actor.id}/followers"],
        "object": document,
    }
    await deliver(live, peer.actor, activity)
    peer.published.append(document["id"])
    return str(document["id"])


async def publish(
    live: LiveNode, peer: Peer, kind: str, data: dict[str, Any], *, timezone: str = "UTC"
) -> str:
    return await create(live, peer, document_of(live, peer, kind, data, timezone=timezone))


# Reading the pages -------------------------------------------------------------------

_CARD_TITLE = re.compile(r'<h[23][^>]*><a href="([^"]*)">([^<]*)</a></h[23]>')
_OPTION = re.compile(r'<option value="([^"]*)"( selected)?>([^<]*) \((\d+)\)</option>')


def card_names(page: str) -> list[str]:
    """The titles of the result cards, in page order."""
    return [html.unescape(name) for _, name in _CARD_TITLE.findall(page)]


def card_links(page: str) -> dict[str, str]:
    return {html.unescape(name): html.unescape(href) for href, name in _CARD_TITLE.findall(page)}


def filter_options(page: str, facet: str) -> dict[str, tuple[str, int]]:
    """value -> (label, count) of one filter's select."""
    start = page.index(f'<select id="f-{facet}"')
    select = page[start : page.index("</select>", start)]
    return {
        html.unescape(value): (html.unescape(label), int(count))
        for value, _, label, count in _OPTION.findall(select)
    }
