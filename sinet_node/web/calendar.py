"""The month calendar: weeks of days, each event on the days it runs in its own time zone.

An event is placed by its local date where it happens (its `timezone`, else the offset its
start was written with), not by the visitor's or the server's: a webinar at 23:30 in Skopje
on 31 March is on 31 March, although it is already April in UTC+3 and still 31 March in UTC.

Exceptions: none.
"""

from __future__ import annotations

import calendar
import contextlib
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sinet_node.storage.objects import parse_time

# An event spanning more days than this is shown on its first days only.
MAX_SPAN_DAYS = 62
# Local dates differ from UTC ones by at most 14 hours: widen the database query by a day.
MARGIN = timedelta(days=1)


@dataclass(frozen=True)
class Placed:
    row: Any  # the StoredObject
    start: datetime  # in the event's own zone
    end: datetime | None
    zone: str  # the IANA name, or the UTC offset it was written with


@dataclass
class Day:
    day: date
    in_month: bool
    today: bool
    events: list[Placed] = field(default_factory=list)


def zone(name: str) -> tzinfo:
    """The IANA zone by name; UTC for a name this machine does not know."""
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def local_times(document: dict[str, Any]) -> Placed | None:
    """Start and end in the event's own zone; None for a document without a usable start."""
    start = parse_time(document.get("startTime"))
    if start is None:
        return None
    end = parse_time(document.get("endTime"))
    zone_name = document.get("timezone")
    zone: Any = start.tzinfo
    if isinstance(zone_name, str):
        with contextlib.suppress(ZoneInfoNotFoundError, ValueError):
            zone = ZoneInfo(zone_name)
    label = zone_name if isinstance(zone, ZoneInfo) else start.strftime("UTC%z")
    return Placed(
        row=None,
        start=start.astimezone(zone),
        end=end.astimezone(zone) if end else None,
        zone=str(label),
    )


def _days_of(placed: Placed) -> list[date]:
    first = placed.start.date()
    # An event ending at midnight does not run on the next day.
    last = (placed.end - timedelta(microseconds=1)).date() if placed.end else first
    span = min(max((last - first).days, 0), MAX_SPAN_DAYS)
    return [first + timedelta(days=offset) for offset in range(span + 1)]


def month_range(first: date) -> tuple[datetime, datetime]:
    """UTC bounds wide enough to hold every event whose local dates fall in the month."""
    start = datetime.combine(first, datetime.min.time(), ZoneInfo("UTC"))
    return start - MARGIN, datetime.combine(
        shift(first, 1), datetime.min.time(), ZoneInfo("UTC")
    ) + MARGIN


def shift(first: date, months: int) -> date:
    index = first.year * 12 + first.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def weeks(first: date, rows: list[Any], today: date) -> list[list[Day]]:
    """Monday-first weeks covering the month, with the events placed on their local days."""
    grid = calendar.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month)
    days = {day: Day(day, day.month == first.month, day == today) for week in grid for day in week}
    for row in rows:
        placed = local_times(row.document)
        if placed is None:
            continue
        placed = Placed(row, placed.start, placed.end, placed.zone)
        for day in _days_of(placed):
            if day in days:
                days[day].events.append(placed)
    for cell in days.values():
        cell.events.sort(key=lambda placed: placed.start.time())
    return [[days[day] for day in week] for week in grid]
