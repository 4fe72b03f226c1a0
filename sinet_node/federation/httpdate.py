"""HTTP dates (RFC 9110 §5.6.7): format IMF-fixdate, parse it strictly or leniently.

Signatures cover the ``Date`` header, so it is written and read in exactly one
form (IMF-fixdate, ``Sun, 06 Nov 1994 08:49:37 GMT``) without the locale
dependence of ``strftime("%a")``. ``Retry-After`` comes from arbitrary servers,
so ``parse_http_date`` also accepts the obsolete RFC 850 and asctime forms.

Errors: none raised; the parsers return ``None`` for text they cannot read, and
the formatter raises ``ValueError`` for a naive datetime (a programming error).
"""

from __future__ import annotations

import email.utils
import re
from datetime import UTC, datetime

_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_IMF_FIXDATE = re.compile(
    r"(?P<wday>Mon|Tue|Wed|Thu|Fri|Sat|Sun), (?P<day>\d{2}) (?P<month>[A-Z][a-z]{2}) "
    r"(?P<year>\d{4}) (?P<hour>\d{2}):(?P<minute>\d{2}):(?P<second>\d{2}) GMT"
)


def format_http_date(moment: datetime) -> str:
    """IMF-fixdate in UTC; sub-second precision is dropped."""
    if moment.tzinfo is None:
        raise ValueError("format_http_date needs an aware datetime")
    utc = moment.astimezone(UTC)
    return (
        f"{_DAYS[utc.weekday()]}, {utc.day:02d} {_MONTHS[utc.month - 1]} {utc.year:04d} "
        f"{utc.hour:02d}:{utc.minute:02d}:{utc.second:02d} GMT"
    )


def parse_imf_fixdate(value: str) -> datetime | None:
    """Strict IMF-fixdate -> aware UTC datetime, or ``None``.

    The weekday name must be a real one but need not match the date: it carries
    no information, and rejecting on it would only punish a sloppy formatter.
    """
    match = _IMF_FIXDATE.fullmatch(value.strip())
    if match is None or match["month"] not in _MONTHS:
        return None
    try:
        return datetime(
            int(match["year"]),
            _MONTHS.index(match["month"]) + 1,
            int(match["day"]),
            int(match["hour"]),
            int(match["minute"]),
            int(match["second"]),
            tzinfo=UTC,
        )
    except ValueError:  # 31 Feb, hour 25 and the like
        return None


def parse_http_date(value: str) -> datetime | None:
    """Any of the three HTTP date forms -> aware UTC datetime, or ``None``."""
    strict = parse_imf_fixdate(value)
    if strict is not None:
        return strict
    try:
        parsed = email.utils.parsedate_to_datetime(value.strip())
    except (TypeError, ValueError, IndexError):
        return None
    if parsed.tzinfo is None:  # asctime carries no zone; HTTP dates are always GMT
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)
