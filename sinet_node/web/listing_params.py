"""Query strings of the listing pages, read defensively.

Whatever a visitor or a crawler puts in a query string gives a normal page or a 400 problem,
never an error: text is cut to size and stripped of control characters (broken UTF-8 has
already become U+FFFD), an unknown filter value simply matches nothing, a page past the end
is an empty page. Only a malformed page number, month or date is refused (400).

Exceptions: HTTPProblem (400) from ``page_number``, ``month`` and ``day``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Final

from starlette.datastructures import QueryParams

from sinet_node.storage.catalogue_entry import MAX_VALUE_LENGTH, facet_value
from sinet_node.web.problem import HTTPProblem

MAX_TEXT: Final = 500  # a longer q is cut; query_words uses its start anyway
MAX_PAGE: Final = 100_000
# Calendars make sense within these years; beyond them date arithmetic would overflow.
FIRST_YEAR: Final = 1900
LAST_YEAR: Final = 2200
_CONTROL: Final = re.compile(r"[\x00-\x1f\x7f]")
_MONTH: Final = re.compile(r"^(\d{4})-(\d{2})$")


def text(params: QueryParams, name: str, limit: int = MAX_TEXT) -> str:
    value = params.get(name) or ""
    return " ".join(_CONTROL.sub(" ", value[: limit * 2]).split())[:limit]


def filters(params: QueryParams, names: tuple[str, ...]) -> dict[str, str]:
    """The facet filters given, normalised as the catalogue stores them; empty ones left out."""
    chosen = {}
    for name in names:
        raw = text(params, name, MAX_VALUE_LENGTH)
        if raw:
            chosen[name] = facet_value(name, raw)
    return chosen


def page_number(params: QueryParams) -> int:
    raw = params.get("page") or "1"
    if not (len(raw) <= 6 and raw.isascii() and raw.isdigit() and 1 <= int(raw) <= MAX_PAGE):
        raise HTTPProblem(400, f"page must be a whole number from 1 to {MAX_PAGE}")
    return int(raw)


def month(params: QueryParams, default: date) -> date:
    """The first day of the month asked for (?month=2027-03), or of `default`'s month."""
    raw = params.get("month")
    if not raw:
        return default.replace(day=1)
    match = _MONTH.match(raw)
    if (
        match is None
        or not FIRST_YEAR <= int(match[1]) <= LAST_YEAR
        or not 1 <= int(match[2]) <= 12
    ):
        raise HTTPProblem(
            400, f"month must be YEAR-MONTH like 2027-03, between {FIRST_YEAR} and {LAST_YEAR}"
        )
    return date(int(match[1]), int(match[2]), 1)


def day(params: QueryParams, name: str) -> date | None:
    """An optional ISO date (a date input's value); 400 when it is not one."""
    raw = params.get(name)
    if not raw:
        return None
    try:
        value = date.fromisoformat(raw) if len(raw) == 10 else None
    except ValueError:
        value = None
    if value is None or not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise HTTPProblem(400, f"{name} must be a date like 2027-05-31")
    return value


@dataclass(frozen=True)
class Pages:
    """Paging arithmetic for one listing."""

    number: int
    size: int
    total: int

    @property
    def offset(self) -> int:
        return (self.number - 1) * self.size

    @property
    def last(self) -> int:
        return max(1, -(-self.total // self.size))

    @property
    def past_the_end(self) -> bool:
        return self.number > self.last
