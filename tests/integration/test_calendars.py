"""iCalendar feeds as calendar apps import them: each feed is read by two independent parsers
(icalendar, and vobject, which shares no code with the writer), and the instants, zones,
places and statuses they find are the event's."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
import pytest
import vobject

from sinet_node.federation import local_publishing
from sinet_node.web.publication_view import page_url
from tests.conftest import LiveNode
from tests.integration import remote_samples
from tests.integration.html_page import HtmlPage
from tests.integration.test_publishing import load

SKOPJE = ZoneInfo("Europe/Skopje")
HTML = {"Accept": "text/html"}


async def fetch_ics(live: LiveNode, url: str) -> tuple[icalendar.Calendar, Any]:
    """The feed at `url`, parsed by both parsers (each raises on a malformed calendar)."""
    response = await live.client.get(url)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "text/calendar; charset=utf-8"
    text = response.content.decode("utf-8")
    assert "\r\n" in text  # RFC 5545 line endings
    return icalendar.Calendar.from_ical(text), vobject.readOne(text)


def events_of(calendar: icalendar.Calendar) -> dict[str, icalendar.Event]:
    return {str(event["uid"]): event for event in calendar.walk("VEVENT")}


def vobject_events(parsed: Any) -> dict[str, Any]:
    return {event.uid.value: event for event in parsed.vevent_list}


async def test_one_event_as_a_calendar_app_imports_it(live: LiveNode) -> None:
    live.clock.now = datetime(2027, 4, 1, tzinfo=UTC)
    uri = await local_publishing.publish(
        live.node, "event", load("event") | {"join_mode": "restricted", "tags": ["training"]}
    )
    calendar, parsed = await fetch_ics(live, f"{uri}.ics")
    [event] = calendar.walk("VEVENT")
    assert str(event["uid"]) == uri
    assert str(event["summary"]) == load("event")["name"]
    start, end = event.decoded("dtstart"), event.decoded("dtend")
    # The event's own zone, with its VTIMEZONE in the calendar.
    assert event["dtstart"].params["TZID"] == "Europe/Skopje"
    assert start == datetime(2027, 4, 29, 10, tzinfo=SKOPJE)
    assert end == datetime(2027, 4, 29, 14, tzinfo=SKOPJE)
    assert [str(tz["tzid"]) for tz in calendar.walk("VTIMEZONE")] == ["Europe/Skopje"]
    assert "Dimitar Vlahov 57" in str(event["location"])
    assert "https://meet.example.org/sinet-colearning" in str(event["location"])
    assert str(event["url"]) == uri
    assert str(event["status"]) == "CONFIRMED"
    assert event.decoded("sequence") == 0
    assert event.decoded("last-modified") == live.clock.now
    description = str(event["description"])
    assert "Bring one practice" in description and "<" not in description
    assert "training" in [str(c) for c in event["categories"].cats]
    # The second parser resolves the VTIMEZONE itself: the same instant, the same texts.
    [other] = parsed.vevent_list
    assert other.uid.value == uri
    assert other.dtstart.value.astimezone(UTC) == datetime(2027, 4, 29, 8, tzinfo=UTC)
    assert other.dtend.value.astimezone(UTC) == datetime(2027, 4, 29, 12, tzinfo=UTC)
    assert other.summary.value == load("event")["name"]
    assert other.status.value == "CONFIRMED"


async def test_an_update_raises_the_sequence_and_a_cancellation_shows(live: LiveNode) -> None:
    uri = await local_publishing.publish(live.node, "event", load("event"))
    live.clock.advance(minutes=90)
    await local_publishing.update(live.node, uri, load("event") | {"status": "CANCELLED"})
    calendar, parsed = await fetch_ics(live, f"{uri}.ics")
    [event] = calendar.walk("VEVENT")
    assert event.decoded("sequence") == 90 * 60
    assert str(event["status"]) == "CANCELLED"
    assert event.decoded("last-modified") == live.clock.now
    assert parsed.vevent.status.value == "CANCELLED"


async def test_an_all_day_event_is_written_as_dates(live: LiveNode) -> None:
    data = load("event") | {
        "startTime": "2027-07-05T00:00:00+02:00",
        "endTime": "2027-07-07T23:59:59+02:00",
    }
    uri = await local_publishing.publish(live.node, "event", data)
    calendar, parsed = await fetch_ics(live, f"{uri}.ics")
    [event] = calendar.walk("VEVENT")
    assert event["dtstart"].params["VALUE"] == "DATE"
    assert event.decoded("dtstart") == date(2027, 7, 5)
    assert event.decoded("dtend") == date(2027, 7, 8)  # exclusive: the 7th is the last day
    assert parsed.vevent.dtstart.value == date(2027, 7, 5)
    assert parsed.vevent.dtend.value == date(2027, 7, 8)


async def test_an_event_without_a_zone_name_is_written_in_utc(live: LiveNode) -> None:
    actor = remote_samples.youth_centre(live)
    document = remote_samples.event(
        startTime="2027-05-20T18:00:00+05:30", endTime="2027-05-20T19:00:00+05:30", timezone=None
    )
    row = await remote_samples.deliver(live, actor, document)
    url = page_url(row, live.node.urls)
    calendar, parsed = await fetch_ics(live, f"{url}.ics")
    [event] = calendar.walk("VEVENT")
    assert "TZID" not in event["dtstart"].params
    assert event.decoded("dtstart") == datetime(2027, 5, 20, 12, 30, tzinfo=UTC)
    assert calendar.walk("VTIMEZONE") == []
    assert parsed.vevent.dtstart.value == datetime(2027, 5, 20, 12, 30, tzinfo=UTC)
    # The page shows the time in the offset the organiser wrote.
    shown = HtmlPage.parse((await live.client.get(url, headers=HTML)).text)
    assert "18:00\u201319:00" in shown.text and "UTC+05:30" in shown.text


async def test_a_peers_event_is_credited_in_its_calendar_entry(live: LiveNode) -> None:
    actor = remote_samples.youth_centre(live)
    row = await remote_samples.deliver(live, actor, remote_samples.event())
    calendar, _parsed = await fetch_ics(live, f"{page_url(row, live.node.urls)}.ics")
    [event] = calendar.walk("VEVENT")
    assert str(event["uid"]) == row.uri  # the origin's id: one entry across feeds and nodes
    assert event["organizer"].params["CN"] == "Youth Centre Split"
    assert "Published by Youth Centre Split" in str(event["description"])
    assert event["dtstart"].params["TZID"] == "Europe/Zagreb"


async def test_the_node_and_organisation_calendars(live: LiveNode) -> None:
    live.clock.now = datetime(2027, 4, 1, tzinfo=UTC)
    ours = await local_publishing.publish(live.node, "event", load("event"))
    recent = await local_publishing.publish(
        live.node,
        "event",
        load("event")
        | {"name": "Last month's focus group", "startTime": "2027-03-01T10:00:00+01:00"}
        | {"endTime": "2027-03-01T12:00:00+01:00"},
    )
    old = await local_publishing.publish(
        live.node,
        "event",
        load("event")
        | {"name": "Last year's conference", "startTime": "2026-03-01T10:00:00+01:00"}
        | {"endTime": "2026-03-01T12:00:00+01:00"},
    )
    deleted = await local_publishing.publish(live.node, "event", load("event"))
    await local_publishing.delete(live.node, deleted)
    await local_publishing.publish(live.node, "practice", load("practice"))
    await local_publishing.publish(live.node, "call", load("call"))
    actor = remote_samples.youth_centre(live)
    theirs = (await remote_samples.deliver(live, actor, remote_samples.event())).uri

    node_calendar, node_parsed = await fetch_ics(live, "/events.ics")
    assert set(events_of(node_calendar)) == {ours, recent, theirs}
    assert set(vobject_events(node_parsed)) == {ours, recent, theirs}
    assert old not in events_of(node_calendar) and deleted not in events_of(node_calendar)
    assert str(node_calendar["x-wr-calname"]) == "Events known to Municipality of Ohrid"

    organisation, _ = await fetch_ics(live, "/users/ohrid/events.ics")
    assert set(events_of(organisation)) == {ours, recent}
    assert str(organisation["name"]) == "Events of Municipality of Ohrid"

    peer, _ = await fetch_ics(live, f"/events.ics?organiser={remote_samples.SPLIT}")
    assert set(events_of(peer)) == {theirs}
    assert str(peer["x-wr-calname"]) == "Events of Youth Centre Split"
    ours_by_id, _ = await fetch_ics(live, f"/events.ics?organiser={live.node.urls.actor}")
    assert set(events_of(ours_by_id)) == {ours, recent}


async def test_calendars_are_linked_from_the_pages(live: LiveNode) -> None:
    uri = await local_publishing.publish(live.node, "event", load("event"))
    actor = remote_samples.youth_centre(live)
    row = await remote_samples.deliver(live, actor, remote_samples.event())
    profile = HtmlPage.parse((await live.client.get("/@ohrid", headers=HTML)).text)
    links = profile.alternates("text/calendar")
    assert links == ["https://node.example/users/ohrid/events.ics"]
    assert links[0] in profile.hrefs()
    event_page = HtmlPage.parse((await live.client.get(uri, headers=HTML)).text)
    remote_page = HtmlPage.parse(
        (await live.client.get(page_url(row, live.node.urls), headers=HTML)).text
    )
    for shown in (profile, event_page, remote_page):
        for href in shown.alternates("text/calendar"):
            calendar, _ = await fetch_ics(live, href)
            assert calendar.walk("VEVENT"), href
    assert "/events.ics" in event_page.hrefs()  # the node's calendar, in the footer


@pytest.mark.parametrize("days_ago", [0, 89])
async def test_events_that_ended_recently_stay_in_the_feed(live: LiveNode, days_ago: int) -> None:
    uri = await local_publishing.publish(live.node, "event", load("event"))
    end = datetime(2027, 4, 29, 14, tzinfo=SKOPJE)
    live.clock.now = end.astimezone(UTC) + timedelta(days=days_ago, minutes=1)
    calendar, _ = await fetch_ics(live, "/events.ics")
    assert uri in events_of(calendar)
    live.clock.now = end.astimezone(UTC) + timedelta(days=91)
    calendar, _ = await fetch_ics(live, "/events.ics")
    assert uri not in events_of(calendar)
