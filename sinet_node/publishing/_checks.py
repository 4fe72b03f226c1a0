"""Checks for single values of `publish` input, each failing with a one-line InputError.

Every check takes the key it is checking (a dotted path such as `location.name`) so that the
message can name it (`event: 'endTime' must be ...`) and a form can show it next to the field.

Exceptions: InputError (from .errors).
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Any, Final
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .errors import InputError, Problem

DATETIME_EXAMPLE: Final = "2027-04-30T18:00:00+02:00"
# language[-Script][-REGION][-variant...]: the BCP 47 shapes people actually write.
_LANGUAGE_TAG: Final = re.compile(
    r"(?P<lang>[a-z]{2,3})(?:-(?P<script>[a-z]{4}))?(?:-(?P<region>[a-z]{2}|\d{3}))?"
    r"(?P<variants>(?:-(?:[a-z\d]{5,8}|\d[a-z\d]{3}))*)",
    re.IGNORECASE,
)
# Codes people reach for that ISO 3166-1 spells differently.
_COUNTRY_HINTS: Final = {"UK": "GB", "EL": "GR"}
_HASHTAG: Final = re.compile(r"\w+")


def shown(value: Any, limit: int = 40) -> str:
    """A short, one-line rendering of a user's value for a message."""
    text = repr(value) if isinstance(value, str) else type(value).__name__
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, int | float):
        text = repr(value)
    elif value is None:
        text = "null"
    elif isinstance(value, list):
        text = "a list"
    elif isinstance(value, dict):
        text = "an object"
    # repr() already escapes line breaks, so the message stays on one line.
    return text if len(text) <= limit else text[: limit - 1] + "…"


