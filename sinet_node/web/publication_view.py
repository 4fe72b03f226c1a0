"""What an object page shows: a stored practice, event or call read back through the codec.

The stored document is decoded into our typed objects, so the page reads the same fields
whatever shape a peer sent (one location or a list, `status` or `ical:status`) and never
trusts raw JSON. Ours and remote objects go through the same steps; a remote one is credited
to its organisation (from the cached actor) with a link to the original.

What reaches the page is safe to show: HTML is passed through the sanitiser again (storage
already did; an allow-list that has since become stricter applies to old rows too), names and
teasers are plain text, and only http(s) links become links.

Errors: ``Unviewable`` (the row is not a publication we can show).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, time
from typing import Any, Final
from urllib.parse import quote, urlsplit

from sqlalchemy.ext.asyncio import AsyncSession

from sinet_node.config import Settings
from sinet_node.content.sanitize import sanitize_html
from sinet_node.content.text import html_to_text
from sinet_node.federation.urls import KIND_PATHS, Urls, host_of
from sinet_node.objects.codec import CodecError, from_document
from sinet_node.objects.common import Image
from sinet_node.objects.publication import (
    Event,
    Location,
    Place,
    Practice,
    Publication,
    VirtualLocation,
    VolunteerCall,
)
from sinet_node.publishing.summary import address_text
from sinet_node.storage import actors as actor_store
from sinet_node.storage.models import RemoteActor, StoredObject
from sinet_node.web.event_time import EventTime, event_time, offset_label
from sinet_node.web.i18n.localiser import Localiser
from sinet_node.web.wording import own_language_name

NETWORK_PATH: Final = "/network"
# A language tag a page can put in lang="" (a peer's map may hold any string as a key).
_LANGUAGE_TAG: Final = re.compile(r"^[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*$")
_END_OF_DAY: Final = time(23, 59, 59)


class Unviewable(Exception):
    """The stored object is not a practice, event or call that decodes."""


@dataclass(frozen=True)
class Site:
    """The node as its pages need it: settings, URLs and the time of the request."""

    settings: Settings
    urls: Urls
    now: datetime


@dataclass(frozen=True)
class Origin:
    """Who published the object, and where the original is when it is not ours."""

    local: bool
    actor_id: str
    name: str
    profile_url: str | None
    handle: str | None  # "@user@host", for fediverse:creator
    original_url: str | None
    calendar_url: str


@dataclass(frozen=True)
class Translation:
    language: str
    language_name: str
    name: str
    lead: str
    content: str


@dataclass(frozen=True)
class PlaceView:
    name: str
    address: str


@dataclass(frozen=True)
class PublicationView:
    uri: str
    kind: str
    pub: Practice | Event | VolunteerCall
    page_url: str
    origin: Origin
    deleted: bool
    shown: Translation  # the version the page shows: the reader's language, else the original
    banner: Image | None
    tags: tuple[tuple[str, str], ...]  # (name with '#', our tag page)
    translations: tuple[Translation, ...]  # the other versions, the original among them
    places: tuple[PlaceView, ...]
    online_urls: tuple[str, ...]
    toolkit_links: tuple[str, ...]  # a practice's toolkit links that are safe to link
    when: EventTime | None
    calendar_url: str | None
    ended: bool  # an event that is over, or a call that has closed

    @property
    def title(self) -> str:
        return self.shown.name

    @property
    def lead(self) -> str:
        return self.shown.lead

    @property
    def content(self) -> str:
        return self.shown.content

    @property
    def language(self) -> str:
        """The language of what is shown ('' when the author did not say)."""
        return self.shown.language


def safe_link(value: str | None) -> str | None:
    """`value` when it is an http(s) URL with a host: nothing else becomes an href."""
    if not value:
        return None
    parts = urlsplit(value)
    return value if parts.scheme in ("http", "https") and parts.netloc else None


def page_url(row: StoredObject, urls: Urls) -> str:
    """Where a visitor reads `row` on this node: our own URL, or the credited copy of a
    peer's practice, event or call (anything else links to where it came from)."""
    if row.local:
        return row.uri
    path = KIND_PATHS.get(row.kind)
    if path is None:
        url = row.document.get("url")
        return safe_link(url if isinstance(url, str) else None) or row.uri
    return f"{urls.base}{NETWORK_PATH}/{path}/{row.id}"


