"""The input of `sinet-node publish` / `update`: checked, normalised, turned into a Draft.

The keys are those of CLI.md, per kind:

    all kinds   required: name, summary, content (Markdown)
                optional: image, image_alt, language, translations
    practice    required: tags, challenge, country
                optional: target_groups, city, innovation_type, evidence_level,
                          toolkit_urls, partners
    event       required: startTime, endTime, and location and/or online_url
                optional: timezone, tags, event_type, join_mode, capacity, status
    call        required: skills, closes, and location, online_url or "remote": true
                optional: time_commitment, how_to_respond, volunteers_needed, tags

An unknown key is refused (it is nearly always a typo) with the closest allowed key and the full
list. A null value counts as an absent key. Every failure is one line that names the key.

Every key is checked even after one fails, so that the error carries all the problems of the
input at once (a form shows each next to its field); the message is the first problem's line.

Exceptions:
    InputError(ValueError): from .errors; the one-line message names the key and what to fix,
        `problems` lists every problem with its key.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Mapping
from functools import partial
from typing import Any, Final, TypeVar

from sinet_node.objects.publication import Place, PostalAddress
from sinet_node.objects.vocab import (
    EVENT_STATUSES,
    EVENT_TYPES,
    EVIDENCE_LEVELS,
    INNOVATION_TYPES,
    JOIN_MODES,
)

from ._checks import DATETIME_EXAMPLE, Checker, shown
from .draft import CallDraft, Draft, EventDraft, PracticeDraft, Translation
from .errors import InputError, Problem

__all__ = ["InputError", "allowed_keys", "parse_publication_input"]

_COMMON_REQUIRED: Final = ("name", "summary", "content")
_COMMON_OPTIONAL: Final = ("image", "image_alt", "language", "translations")
REQUIRED_KEYS: Final[Mapping[str, tuple[str, ...]]] = {
    "practice": ("tags", "challenge", "country"),
    "event": ("startTime", "endTime"),
    "call": ("skills", "closes"),
}
OPTIONAL_KEYS: Final[Mapping[str, tuple[str, ...]]] = {
    "practice": (
        "target_groups", "city", "innovation_type", "evidence_level", "toolkit_urls", "partners",
    ),
    "event": (
        "timezone", "location", "online_url", "tags", "event_type", "join_mode", "capacity",
        "status",
    ),
    "call": (
        "location", "online_url", "remote", "time_commitment", "how_to_respond",
        "volunteers_needed", "tags",
    ),
}  # fmt: skip
# What to write, for the message about a missing key.
_HINTS: Final = {
    "name": "the title, as text",
    "summary": "a short plain-text teaser",
    "content": "the full description, in Markdown",
    "tags": 'a list of hashtags, like ["SocialInclusion", "YouthWork"]',
    "challenge": "the social challenge, e.g. youth unemployment",
    "country": "an ISO 3166-1 alpha-2 code, e.g. MK",
    "startTime": f"an ISO 8601 date-time with an offset, like {DATETIME_EXAMPLE}",
    "endTime": f"an ISO 8601 date-time with an offset, like {DATETIME_EXAMPLE}",
    "skills": 'a list like ["cooking", "graphic design"]',
    "closes": "a date like 2027-05-31 or a date-time with an offset",
}
_PLACE_KEYS: Final = ("name", "address", "latitude", "longitude")
_ADDRESS_KEYS: Final = {
    "streetAddress": "street_address",
    "addressLocality": "locality",
    "addressRegion": "region",
    "postalCode": "postal_code",
    "addressCountry": "country",
}
_TRANSLATION_KEYS: Final = ("name", "summary", "content")
_MAX_NAME: Final = 200
_MAX_SUMMARY: Final = 500
_MAX_CONTENT: Final = 100_000
# Mastodon keeps at most 1,500 characters of an image description.
_MAX_ALT: Final = 1500
T = TypeVar("T")


def allowed_keys(kind: str) -> tuple[str, ...]:
    """Every key `publish` accepts for `kind`, required ones first."""
    return _COMMON_REQUIRED + REQUIRED_KEYS[kind] + _COMMON_OPTIONAL + OPTIONAL_KEYS[kind]


def _unknown_keys(checker: Checker, keys: list[str], allowed: tuple[str, ...], where: str) -> None:
    unknown = sorted(key for key in keys if key not in allowed)
    if not unknown:
        return
    first = unknown[0]
    guess = difflib.get_close_matches(first, allowed, n=1)
    hint = f" (did you mean '{guess[0]}'?)" if guess else ""
    names = ", ".join(f"'{key}'" for key in unknown)
    label = "key" if len(unknown) == 1 else "keys"
    prefix = f"'{where}' has unknown" if where else "unknown"
    allowed_list = ", ".join(sorted(allowed))
    raise InputError(
        f"{checker.kind}: {prefix} {label} {names}{hint}; allowed keys: {allowed_list}"
    )


class _Gathered:
    """The checks of one input, run to the end: each InputError is kept, not raised at once."""

    def __init__(self, given: dict[str, Any]) -> None:
        self.given = given
        self.errors: list[InputError] = []

    def run(self, check: Callable[[], T]) -> T | None:
        """`check()`, or None when it fails (the failure is kept)."""
        try:
            return check()
        except InputError as exc:
            self.errors.append(exc)
            return None

    def key(self, key: str, check: Callable[[Any], T]) -> T | None:
        """`check(value)` of `key`; None when the input has no such key or the check fails."""
        if key not in self.given:
            return None
        return self.run(lambda: check(self.given[key]))

    def add(self, error: InputError) -> None:
        self.errors.append(error)

    def raise_any(self) -> None:
        if self.errors:
            raise InputError.combined(self.errors)


def _object(checker: Checker, key: str, value: Any, example: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise checker.fail(key, f"must be an object like {example}, not {shown(value)}")
    return {str(name): item for name, item in value.items() if item is not None}


def _place(checker: Checker, value: Any) -> Place:
    data = _object(
        checker, "location", value, '{"name": "Youth Centre", "address": "Ulica 5, Ohrid"}'
    )
    _unknown_keys(checker, list(data), _PLACE_KEYS, "location")
    address: PostalAddress | str | None = None
    raw_address = data.get("address")
    if isinstance(raw_address, dict):
        parts = _object(checker, "location.address", raw_address, "{}")
        _unknown_keys(checker, list(parts), tuple(_ADDRESS_KEYS), "location.address")
        address = PostalAddress(
            **{
                _ADDRESS_KEYS[key]: checker.text(f"location.address.{key}", item, 200)
                for key, item in parts.items()
            }
        )
    elif raw_address is not None:
        address = checker.text("location.address", raw_address, 300)
    latitude, longitude = data.get("latitude"), data.get("longitude")
    if (latitude is None) != (longitude is None):
        raise checker.fail(
            "location",
            "needs both 'latitude' and 'longitude', or neither",
            plainly="needs both a latitude and a longitude, or neither",
        )
    return Place(
        name=checker.text("location.name", data.get("name"), _MAX_NAME),
        address=address,
        latitude=None
        if latitude is None
        else checker.number("location.latitude", latitude, -90, 90),
        longitude=None
        if longitude is None
        else checker.number("location.longitude", longitude, -180, 180),
    )


def _translation(
    checker: Checker, lang: str, entry: Any, language: str | None, seen: dict[str, Translation]
) -> tuple[str, Translation]:
    key = f"translations.{lang}"
    tag = checker.language(key, lang)
    if tag == language:
        raise checker.fail(
            key,
            "is the main language: its text goes in name, summary, content",
            plainly="is the main language: choose another for a translation",
        )
    if tag in seen:
        raise checker.fail(key, f"repeats the language {tag}")
    texts = _object(checker, key, entry, '{"name": "...", "summary": "...", "content": "..."}')
    _unknown_keys(checker, list(texts), _TRANSLATION_KEYS, key)
    if not texts:
        raise checker.fail(
            key,
            "needs at least one of 'name', 'summary', 'content'",
            plainly="needs a title, a summary or a description",
        )
    limits = {"name": _MAX_NAME, "summary": _MAX_SUMMARY, "content": _MAX_CONTENT}
    return tag, Translation(
        **{name: checker.text(f"{key}.{name}", text, limits[name]) for name, text in texts.items()}
    )


def _translations(
    checker: Checker, gathered: _Gathered, value: Any, language: str | None
) -> dict[str, Translation]:
    """Each language checked on its own, so that every wrong one is reported."""
    example = '{"it": {"name": "...", "summary": "...", "content": "..."}}'
    data = _object(checker, "translations", value, example)
    result: dict[str, Translation] = {}
    for lang, entry in data.items():
        checked = gathered.run(partial(_translation, checker, lang, entry, language, result))
        if checked is not None:
            result[checked[0]] = checked[1]
    return result


def _image(checker: Checker, value: Any) -> str:
    image = checker.text("image", value, 2000)
    if "://" in image:
        checker.url("image", image)
    return image


def _missing(kind: str, missing: list[str]) -> InputError:
    if len(missing) == 1:
        message = f"{kind}: missing required key '{missing[0]}' ({_HINTS[missing[0]]})"
    else:
        message = f"{kind}: missing required keys {', '.join(repr(k) for k in missing)}"
    return InputError(message, [Problem(key, "is required") for key in missing])


def parse_publication_input(
    kind: str, data: object, *, default_language: str, default_timezone: str
) -> Draft:
    """The checked Draft for `publish KIND FILE.json`'s parsed JSON, or InputError."""
    if kind not in REQUIRED_KEYS:
        raise InputError(f"unknown kind {shown(kind)}: use practice, event or call")
    checker = Checker(kind)
    if not isinstance(data, dict):
        raise InputError(f"{kind}: the input must be a JSON object, not {shown(data)}")
    given = {str(key): value for key, value in data.items() if value is not None}
    _unknown_keys(checker, list(given), allowed_keys(kind), "")
    gathered = _Gathered(given)
    missing = [key for key in _COMMON_REQUIRED + REQUIRED_KEYS[kind] if key not in given]
    if missing:
        gathered.add(_missing(kind, missing))

    language = gathered.run(
        lambda: checker.language("language", given.get("language", default_language))
    )
    values: dict[str, Any] = {
        "name": gathered.key("name", lambda v: checker.text("name", v, _MAX_NAME)),
        "summary": gathered.key("summary", lambda v: checker.text("summary", v, _MAX_SUMMARY)),
        "content": gathered.key("content", lambda v: checker.text("content", v, _MAX_CONTENT)),
        "language": language,
        "image": gathered.key("image", lambda v: _image(checker, v)),
        "image_alt": gathered.key("image_alt", lambda v: checker.text("image_alt", v, _MAX_ALT)),
        "translations": gathered.key(
            "translations", lambda v: _translations(checker, gathered, v, language)
        )
        or {},
        "tags": gathered.key("tags", lambda v: checker.hashtags("tags", v)) or (),
    }
    draft_class: type[Draft]
    if kind == "practice":
        draft_class = PracticeDraft
        values |= _practice(checker, gathered)
    elif kind == "event":
        draft_class = EventDraft
        values |= _event(checker, gathered, default_timezone)
    else:
        draft_class = CallDraft
        values |= _call(checker, gathered, default_timezone)
    gathered.raise_any()
    return draft_class(**values)


