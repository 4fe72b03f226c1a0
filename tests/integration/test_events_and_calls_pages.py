"""Events (upcoming list and month calendar) and the volunteer board, as a visitor sees
them: events on their own local days across month and year boundaries and time zones,
past events and closed calls dropping off, and the board's filters."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

import pytest

from sinet_node.storage import listing
from tests.conftest import LiveNode
from tests.integration.network import Peer, card_names, filter_options, join, publish

NOW = datetime(2027, 3, 1, 12, 0, tzinfo=UTC)


def event(name: str, start: str, end: str, timezone: str, **extra: Any) -> dict[str, Any]:
    return {
        "name": name,
        "summary": f"{name}, an event of the network.",
        "content": "Details follow.",
        "startTime": start,
        "endTime": end,
        "timezone": timezone,
        "online_url": "https://meet.example/room",
        **extra,
    }


def call(name: str, closes: str, skills: list[str], **where: Any) -> dict[str, Any]:
    return {
        "name": name,
        "summary": f"{name}: volunteers wanted.",
        "content": "We train you first.",
        "skills": skills,
        "closes": closes,
        **where,
    }


def place(city: str, country: str) -> dict[str, Any]:
    address = {"streetAddress": "Main street 1", "addressLocality": city, "addressCountry": country}
    return {"location": {"name": f"Community centre {city}", "address": address}}


EVENTS = [
    # 23:30 in Skopje on the last day of March is already 1 April in UTC+3, still 31 March
    # in UTC: it belongs on 31 March.
    event("Late webinar", "2027-03-31T23:30:00+02:00", "2027-03-31T23:59:00+02:00",
          "Europe/Skopje", event_type="webinar"),
    # 00:30 in Skopje on 1 April is 22:30 UTC on 31 March: it belongs on 1 April.
    event("Early training", "2027-04-01T00:30:00+02:00", "2027-04-01T02:00:00+02:00",
          "Europe/Skopje", event_type="training"),
    # 20:00 in New York on 31 March is already 1 April in UTC.
    event("New York evening", "2027-03-31T20:00:00-04:00", "2027-03-31T21:00:00-04:00",
          "America/New_York", event_type="conference"),
    # Over the turn of February: on 27 and 28 February and on 1 and 2 March.
    event("Spring school", "2027-02-27T09:00:00+01:00", "2027-03-02T17:00:00+01:00",
          "Europe/Rome", event_type="training"),
    event("Past focus group", "2027-02-10T17:00:00+01:00", "2027-02-10T19:00:00+01:00",
          "Europe/Zagreb", event_type="focus_group"),
    event("New year party", "2027-12-31T22:00:00+01:00", "2028-01-01T02:00:00+01:00",
          "Europe/Madrid"),
]  # fmt: skip
CALLS = [
    call("Drivers for lunch", "2027-03-05", ["driving"], **place("Struga", "MK")),
    call("Closed already", "2027-02-20", ["driving"], remote=True),
    call("Translators", "2027-04-30", ["translation", "Spanish"], remote=True),
    call("Teachers", "2027-06-01", ["teaching", "driving"], **place("Palermo", "IT")),
]


@pytest.fixture
async def peer(live: LiveNode) -> Peer:
    live.clock.now = NOW
    peer = await join(live, "youthineu", "youth.example", "Youth in the EU", "civil_society",
                      "HR", "Šibenik")  # fmt: skip
    for data in EVENTS:
        await publish(live, peer, "event", data, timezone=data["timezone"])
    for data in CALLS:
        await publish(live, peer, "call", data, timezone="Europe/Rome")
    return peer


async def get(live: LiveNode, path: str) -> str:
    response = await live.client.get(path)
    assert response.status_code == 200, response.text[:300]
    return response.text


def calendar_days(page: str) -> dict[str, list[str]]:
    """ISO date -> the event names shown on that day (days of the month only)."""
    days = {}
    for cell in page.split("<td")[1:]:
        if cell.startswith(' class="outside'):
            continue
        day = re.search(r'<time class="date" datetime="([\d-]+)"', cell)
        assert day is not None
        names = re.findall(r"</time> ([^<]+)</a>", cell)
        days[day[1]] = [name.strip() for name in names]
    return days


async def test_the_calendar_puts_each_event_on_its_local_days(live: LiveNode, peer: Peer) -> None:
    march = calendar_days(await get(live, "/events/calendar?month=2027-03"))
    assert len(march) == 31
    assert march["2027-03-31"] == ["New York evening", "Late webinar"]  # by local time
    assert march["2027-03-01"] == march["2027-03-02"] == ["Spring school"]
    assert march["2027-03-03"] == []
    assert "Early training" not in str(march)
    april = calendar_days(await get(live, "/events/calendar?month=2027-04"))
    assert len(april) == 30
    assert april["2027-04-01"] == ["Early training"]
    assert "Late webinar" not in str(april) and "New York evening" not in str(april)
    february = calendar_days(await get(live, "/events/calendar?month=2027-02"))
    assert february["2027-02-27"] == february["2027-02-28"] == ["Spring school"]
    assert february["2027-02-10"] == ["Past focus group"]  # past events stay in the calendar


async def test_the_calendar_shows_local_times_and_zones_and_moves_by_month(
    live: LiveNode, peer: Peer
) -> None:
    page = await get(live, "/events/calendar?month=2027-03")
    assert "Events in March 2027" in page
    assert re.search(r">23:30</time> Late webinar</a>\s*<span class=\"muted\">Europe/Skopje", page)
    assert ">20:00</time> New York evening" in page
    assert 'href="?month=2027-02"' in page and 'href="?month=2027-04"' in page
    december = await get(live, "/events/calendar?month=2027-12")
    assert 'href="?month=2028-01"' in december and 'href="?month=2027-11"' in december
    assert calendar_days(december)["2027-12-31"] == ["New year party"]
    january = calendar_days(await get(live, "/events/calendar?month=2028-01"))
    assert january["2028-01-01"] == ["New year party"]  # it runs past midnight
    # Without a month: the node's current month (the injected clock says March 2027).
    assert "Events in March 2027" in await get(live, "/events/calendar")
    assert "No events this month" in await get(live, "/events/calendar?month=2030-05")


async def test_upcoming_events_are_soonest_first_and_past_ones_drop_off(
    live: LiveNode, peer: Peer
) -> None:
    page = await get(live, "/events")
    assert card_names(page) == [
        "Spring school",  # still running on 1 March
        "Late webinar",  # 21:30 UTC
        "Early training",  # 22:30 UTC
        "New York evening",  # 00:00 UTC on 1 April
        "New year party",
    ]
    assert filter_options(page, "event_type")["training"] == ("Training course", 2)
    trainings = await get(live, "/events?event_type=training")
    assert card_names(trainings) == ["Spring school", "Early training"]
    live.clock.now = datetime(2027, 4, 1, tzinfo=UTC)
    assert card_names(await get(live, "/events")) == [
        "Early training",  # ends at 00:00 UTC: not over yet
        "New York evening",
        "New year party",
    ]
    # The query the iCalendar feeds use: by organisation and window.
    async with live.node.sessions() as session:
        rows = await listing.events(
            session,
            after=datetime(2027, 3, 31, 20, 0, tzinfo=UTC),
            before=datetime(2027, 4, 1, tzinfo=UTC),
            organisation=peer.actor.id,
        )
    assert [row.name for row in rows] == ["Late webinar", "Early training"]


async def test_the_volunteer_board_lists_open_calls_and_closed_ones_drop_off(
    live: LiveNode, peer: Peer
) -> None:
    page = await get(live, "/calls")
    assert card_names(page) == ["Drivers for lunch", "Translators", "Teachers"]
    assert "3 open calls" in page and "Closed already" not in page
    assert 'Open until <time datetime="2027-03-05T23:59:59+01:00">5 March 2027<' in page
    assert filter_options(page, "skill")["driving"] == ("Driving", 2)  # not the closed one
    assert filter_options(page, "city")["palermo"] == ("Palermo", 1)
    assert re.search(r"Can be done remotely \(1\)", page)
    # The call closes at the end of 5 March where it was published (Europe/Rome).
    live.clock.now = datetime(2027, 3, 5, 22, 59, tzinfo=UTC)
    assert "Drivers for lunch" in card_names(await get(live, "/calls"))
    live.clock.now = datetime(2027, 3, 5, 23, 0, tzinfo=UTC)
    assert card_names(await get(live, "/calls")) == ["Translators", "Teachers"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("skill=Driving", ["Drivers for lunch", "Teachers"]),
        ("city=palermo", ["Teachers"]),
        ("remote=yes", ["Translators"]),
        ("closes_by=2027-04-30", ["Drivers for lunch", "Translators"]),
        ("closes_by=2027-03-04", []),
        ("skill=driving&remote=yes", []),
        ("q=spanish", ["Translators"]),
        ("skill=knitting", []),
    ],
)
async def test_the_volunteer_board_filters(
    live: LiveNode, peer: Peer, query: str, expected: list[str]
) -> None:
    page = await get(live, f"/calls?{query}")
    assert card_names(page) == expected
