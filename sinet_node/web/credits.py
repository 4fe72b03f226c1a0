"""Who published what: each listed object credited to its organisation.

Our own organisation is described by the settings; a peer's by its cached actor document,
including the kind, country and city it publishes as `sinet:` terms. An author we never
fetched is named by its host. Remote names are plain text already (see remote_objects).

Exceptions: none.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from sinet_node.config import ORGANISATION_KINDS, Settings
from sinet_node.federation.urls import Urls, host_of
from sinet_node.storage import actors as actor_store
from sinet_node.storage.models import RemoteActor
from sinet_node.web.publication_view import safe_link


@dataclass(frozen=True)
class Credit:
    name: str
    url: str  # where people read about the organisation
    local: bool
    host: str
    kind: str = ""  # one of config.ORGANISATION_KINDS ("municipality", "civil_society"...)
    city: str = ""
    country: str = ""  # ISO 3166-1 alpha-2: pages name it in the reader's language


def own_credit(settings: Settings, urls: Urls) -> Credit:
    return Credit(
        name=settings.name,
        url=urls.profile,
        local=True,
        host=urls.host,
        kind=settings.organisation_kind if settings.organisation_kind in ORGANISATION_KINDS else "",
        city=settings.city,
        country=settings.country,
    )


def _text(document: dict[str, Any], key: str, limit: int = 100) -> str:
    value = document.get(key)
    return " ".join(value.split())[:limit] if isinstance(value, str) else ""


def remote_credit(uri: str, actor: RemoteActor | None) -> Credit:
    if actor is None:
        return Credit(name=host_of(uri) or uri, url=uri, local=False, host=host_of(uri))
    document = actor.document
    url = document.get("url")
    country = _text(document, "country").upper()
    kind = _text(document, "organisationType")
    return Credit(
        name=actor.name or actor.preferred_username or host_of(uri),
        url=(isinstance(url, str) and safe_link(url)) or uri,
        local=False,
        host=host_of(uri),
        kind=kind if kind in ORGANISATION_KINDS else "",
        city=_text(document, "city"),
        country=country if len(country) == 2 and country.isalpha() else "",
    )


async def credits_for(
    session: AsyncSession, settings: Settings, urls: Urls, authors: Iterable[str | None]
) -> dict[str, Credit]:
    """A credit for each author id (objects without one are simply not credited)."""
    wanted = {author for author in authors if author}
    credits = {urls.actor: own_credit(settings, urls)} if urls.actor in wanted else {}
    remote = sorted(wanted - {urls.actor})
    cached = await actor_store.by_uris(session, remote)
    credits.update((uri, remote_credit(uri, cached.get(uri))) for uri in remote)
    return credits