def organiser_calendar_url(actor_id: str, urls: Urls) -> str:
    if actor_id == urls.actor:
        return f"{urls.actor}/events.ics"
    return f"{urls.base}/events.ics?organiser={quote(actor_id, safe='')}"


def _origin(row: StoredObject, pub: Publication, actor: RemoteActor | None, site: Site) -> Origin:
    if row.local:
        return Origin(
            local=True,
            actor_id=site.urls.actor,
            name=site.settings.name,
            profile_url=site.urls.profile,
            handle=f"@{site.settings.handle}",
            original_url=None,
            calendar_url=organiser_calendar_url(site.urls.actor, site.urls),
        )
    actor_id = pub.attributed_to
    profile = actor.document.get("url") if actor is not None else None
    username = actor.preferred_username if actor is not None else None
    name = (actor.name or username) if actor is not None else None
    return Origin(
        local=False,
        actor_id=actor_id,
        name=(name or "").strip() or host_of(actor_id) or actor_id,
        profile_url=safe_link(profile if isinstance(profile, str) else None) or safe_link(actor_id),
        handle=f"@{username}@{host_of(actor_id)}" if username else None,
        original_url=safe_link(pub.url) or safe_link(pub.id),
        calendar_url=organiser_calendar_url(actor_id, site.urls),
    )


def _first_paragraph(text: str) -> str:
    return text.split("\n\n", 1)[0].strip()


def _lead(summary: str, local: bool) -> str:
    """The author's teaser: the summary's first paragraph, as plain text. Ours is plain text;
    a peer's is stored as sanitised HTML, either paragraphs of markup or (from another SINet
    node) plain text whose blank lines the HTML reading would fold into spaces."""
    if local:
        return _first_paragraph(summary)
    return _first_paragraph(html_to_text(_first_paragraph(summary)))


def _versions(pub: Publication, local: bool) -> list[Translation]:
    """The object in each language it is written in: the original first, then translations."""
    original = Translation(
        language=language_tag(pub.language),
        language_name=own_language_name(pub.language) if pub.language else "",
        name=pub.name,
        lead=_lead(pub.summary, local),
        content=sanitize_html(pub.content),
    )
    languages = dict.fromkeys([*pub.name_map, *pub.summary_map, *pub.content_map])
    languages.pop(pub.language or "", None)
    return [original] + [
        Translation(
            language=language_tag(lang),
            language_name=own_language_name(lang),
            name=html_to_text(pub.name_map.get(lang, "")) or pub.name,
            lead=_lead(pub.summary_map.get(lang, ""), local),
            content=sanitize_html(pub.content_map.get(lang, "")),
        )
        for lang in languages
        if lang
    ]


def _primary(tag: str) -> str:
    return tag.split("-", 1)[0].lower()


def language_tag(value: str | None) -> str:
    """`value` when it is a well-formed language tag, else '' (the page says nothing)."""
    return value if value and _LANGUAGE_TAG.match(value) else ""


def in_language(versions: list[Translation], reader: str | None) -> Translation:
    """The version a reader of `reader` reads first: theirs when the object has it (a regional
    tag counts for its language), else the original (`versions[0]`)."""
    original = versions[0]
    if not reader or _primary(original.language) == reader:
        return original
    return next((v for v in versions[1:] if _primary(v.language) == reader), original)


@dataclass(frozen=True)
class RowText:
    """What a card or a calendar shows of a stored object, in one language."""

    language: str  # '' when the document does not say
    name: str
    summary: str  # as stored: plain text (ours) or sanitised HTML (a peer's)


def _map(document: dict[str, Any], key: str) -> dict[str, str]:
    value = document.get(key)
    if not isinstance(value, dict):
        return {}
    return {lang: text for lang, text in value.items() if isinstance(text, str) and text}