def _practice(checker: Checker, gathered: _Gathered) -> dict[str, Any]:
    key = gathered.key
    return {
        "challenge": key("challenge", lambda v: checker.text("challenge", v)),
        "country": key("country", lambda v: checker.country("country", v)),
        "target_groups": key("target_groups", lambda v: checker.texts("target_groups", v)) or (),
        "city": key("city", lambda v: checker.text("city", v)),
        "innovation_type": key(
            "innovation_type", lambda v: checker.choice("innovation_type", v, INNOVATION_TYPES)
        ),
        "evidence_level": key(
            "evidence_level", lambda v: checker.choice("evidence_level", v, EVIDENCE_LEVELS)
        ),
        "toolkit_urls": key("toolkit_urls", lambda v: checker.urls("toolkit_urls", v)) or (),
        "partners": key("partners", lambda v: checker.texts("partners", v)) or (),
    }


def _where(checker: Checker, gathered: _Gathered, *, remote_allowed: bool) -> dict[str, Any]:
    given = gathered.given
    place = gathered.key("location", lambda v: _place(checker, v))
    online_url = gathered.key("online_url", lambda v: checker.url("online_url", v))
    remote = gathered.key("remote", lambda v: checker.boolean("remote", v))
    # A wrong 'location', 'online_url' or 'remote' is reported on its own.
    if "location" not in given and "online_url" not in given and remote in (None, False):
        if "remote" in given and remote is None:
            return {"place": None, "online_url": None}
        place_hint = '\'location\' {"name", "address"} for a place'
        if remote_allowed:
            message = (
                f"{checker.kind}: give {place_hint}, 'online_url' for online help, "
                f'or "remote": true'
            )
            text = "give a place, a link for online help, or say that the help is remote"
        else:
            message = (
                f"{checker.kind}: give {place_hint}, 'online_url' for an online event, or both"
            )
            text = "give a place, a link for an online event, or both"
        gathered.add(InputError(message, [Problem("location", text)]))
    where: dict[str, Any] = {"place": place, "online_url": online_url}
    if remote_allowed:
        where["remote"] = bool(remote)
    return where


