"""iCalendar (RFC 5545) for events: one event, an organisation's, or all the node knows (pure).

Each event is a VEVENT whose UID is the object's id, so a calendar app that imports the same
event from two feeds (the node's and its organisation's) keeps one copy, and an update
replaces it. Times carry the event's own zone (TZID with its VTIMEZONE) or are UTC when the
event names no zone we know; all-day events are DATE values. SEQUENCE must grow with every
revision: the seconds between publishing and the last update do, for our events and a peer's
alike, without a counter of our own.

The feeds are meant to be subscribed to: they carry a name and ask to be refreshed hourly.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Final

from icalendar import Calendar
from icalendar import Event as VEvent

from sinet_node.content.text import html_to_text
from sinet_node.objects.publication import Event
from sinet_node.web.publication_view import PublicationView

CONTENT_TYPE: Final = "text/calendar; charset=utf-8"
PRODID: Final = "-//SINet//SINet Node//EN"
REFRESH: Final = timedelta(hours=1)


def _location(view: PublicationView) -> str:
    parts = [", ".join(part for part in (p.name, p.address) if part) for p in view.places]
    parts.extend(view.online_urls)
    return "; ".join(parts)


def _description(view: PublicationView) -> str:
    parts = [view.lead, html_to_text(view.content)]
    if view.online_urls:
        parts.append("Online: " + " ".join(view.online_urls))
    if not view.origin.local:
        parts.append(f"Published by {view.origin.name}")
    parts.append(view.page_url)
    return "\n\n".join(part for part in parts if part)


def _sequence(published: datetime | None, updated: datetime | None) -> int:
    if published is None or updated is None or updated <= published:
        return 0
    return int((updated - published).total_seconds())


def _vevent(view: PublicationView, pub: Event, now: datetime) -> VEvent:
    when = view.when
    assert when is not None  # every event view has its time
    vevent = VEvent()
    vevent.add("uid", view.uri)
    if when.all_day:
        vevent.add("dtstart", when.first_day)
        vevent.add("dtend", when.last_day + timedelta(days=1))
    elif when.zone_name:
        vevent.add("dtstart", when.start)
        if when.end is not None:
            vevent.add("dtend", when.end)
    else:
        # A zone without an IANA name has no VTIMEZONE: UTC says the same instant.
        vevent.add("dtstart", when.start.astimezone(UTC))
        if when.end is not None:
            vevent.add("dtend", when.end.astimezone(UTC))
    modified = (pub.updated or pub.published or now).astimezone(UTC)
    vevent.add("dtstamp", modified)
    vevent.add("last-modified", modified)
    if pub.published is not None:
        vevent.add("created", pub.published.astimezone(UTC))
    vevent.add("sequence", _sequence(pub.published, pub.updated))
    vevent.add("summary", pub.name)
    vevent.add("description", _description(view))
    location = _location(view)
    if location:
        vevent.add("location", location)
    vevent.add("url", view.page_url)
    vevent.add("status", pub.status or "CONFIRMED")
    vevent.add("class", "PUBLIC")
    vevent.add(
        "organizer",
        view.origin.profile_url or view.origin.actor_id,
        parameters={"CN": view.origin.name},
    )
    if pub.tags:
        vevent.add("categories", [tag.name.lstrip("#") for tag in pub.tags])
    return vevent


def calendar(views: Sequence[PublicationView], *, name: str, now: datetime) -> bytes:
    """The iCalendar text of the events among `views` (others are skipped)."""
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("name", name)
    cal.add("x-wr-calname", name)
    cal.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", "PT1H")  # the same hour, for clients that predate RFC 7986
    days: list[date] = []
    for view in views:
        if isinstance(view.pub, Event) and view.when is not None:
            cal.add_component(_vevent(view, view.pub, now))
            days.extend((view.when.first_day, view.when.last_day))
    if days:
        # Zone rules only for the years the events need: a small, complete VTIMEZONE.
        cal.add_missing_timezones(
            first_date=min(days) - timedelta(days=366), last_date=max(days) + timedelta(days=366)
        )
    return bytes(cal.to_ical())
