"""When an event happens, in the event's own time zone, as people and calendars read it (pure).

A visitor in another country must see the time the organiser means, with the zone said out
loud: "Thursday 29 April 2027, 10:00-14:00 (Europe/Skopje, UTC+02:00)", with an en dash, in
the reader's language (``describe``). An
event that runs from midnight to midnight is an all-day event (one day or several) and shows
dates only; the calendar feed writes it as DATE values so calendar apps put it in the all-day
row.

An event without a known IANA zone (a peer that sends none, or one we do not know) is shown in
the offset its start time was written with.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sinet_node.web.i18n.localiser import Localiser

_MIDNIGHT = time(0, 0)
_LAST_SECOND = time(23, 59, 59)


def zone_of(name: str | None) -> ZoneInfo | None:
    """The IANA zone called `name`, or None when there is no such zone."""
    if not name:
        return None
    with contextlib.suppress(ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(name)
    return None


def offset_label(moment: datetime) -> str:
    """'UTC+02:00', 'UTC-03:30', or 'UTC' for a zero offset."""
    offset = moment.utcoffset() or timedelta(0)
    if not offset:
        return "UTC"
    sign = "-" if offset < timedelta(0) else "+"
    minutes = abs(int(offset.total_seconds())) // 60
    return f"UTC{sign}{minutes // 60:02d}:{minutes % 60:02d}"


@dataclass(frozen=True)
class EventTime:
    """Start and end in the display zone, and whether the event takes whole days."""

    start: datetime
    end: datetime | None
    zone: tzinfo
    zone_name: str | None
    all_day: bool

    @property
    def first_day(self) -> date:
        return self.start.date()

    @property
    def last_day(self) -> date:
        """The last day the event takes place on (an all-day end at midnight is exclusive)."""
        if self.end is None:
            return self.first_day
        if self.all_day and self.end.time() == _MIDNIGHT:
            return self.end.date() - timedelta(days=1)
        return self.end.date()

    @property
    def zone_label(self) -> str:
        """'Europe/Skopje, UTC+02:00' or just 'UTC+02:00' when the zone has no name."""
        offset = offset_label(self.start)
        return f"{self.zone_name}, {offset}" if self.zone_name else offset

    def has_ended(self, now: datetime) -> bool:
        return (self.end or self.start) <= now


def describe(when: EventTime, l10n: Localiser) -> str:
    """The whole span for people in the page's language, without the zone (templates add
    `zone_label`): 'Thursday 29 April 2027, 10:00\u201314:00' (with an en dash)."""
    first, last = when.first_day, when.last_day
    if when.all_day:
        if first == last:
            return l10n.gettext("%(day)s (all day)") % {"day": l10n.day(first)}
        return f"{l10n.day(first, year=first.year != last.year)} \u2013 {l10n.day(last)}"
    start = f"{l10n.day(first)}, {l10n.time(when.start)}"
    if when.end is None:
        return start
    if first == last:
        return f"{start}\u2013{l10n.time(when.end)}"
    return f"{start} \u2013 {l10n.day(last)}, {l10n.time(when.end)}"


def _ends_a_day(moment: datetime) -> bool:
    return moment.time().replace(microsecond=0) in (_MIDNIGHT, _LAST_SECOND)


def event_time(start: datetime, end: datetime | None, zone_name: str | None) -> EventTime:
    """`start` and `end` (aware) seen from the event's zone; an unknown zone keeps the offset."""
    zone = zone_of(zone_name)
    display: tzinfo = zone or start.tzinfo or UTC
    local_start = start.astimezone(display)
    local_end = end.astimezone(display) if end is not None else None
    all_day = (
        local_end is not None
        and local_end > local_start
        and local_start.time() == _MIDNIGHT
        and _ends_a_day(local_end)
    )
    if all_day and local_end is not None and local_end.time() != _MIDNIGHT:
        # 23:59:59 means "to the end of that day": the same as the next midnight.
        next_day = local_end.date() + timedelta(days=1)
        local_end = datetime.combine(next_day, _MIDNIGHT, tzinfo=display)
    return EventTime(
        start=local_start,
        end=local_end,
        zone=display,
        zone_name=zone_name if zone is not None else None,
        all_day=all_day,
    )