class Checker:
    """The value checks for one kind of publication (the kind starts every message)."""

    def __init__(self, kind: str) -> None:
        self.kind = kind

    def fail(self, key: str, problem: str, *, plainly: str | None = None) -> InputError:
        """The error for `key`; `plainly` says the same without naming other keys, for a
        form where those keys are fields with labels."""
        return InputError(f"{self.kind}: '{key}' {problem}", [Problem(key, plainly or problem)])

    def text(self, key: str, value: Any, max_chars: int = 500) -> str:
        if not isinstance(value, str) or not value.strip():
            raise self.fail(key, f"must be non-empty text, not {shown(value)}")
        text = value.strip()
        if len(text) > max_chars:
            raise self.fail(key, f"is {len(text)} characters long; keep it to {max_chars}")
        return text

    def texts(self, key: str, value: Any, max_chars: int = 200) -> tuple[str, ...]:
        if not isinstance(value, list):
            raise self.fail(key, f'must be a list of text, like ["a", "b"], not {shown(value)}')
        items = []
        for index, item in enumerate(value):
            items.append(self.text(f"{key}[{index}]", item, max_chars))
        return tuple(items)

    def url(self, key: str, value: Any) -> str:
        example = "https://example.org/page"
        if not isinstance(value, str):
            raise self.fail(key, f"must be an http(s) URL like {example}, not {shown(value)}")
        text = value.strip()
        try:
            parts = urlsplit(text)
            scheme, host = parts.scheme, parts.hostname
        except ValueError:
            scheme, host = "", None
        if scheme not in ("http", "https") or not host or any(c.isspace() for c in text):
            raise self.fail(key, f"must be an http(s) URL like {example}, not {shown(value)}")
        return text

    def urls(self, key: str, value: Any) -> tuple[str, ...]:
        if not isinstance(value, list):
            raise self.fail(key, f"must be a list of http(s) URLs, not {shown(value)}")
        return tuple(self.url(f"{key}[{index}]", item) for index, item in enumerate(value))

    def datetime(self, key: str, value: Any) -> dt.datetime:
        problem = f"must be an ISO 8601 date-time with an offset, like {DATETIME_EXAMPLE}"
        if not isinstance(value, str):
            raise self.fail(key, f"{problem}, not {shown(value)}")
        try:
            parsed = dt.datetime.fromisoformat(value.strip()) if len(value.strip()) > 10 else None
        except ValueError:
            parsed = None
        if parsed is None or parsed.utcoffset() is None:
            raise self.fail(key, f"{problem}, not {shown(value)}")
        return parsed

    def end_of_day_or_datetime(self, key: str, value: Any, zone: str) -> dt.datetime:
        """A date-time with an offset, or a bare date meaning 23:59:59 that day in `zone`."""
        if isinstance(value, str) and len(value.strip()) == 10:
            try:
                day = dt.date.fromisoformat(value.strip())
            except ValueError:
                day = None
            if day is not None:
                return dt.datetime.combine(day, dt.time(23, 59, 59), ZoneInfo(zone))
        problem = (
            f"must be a date like 2027-05-31 or a date-time with an offset, like {DATETIME_EXAMPLE}"
        )
        if not isinstance(value, str):
            raise self.fail(key, f"{problem}, not {shown(value)}")
        try:
            parsed = dt.datetime.fromisoformat(value.strip())
        except ValueError:
            raise self.fail(key, f"{problem}, not {shown(value)}") from None
        if parsed.utcoffset() is None:
            raise self.fail(key, f"{problem}, not {shown(value)}")
        return parsed

    def timezone(self, key: str, value: Any) -> str:
        problem = "must be an IANA time zone name like Europe/Skopje or Europe/Rome"
        if not isinstance(value, str) or not value.strip():
            raise self.fail(key, f"{problem}, not {shown(value)}")
        name = value.strip()
        try:
            ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError, OSError):
            raise self.fail(key, f"{problem}, not {shown(value)}") from None
        return name

    def language(self, key: str, value: Any) -> str:
        problem = "must be a BCP 47 language tag like mk, it, hr, es or en-GB"
        if not isinstance(value, str):
            raise self.fail(key, f"{problem}, not {shown(value)}")
        match = _LANGUAGE_TAG.fullmatch(value.strip().replace("_", "-"))
        if match is None:
            raise self.fail(key, f"{problem}, not {shown(value)}")
        # The canonical casing: language lower, Script title, REGION upper.
        tag = match["lang"].lower()
        if match["script"]:
            tag += "-" + match["script"].title()
        if match["region"]:
            tag += "-" + match["region"].upper()
        return tag + match["variants"].lower()

    def country(self, key: str, value: Any) -> str:
        problem = "must be an ISO 3166-1 alpha-2 country code: two letters like MK, IT, HR or ES"
        if not isinstance(value, str):
            raise self.fail(key, f"{problem}, not {shown(value)}")
        code = value.strip().upper()
        if code in _COUNTRY_HINTS:
            raise self.fail(key, f"must be an ISO 3166-1 alpha-2 code: use {_COUNTRY_HINTS[code]}")
        if len(code) != 2 or not code.isascii() or not code.isalpha():
            raise self.fail(key, f"{problem}, not {shown(value)}")
        return code

    def choice(self, key: str, value: Any, allowed: tuple[str, ...]) -> str:
        normal = (
            value.strip().lower().replace(" ", "_").replace("-", "_")
            if isinstance(value, str)
            else None
        )
        for option in allowed:
            if normal == option.lower():
                return option
        raise self.fail(key, f"must be one of {', '.join(allowed)}, not {shown(value)}")

    def count(self, key: str, value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise self.fail(key, f"must be a whole number of 1 or more, not {shown(value)}")
        return value

    def number(self, key: str, value: Any, low: float, high: float) -> float:
        if (
            isinstance(value, bool)
            or not isinstance(value, int | float)
            or not low <= value <= high
        ):
            raise self.fail(key, f"must be a number from {low:g} to {high:g}, not {shown(value)}")
        return float(value)

    def boolean(self, key: str, value: Any) -> bool:
        if not isinstance(value, bool):
            raise self.fail(key, f"must be true or false, not {shown(value)}")
        return value

    def hashtags(self, key: str, value: Any) -> tuple[str, ...]:
        names: list[str] = []
        for index, item in enumerate(self.texts(key, value, max_chars=100)):
            name = hashtag_name(item)
            if name is None:
                raise self.fail(
                    f"{key}[{index}]",
                    f"cannot be a hashtag: use letters, digits and _, like SocialInclusion, "
                    f"not {shown(item)}",
                )
            if name.casefold() not in (known.casefold() for known in names):
                names.append(name)
        return tuple(names)


def hashtag_name(text: str) -> str | None:
    """The hashtag for a tag or skill ('#youth work' -> 'YouthWork'), or None if it has none.

    Mastodon links only letters, digits and _ and wants at least one non-digit; words joined
    in CamelCase stay readable (and read out correctly by screen readers).
    """
    text = unicodedata.normalize("NFC", text).strip().lstrip("#")
    words = [word for word in re.split(r"[\s\-]+", text) if word]
    if len(words) > 1:
        words = [word[:1].upper() + word[1:] for word in words]
    name = "".join(words)
    if not _HASHTAG.fullmatch(name) or name.replace("_", "").isdigit() or len(name) > 100:
        return None
    return name