def _event(checker: Checker, gathered: _Gathered, default_timezone: str) -> dict[str, Any]:
    given, key = gathered.given, gathered.key
    start = key("startTime", lambda v: checker.datetime("startTime", v))
    end = key("endTime", lambda v: checker.datetime("endTime", v))
    if start is not None and end is not None and end <= start:
        gathered.add(
            checker.fail(
                "endTime",
                f"must be after 'startTime' ({start.isoformat()})",
                plainly="must be after the start",
            )
        )
    return {
        "start_time": start,
        "end_time": end,
        "timezone": gathered.run(
            lambda: checker.timezone("timezone", given.get("timezone", default_timezone))
        ),
        **_where(checker, gathered, remote_allowed=False),
        "event_type": key("event_type", lambda v: checker.choice("event_type", v, EVENT_TYPES)),
        "join_mode": gathered.run(
            lambda: checker.choice("join_mode", given.get("join_mode", "free"), JOIN_MODES)
        ),
        "capacity": key("capacity", lambda v: checker.count("capacity", v)),
        "status": gathered.run(
            lambda: checker.choice("status", given.get("status", "CONFIRMED"), EVENT_STATUSES)
        ),
    }


def _call(checker: Checker, gathered: _Gathered, default_timezone: str) -> dict[str, Any]:
    key = gathered.key
    zone = gathered.run(lambda: checker.timezone("timezone", default_timezone))
    where = _where(checker, gathered, remote_allowed=True)
    skills = key("skills", lambda v: checker.texts("skills", v, 100))
    closes = (
        key("closes", lambda v: checker.end_of_day_or_datetime("closes", v, zone))
        if zone is not None
        else None
    )
    return {
        **where,
        "skills": skills,
        "closes": closes,
        "time_commitment": key("time_commitment", lambda v: checker.text("time_commitment", v)),
        "how_to_respond": key("how_to_respond", lambda v: checker.text("how_to_respond", v)),
        "volunteers_needed": key(
            "volunteers_needed", lambda v: checker.count("volunteers_needed", v)
        ),
    }
