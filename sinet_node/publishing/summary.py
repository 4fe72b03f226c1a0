"""The plain-text teaser in `summary`: all that Mastodon shows of our objects besides name and url.

Mastodon renders an Article, Page or Event as its name, its summary and its url, and ignores its
content; so the summary carries the author's teaser plus the facts a reader needs to act: for an
event when, where and how to join; for a call which skills, where, until when and how to answer;
for a practice the challenge and the place. Labels are English; dates are ISO-shaped so that they
read the same in every language.

Exceptions: none.
"""

from __future__ import annotations

from datetime import datetime, time
from typing import Final
from zoneinfo import ZoneInfo

from sinet_node.content.text import teaser
from sinet_node.objects.publication import Place, PostalAddress

from .draft import CallDraft, Draft, EventDraft, PracticeDraft

SUMMARY_LIMIT: Final = 500
# One fact line never crowds out the others or the author's teaser.
_LINE_LIMIT: Final = 120
# The author's teaser keeps at least this much room, however many fact lines there are.
_MIN_TEASER: Final = 150

_JOIN: Final = {
    "free": "free, open to all",
    "restricted": "registration needed, confirmed by the organiser",
    "invite": "by invitation",
    "external": "register on the organiser's page",
}


def address_text(address: PostalAddress | str | None) -> str:
    """'Ulica 5, 6000 Ohrid, North Macedonia': a postal address on one line."""
    if address is None or isinstance(address, str):
        return address or ""
    town = " ".join(part for part in (address.postal_code, address.locality) if part)
    parts = (address.street_address, town, address.region, address.country)
    return ", ".join(part for part in parts if part)


def place_text(place: Place) -> str:
    """'Youth Centre, Ulica 5, Ohrid': the name and the address on one line."""
    address = address_text(place.address)
    return f"{place.name}, {address}" if address and address not in place.name else place.name


def when_text(start: datetime, end: datetime, zone_name: str) -> str:
    """'2027-04-30 16:00-18:00 (Europe/Skopje)' (an en dash), in the event's own zone."""
    zone = ZoneInfo(zone_name)
    start, end = start.astimezone(zone), end.astimezone(zone)
    if start.date() == end.date():
        span = f"{start:%Y-%m-%d %H:%M}\u2013{end:%H:%M}"
    else:
        span = f"{start:%Y-%m-%d %H:%M} \u2013 {end:%Y-%m-%d %H:%M}"
    return f"{span} ({zone_name})"


def until_text(closes: datetime) -> str:
    """The closing date alone when it is the end of a day, else with its time and offset."""
    if closes.time().replace(microsecond=0) == time(23, 59, 59):
        return f"{closes:%Y-%m-%d}"
    offset = closes.strftime("%z")
    return f"{closes:%Y-%m-%d %H:%M} (UTC{offset[:3]}:{offset[3:]})"


def _event_lines(draft: EventDraft) -> list[str]:
    lines = []
    if draft.status == "CANCELLED":
        lines.append("CANCELLED")
    elif draft.status == "TENTATIVE":
        lines.append("To be confirmed")
    lines.append("When: " + when_text(draft.start_time, draft.end_time, draft.timezone))
    online = f"online ({draft.online_url})" if draft.online_url else ""
    if draft.place and online:
        lines.append(f"Where: {place_text(draft.place)}, and {online}")
    elif draft.place:
        lines.append(f"Where: {place_text(draft.place)}")
    else:
        lines.append(f"Where: {online}")
    join = _JOIN[draft.join_mode]
    if draft.capacity:
        join += f"; {draft.capacity} places"
    lines.append(f"Join: {join}")
    return lines


def _call_lines(draft: CallDraft) -> list[str]:
    lines = []
    if draft.skills:
        lines.append("Skills: " + ", ".join(draft.skills))
    where = [place_text(draft.place)] if draft.place else []
    if draft.online_url:
        where.append(f"online ({draft.online_url})")
    if draft.remote:
        where.append("remote, from anywhere")
    lines.append("Where: " + " or ".join(where))
    lines.append(f"Until: {until_text(draft.closes)}")
    if draft.volunteers_needed:
        lines.append(f"Volunteers needed: {draft.volunteers_needed}")
    if draft.time_commitment:
        lines.append(f"Time: {draft.time_commitment}")
    if draft.how_to_respond:
        lines.append(f"Respond: {draft.how_to_respond}")
    return lines


def _practice_lines(draft: PracticeDraft) -> list[str]:
    where = ", ".join(part for part in (draft.city, draft.country) if part)
    return [f"Challenge: {draft.challenge}", f"Where: {where}"]


def fact_lines(draft: Draft) -> list[str]:
    """The facts of a draft, one short line each, most important first."""
    if isinstance(draft, EventDraft):
        lines = _event_lines(draft)
    elif isinstance(draft, CallDraft):
        lines = _call_lines(draft)
    else:
        lines = _practice_lines(draft)
    return [teaser(line, _LINE_LIMIT) for line in lines]


def compose_summary(author_summary: str, facts: list[str], limit: int = SUMMARY_LIMIT) -> str:
    """The author's teaser, a blank line, then the facts: plain text of at most `limit` chars."""
    tail = "\n".join(facts)
    budget = max(limit - len(tail) - 2, _MIN_TEASER)
    head = teaser(author_summary, budget)
    return teaser("\n\n".join(part for part in (head, tail) if part), limit)
