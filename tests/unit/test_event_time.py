"""When an event happens, as its page says it: in the event's own zone, with whole days as
dates, and the offset named when the zone has no name."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from sinet_node.web.event_time import describe, event_time, offset_label
from sinet_node.web.i18n.localiser import ENGLISH

SKOPJE = ZoneInfo("Europe/Skopje")


def at(text: str) -> datetime:
    return datetime.fromisoformat(text)


@pytest.mark.parametrize(
    ("start", "end", "zone", "text", "label"),
    [
        # One afternoon, written in UTC, shown in Skopje's summer time.
        ("2027-04-29T08:00:00Z", "2027-04-29T12:00:00Z", "Europe/Skopje",
         "Thursday 29 April 2027, 10:00\u201314:00", "Europe/Skopje, UTC+02:00"),
        # Winter: the same zone, another offset.
        ("2027-01-14T09:00:00+01:00", "2027-01-14T10:30:00+01:00", "Europe/Skopje",
         "Thursday 14 January 2027, 09:00\u201310:30", "Europe/Skopje, UTC+01:00"),
        # Across midnight: both days said.
        ("2027-04-29T20:00:00+02:00", "2027-04-30T02:00:00+02:00", "Europe/Skopje",
         "Thursday 29 April 2027, 20:00 \u2013 Friday 30 April 2027, 02:00",
         "Europe/Skopje, UTC+02:00"),
        # Whole days: dates only; an end at midnight is exclusive, 23:59:59 inclusive.
        ("2027-07-05T00:00:00+02:00", "2027-07-06T00:00:00+02:00", "Europe/Skopje",
         "Monday 5 July 2027 (all day)", "Europe/Skopje, UTC+02:00"),
        ("2027-07-05T00:00:00+02:00", "2027-07-07T23:59:59+02:00", "Europe/Skopje",
         "Monday 5 July \u2013 Wednesday 7 July 2027", "Europe/Skopje, UTC+02:00"),
        ("2027-12-30T00:00:00+01:00", "2028-01-02T00:00:00+01:00", "Europe/Skopje",
         "Thursday 30 December 2027 \u2013 Saturday 1 January 2028", "Europe/Skopje, UTC+01:00"),
        # Midnight in UTC is not midnight in Skopje: not an all-day event there.
        ("2027-07-05T00:00:00Z", "2027-07-06T00:00:00Z", "Europe/Skopje",
         "Monday 5 July 2027, 02:00 \u2013 Tuesday 6 July 2027, 02:00",
         "Europe/Skopje, UTC+02:00"),
        # No zone, or one we do not know: the offset the start was written with.
        ("2027-05-20T18:00:00+05:30", "2027-05-20T19:00:00+05:30", None,
         "Thursday 20 May 2027, 18:00\u201319:00", "UTC+05:30"),
        ("2027-05-20T18:00:00-03:30", None, "Mars/Olympus_Mons",
         "Thursday 20 May 2027, 18:00", "UTC-03:30"),
        ("2027-05-20T18:00:00Z", None, "", "Thursday 20 May 2027, 18:00", "UTC"),
    ],
)  # fmt: skip
def test_event_time_reads_as_the_organiser_means(
    start: str, end: str | None, zone: str | None, text: str, label: str
) -> None:
    when = event_time(at(start), at(end) if end else None, zone)
    assert describe(when, ENGLISH) == text
    assert when.zone_label == label
    assert when.start == at(start)  # the same instant, only seen from another zone


def test_an_all_day_event_spans_its_days() -> None:
    when = event_time(at("2027-07-05T00:00:00+02:00"), at("2027-07-08T00:00:00+02:00"), None)
    assert when.all_day
    assert (when.first_day.isoformat(), when.last_day.isoformat()) == ("2027-07-05", "2027-07-07")


def test_an_event_has_ended_at_its_end_or_without_one_at_its_start() -> None:
    when = event_time(at("2027-04-29T10:00:00+02:00"), at("2027-04-29T14:00:00+02:00"), None)
    end = at("2027-04-29T12:00:00Z")
    assert not when.has_ended(end - timedelta(seconds=1))
    assert when.has_ended(end)
    open_ended = event_time(at("2027-04-29T10:00:00+02:00"), None, None)
    assert open_ended.has_ended(at("2027-04-29T08:00:00Z"))


@pytest.mark.parametrize(
    ("offset", "label"),
    [
        (timedelta(0), "UTC"),
        (timedelta(hours=2), "UTC+02:00"),
        (timedelta(hours=-9, minutes=-30), "UTC-09:30"),
        (timedelta(hours=5, minutes=45), "UTC+05:45"),
    ],
)
def test_offset_labels(offset: timedelta, label: str) -> None:
    assert offset_label(datetime(2027, 1, 1, tzinfo=timezone(offset))) == label
    assert offset_label(datetime(2027, 1, 1, tzinfo=UTC)) == "UTC"
