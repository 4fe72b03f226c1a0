"""RSS 2.0 and Atom feeds of the organisation's own publications (pure).

Feed readers and newsletters take these where ActivityPub does not reach. Each item is one
practice, event or call: its title, our page, the teaser and the whole (sanitised) text. The
documents are built with ElementTree, so every text is escaped by the serialiser, never by
hand.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from email.utils import format_datetime
from typing import Final
from xml.etree import ElementTree as ET

from sinet_node.federation.activities import iso
from sinet_node.web.publication_view import PublicationView
from sinet_node.web.wording import KIND_LABELS

RSS_CONTENT_TYPE: Final = "application/rss+xml; charset=utf-8"
ATOM_CONTENT_TYPE: Final = "application/atom+xml; charset=utf-8"
ATOM_NS: Final = "http://www.w3.org/2005/Atom"
CONTENT_NS: Final = "http://purl.org/rss/1.0/modules/content/"
XML_LANG: Final = "{http://www.w3.org/XML/1998/namespace}lang"
GENERATOR: Final = "SINet Node"


@dataclass(frozen=True)
class FeedInfo:
    """The feed's own description: the organisation and where the feed lives."""

    title: str
    description: str
    home_url: str  # the organisation's profile page
    self_url: str  # this feed
    feed_id: str  # the organisation's actor id
    language: str
    now: datetime


def _media(content_type: str) -> str:
    return content_type.split(";", 1)[0]


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, tag, attrs)
    if text is not None:
        element.text = text
    return element


def _item_html(view: PublicationView) -> str:
    lead = ET.Element("p")
    lead.text = view.lead
    return (ET.tostring(lead, encoding="unicode") if view.lead else "") + view.content


def _changed(view: PublicationView, now: datetime) -> datetime:
    return view.pub.updated or view.pub.published or now


def _serialise(root: ET.Element) -> bytes:
    ET.indent(root)
    return bytes(ET.tostring(root, encoding="utf-8", xml_declaration=True))


def rss(info: FeedInfo, views: Sequence[PublicationView]) -> bytes:
    # The conventional prefixes (ElementTree would write ns0:, ns1:).
    ET.register_namespace("atom", ATOM_NS)
    ET.register_namespace("content", CONTENT_NS)
    root = ET.Element("rss", {"version": "2.0"})
    channel = _sub(root, "channel")
    _sub(channel, "title", info.title)
    _sub(channel, "link", info.home_url)
    _sub(channel, "description", info.description or info.title)
    _sub(channel, "language", info.language)
    _sub(channel, "generator", GENERATOR)
    _sub(channel, "lastBuildDate", format_datetime(info.now))
    _sub(
        channel, f"{{{ATOM_NS}}}link", href=info.self_url, rel="self", type=_media(RSS_CONTENT_TYPE)
    )
    for view in views:
        item = _sub(channel, "item")
        _sub(item, "title", view.title)
        _sub(item, "link", view.page_url)
        _sub(item, "guid", view.uri, isPermaLink="true" if view.uri == view.page_url else "false")
        if view.pub.published is not None:
            _sub(item, "pubDate", format_datetime(view.pub.published))
        _sub(item, "category", KIND_LABELS[view.kind])
        for name, _href in view.tags:
            _sub(item, "category", name.lstrip("#"))
        _sub(item, "description", view.lead)
        _sub(item, f"{{{CONTENT_NS}}}encoded", _item_html(view))
    return _serialise(root)


def atom(info: FeedInfo, views: Sequence[PublicationView]) -> bytes:
    # Atom elements in the default namespace: unprefixed names under an xmlns on the root.
    root = ET.Element("feed", {"xmlns": ATOM_NS, XML_LANG: info.language})
    _sub(root, "id", info.feed_id)
    _sub(root, "title", info.title)
    if info.description:
        _sub(root, "subtitle", info.description)
    updated = max((_changed(view, info.now) for view in views), default=info.now)
    _sub(root, "updated", iso(updated))
    _sub(root, "link", rel="alternate", type="text/html", href=info.home_url)
    _sub(root, "link", rel="self", type=_media(ATOM_CONTENT_TYPE), href=info.self_url)
    author = _sub(root, "author")
    _sub(author, "name", info.title)
    _sub(author, "uri", info.home_url)
    _sub(root, "generator", GENERATOR)
    for view in views:
        entry = _sub(root, "entry")
        _sub(entry, "id", view.uri)
        _sub(entry, "title", view.title)
        _sub(entry, "updated", iso(_changed(view, info.now)))
        if view.pub.published is not None:
            _sub(entry, "published", iso(view.pub.published))
        _sub(entry, "link", rel="alternate", type="text/html", href=view.page_url)
        _sub(entry, "category", term=view.kind, label=KIND_LABELS[view.kind])
        for name, _href in view.tags:
            _sub(entry, "category", term=name.lstrip("#"))
        _sub(entry, "summary", view.lead, type="text")
        _sub(entry, "content", _item_html(view), type="html")
    return _serialise(root)