def row_text(row: StoredObject, reader: str | None) -> RowText:
    """`row`'s name and teaser in the reader's language when the document has them (its
    nameMap/summaryMap), else as first written, with the language each is in."""
    names, summaries = _map(row.document, "nameMap"), _map(row.document, "summaryMap")
    if reader:
        for lang, name in names.items():
            if _primary(lang) == reader:
                summary = summaries.get(lang, row.summary or "")
                return RowText(language_tag(lang), html_to_text(name), summary)
    contents = _map(row.document, "contentMap")
    original = next(
        (lang for lang, text in contents.items() if text == row.content),
        next((lang for lang, text in names.items() if text == row.name), ""),
    )
    return RowText(language_tag(original), row.name or row.uri, row.summary or "")


def _places(locations: Sequence[Location]) -> tuple[tuple[PlaceView, ...], tuple[str, ...]]:
    places = tuple(
        PlaceView(name=item.name, address=address_text(item.address))
        for item in locations
        if isinstance(item, Place) and (item.name or item.address)
    )
    online = tuple(
        url
        for item in locations
        if isinstance(item, VirtualLocation) and (url := safe_link(item.url))
    )
    return places, online


def _toolkit(pub: Publication) -> tuple[str, ...]:
    if not isinstance(pub, Practice):
        return ()
    return tuple(link for link in pub.toolkit_urls if safe_link(link) is not None)


def closes_text(closes: datetime, l10n: Localiser) -> str:
    """'the end of Friday 31 May 2027', or the day and time with its UTC offset."""
    if closes.time().replace(microsecond=0) == _END_OF_DAY:
        return l10n.gettext("the end of %(day)s") % {"day": l10n.day(closes.date())}
    return f"{l10n.day(closes.date())}, {l10n.time(closes)} ({offset_label(closes)})"


def build_view(
    row: StoredObject, actor: RemoteActor | None, site: Site, reader: str | None = None
) -> PublicationView:
    """The page's view of `row` for a reader of the language `reader`; `actor` is the cached
    remote author (None when unknown)."""
    try:
        pub = from_document(row.document)
    except CodecError as exc:
        raise Unviewable(f"{row.uri} does not decode: {exc}") from exc
    if not isinstance(pub, Practice | Event | VolunteerCall):
        raise Unviewable(f"{row.uri} is not a practice, event or call")
    url = page_url(row, site.urls)
    when = None
    if isinstance(pub, Event):
        when = event_time(pub.start_time, pub.end_time, pub.timezone)
    places, online = _places(pub.location) if isinstance(pub, Event | VolunteerCall) else ((), ())
    if when is not None:
        ended = when.has_ended(site.now)
    elif isinstance(pub, VolunteerCall):
        ended = pub.closes is not None and pub.closes <= site.now
    else:
        ended = False
    banner = next((image for image in pub.attachments if safe_link(image.url)), None)
    versions = _versions(pub, row.local)
    shown = in_language(versions, reader)
    return PublicationView(
        uri=row.uri,
        kind=pub.KIND,
        pub=pub,
        page_url=url,
        origin=_origin(row, pub, actor, site),
        deleted=row.deleted_at is not None,
        shown=shown,
        banner=banner,
        tags=tuple((tag.name, site.urls.hashtag(tag.name.lstrip("#"))) for tag in pub.tags),
        translations=tuple(version for version in versions if version is not shown),
        places=places,
        online_urls=online,
        toolkit_links=_toolkit(pub),
        when=when,
        calendar_url=f"{url}.ics" if isinstance(pub, Event) else None,
        ended=ended,
    )


async def load_views(
    session: AsyncSession, rows: Sequence[StoredObject], site: Site, reader: str | None = None
) -> list[PublicationView]:
    """Views of the rows that are publications (others are left out), authors in one query."""
    authors = sorted({row.attributed_to for row in rows if not row.local and row.attributed_to})
    actors = await actor_store.by_uris(session, authors)
    views = []
    for row in rows:
        try:
            views.append(build_view(row, actors.get(row.attributed_to or ""), site, reader))
        except Unviewable:
            continue
    return views
