"""What link previews and search engines read from an object page (pure).

OpenGraph tags make a shared link show a title, teaser and banner (Mastodon, chat apps), and
`fediverse:creator` lets Mastodon credit the organisation's account under the preview.
schema.org JSON-LD says what the page is about:

- a practice is an ``Article`` (a documented innovation, with its challenge as ``about``, its
  target groups as ``audience`` and its place as ``spatialCoverage``);
- an event is an ``Event`` with dates, location, attendance mode and status, the shape search
  engines show as an event;
- a call is a ``CreativeWork`` that ``expires`` on its closing date and offers a potential
  ``ApplyAction`` (where and until when to volunteer). Not a ``JobPosting``: a call is unpaid
  and has no employer or salary, and search engines would list it as a job.

The JSON-LD goes into a <script> element, where the HTML parser ends the element at the first
"</script": `json_ld()` escapes "<", ">" and "&" so no text can close it or open a comment.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Final

from sinet_node.content.text import teaser
from sinet_node.federation.activities import iso
from sinet_node.jsonio import dumps
from sinet_node.objects.publication import Event, Practice, VolunteerCall
from sinet_node.web.i18n.localiser import ENGLISH
from sinet_node.web.publication_view import PublicationView

DESCRIPTION_LIMIT: Final = 300
_SCRIPT_ESCAPES: Final = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})
_STATUS: Final = {
    "CANCELLED": "https://schema.org/EventCancelled",
    "TENTATIVE": "https://schema.org/EventScheduled",
    "CONFIRMED": "https://schema.org/EventScheduled",
}


def description(view: PublicationView) -> str:
    return teaser(view.lead, DESCRIPTION_LIMIT)


def open_graph(view: PublicationView, site_name: str) -> list[tuple[str, str]]:
    """(property, content) pairs for <meta property=… content=…>, in a stable order."""
    tags = [
        ("og:type", "article"),
        ("og:site_name", site_name),
        ("og:title", view.title),
        ("og:description", description(view)),
        ("og:url", view.page_url),
    ]
    if view.pub.language:
        tags.append(("og:locale", view.pub.language.replace("-", "_")))
    if view.banner is not None:
        tags.append(("og:image", view.banner.url))
        if view.banner.name:
            tags.append(("og:image:alt", view.banner.name))
    if view.pub.published:
        tags.append(("article:published_time", iso(view.pub.published)))
    if view.pub.updated:
        tags.append(("article:modified_time", iso(view.pub.updated)))
    tags.extend(("article:tag", name.lstrip("#")) for name, _href in view.tags)
    return tags


def _time(value: datetime | None) -> str | None:
    return iso(value) if value is not None else None


def _organisation(view: PublicationView) -> dict[str, Any]:
    return _compact(
        {"@type": "Organization", "name": view.origin.name, "url": view.origin.profile_url}
    )


def _compact(data: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in data.items() if value not in (None, "", [], {})}


def _locations(view: PublicationView) -> list[dict[str, Any]]:
    places: list[dict[str, Any]] = [
        _compact({"@type": "Place", "name": place.name, "address": place.address})
        for place in view.places
    ]
    places.extend({"@type": "VirtualLocation", "url": url} for url in view.online_urls)
    return places


def _one_or_many(items: list[dict[str, Any]]) -> Any:
    return items[0] if len(items) == 1 else items or None


def _event(view: PublicationView, pub: Event) -> dict[str, Any]:
    if view.places and view.online_urls:
        mode = "MixedEventAttendanceMode"
    elif view.online_urls:
        mode = "OnlineEventAttendanceMode"
    else:
        mode = "OfflineEventAttendanceMode"
    return {
        "@type": "Event",
        "startDate": iso(pub.start_time),
        "endDate": _time(pub.end_time),
        "location": _one_or_many(_locations(view)),
        "eventAttendanceMode": f"https://schema.org/{mode}",
        "eventStatus": _STATUS.get(pub.status or "CONFIRMED"),
        "organizer": _organisation(view),
        "maximumAttendeeCapacity": pub.capacity,
    }


def _practice(pub: Practice) -> dict[str, Any]:
    place = _compact(
        {
            "@type": "Place",
            "name": ", ".join(
                part for part in (pub.city, ENGLISH.country(pub.country or "")) if part
            ),
            "address": _compact(
                {
                    "@type": "PostalAddress",
                    "addressLocality": pub.city,
                    "addressCountry": pub.country,
                }
            ),
        }
    )
    return {
        "@type": "Article",
        "about": pub.challenge or None,
        "audience": [{"@type": "Audience", "audienceType": group} for group in pub.target_groups],
        "spatialCoverage": place if pub.city or pub.country else None,
        "contributor": [{"@type": "Organization", "name": name} for name in pub.partners],
    }


def _call(view: PublicationView, pub: VolunteerCall) -> dict[str, Any]:
    apply = _compact(
        {
            "@type": "ApplyAction",
            "actionStatus": "https://schema.org/PotentialActionStatus",
            "name": "Volunteer",
            "description": pub.how_to_respond,
            "endTime": _time(pub.closes),
            "location": _one_or_many(_locations(view)),
        }
    )
    return {
        "@type": "CreativeWork",
        "expires": _time(pub.closes),
        "keywords": ", ".join(pub.skills) or None,
        "potentialAction": apply,
    }


def schema_org(view: PublicationView) -> dict[str, Any]:
    """The page's schema.org description as a JSON-LD document."""
    pub = view.pub
    common: dict[str, Any] = {
        "name": pub.name,
        "description": description(view),
        "url": view.page_url,
        "inLanguage": pub.language,
        "image": view.banner.url if view.banner is not None else None,
        "datePublished": _time(pub.published),
        "dateModified": _time(pub.updated),
        "author": _organisation(view),
        "sameAs": view.origin.original_url,
    }
    if isinstance(pub, Event):
        specific = _event(view, pub)
    elif isinstance(pub, Practice):
        specific = _practice(pub) | {"headline": pub.name}
    else:
        specific = _call(view, pub)
    if "keywords" not in specific and view.tags:
        specific["keywords"] = ", ".join(name.lstrip("#") for name, _href in view.tags)
    head = {"@context": "https://schema.org", "@type": specific.pop("@type")}
    return _compact({**head, **common, **specific})


def json_ld(view: PublicationView) -> str:
    """The JSON-LD text, safe to place between <script type="application/ld+json"> tags."""
    return script_safe_json(schema_org(view))


def script_safe_json(data: Any) -> str:
    return dumps(data).decode().translate(_SCRIPT_ESCAPES)
