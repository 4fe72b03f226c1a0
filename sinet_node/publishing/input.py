"""The input of `sinet-node publish` / `update`: checked, normalised, turned into a Draft.

The keys are those of CLI.md, per kind:

    all kinds   required: name, summary, content (Markdown)
                optional: image, language, translations
    practice    required: tags, challenge, country
                optional: target_groups, city, innovation_type, evidence_level,
                          toolkit_urls, partners
    event       required: startTime, endTime, and location and/or online_url
                optional: timezone, tags, event_type, join_mode, capacity, status
    call        required: skills, closes, and location, online_url or "remote": true
                optional: time_commitment, how_to_respond, volunteers_needed, tags

An unknown key is refused (it is nearly always a typo) with the closest allowed key and the full
list. A null value counts as an absent key. Every failure is one line that names the key.

Exceptions:
    InputError(ValueError): from .errors; the one-line message names the key and what to fix.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from typing import Any, Final, cast

from sinet_node.objects.publication import Place, PostalAddress
from sinet_node.objects.vocab import (
    EVENT_STATUSES,
    EVENT_TYPES,
    EVIDENCE_LEVELS,
    INNOVATION_TYPES,
    JOIN_MODES,
    EventStatus,
    EventType,
    EvidenceLevel,
    InnovationType,
    JoinMode,
)

from ._checks import DATETIME_EXAMPLE, Checker, shown
from .draft import CallDraft, Draft, EventDraft, PracticeDraft, Translation
from .errors import InputError

__all__ = ["InputError", "allowed_keys", "parse_publication_input"]

_COMMON_REQUIRED: Final = ("name", "summary", "content")
_COMMON_OPTIONAL: Final = ("image", "language", "translations")
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
        raise checker.fail("location", "needs both 'latitude' and 'longitude', or neither")
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


def _translations(checker: Checker, value: Any, language: str) -> dict[str, Translation]:
    example = '{"it": {"name": "...", "summary": "...", "content": "..."}}'
    data = _object(checker, "translations", value, example)
    result: dict[str, Translation] = {}
    for lang, entry in data.items():
        key = f"translations.{lang}"
        tag = checker.language(key, lang)
        if tag == language:
            raise checker.fail(key, "is the main language: its text goes in name, summary, content")
        if tag in result:
            raise checker.fail(key, f"repeats the language {tag}")
        texts = _object(checker, key, entry, '{"name": "...", "summary": "...", "content": "..."}')
        _unknown_keys(checker, list(texts), _TRANSLATION_KEYS, key)
        if not texts:
            raise checker.fail(key, "needs at least one of 'name', 'summary', 'content'")
        limits = {"name": _MAX_NAME, "summary": _MAX_SUMMARY, "content": _MAX_CONTENT}
        result[tag] = Translation(
            **{
                name: checker.text(f"{key}.{name}", text, limits[name])
                for name, text in texts.items()
            }
        )
    return result


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
    missing = [key for key in _COMMON_REQUIRED + REQUIRED_KEYS[kind] if key not in given]
    if len(missing) == 1:
        raise InputError(f"{kind}: missing required key '{missing[0]}' ({_HINTS[missing[0]]})")
    if missing:
        raise InputError(f"{kind}: missing required keys {', '.join(repr(k) for k in missing)}")

    language = checker.language("language", given.get("language", default_language))
    common: dict[str, Any] = {
        "name": checker.text("name", given["name"], _MAX_NAME),
        "summary": checker.text("summary", given["summary"], _MAX_SUMMARY),
        "content": checker.text("content", given["content"], _MAX_CONTENT),
        "language": language,
        "image": checker.text("image", given["image"], 2000) if "image" in given else None,
        "translations": _translations(checker, given["translations"], language)
        if "translations" in given
        else {},
        "tags": checker.hashtags("tags", given["tags"]) if "tags" in given else (),
    }
    if common["image"] and "://" in common["image"]:
        checker.url("image", common["image"])
    if kind == "practice":
        return _practice(checker, given, common)
    if kind == "event":
        return _event(checker, given, common, default_timezone)
    return _call(checker, given, common, default_timezone)


def _optional_text(checker: Checker, given: dict[str, Any], key: str) -> str | None:
    return checker.text(key, given[key]) if key in given else None


def _practice(checker: Checker, given: dict[str, Any], common: dict[str, Any]) -> PracticeDraft:
    innovation = given.get("innovation_type")
    evidence = given.get("evidence_level")
    return PracticeDraft(
        **common,
        challenge=checker.text("challenge", given["challenge"]),
        country=checker.country("country", given["country"]),
        target_groups=checker.texts("target_groups", given.get("target_groups", [])),
        city=_optional_text(checker, given, "city"),
        innovation_type=cast(
            InnovationType | None,
            None
            if innovation is None
            else checker.choice("innovation_type", innovation, INNOVATION_TYPES),
        ),
        evidence_level=cast(
            EvidenceLevel | None,
            None
            if evidence is None
            else checker.choice("evidence_level", evidence, EVIDENCE_LEVELS),
        ),
        toolkit_urls=checker.urls("toolkit_urls", given.get("toolkit_urls", [])),
        partners=checker.texts("partners", given.get("partners", [])),
    )


def _where(
    checker: Checker, given: dict[str, Any], *, remote_allowed: bool
) -> tuple[Place | None, str | None, bool]:
    place = _place(checker, given["location"]) if "location" in given else None
    online_url = checker.url("online_url", given["online_url"]) if "online_url" in given else None
    remote = checker.boolean("remote", given["remote"]) if "remote" in given else False
    if place is None and online_url is None and not remote:
        place_hint = '\'location\' {"name", "address"} for a place'
        if remote_allowed:
            raise InputError(
                f"{checker.kind}: give {place_hint}, 'online_url' for online help, "
                f'or "remote": true'
            )
        raise InputError(
            f"{checker.kind}: give {place_hint}, 'online_url' for an online event, or both"
        )
    return place, online_url, remote


def _event(
    checker: Checker, given: dict[str, Any], common: dict[str, Any], default_timezone: str
) -> EventDraft:
    start = checker.datetime("startTime", given["startTime"])
    end = checker.datetime("endTime", given["endTime"])
    if end <= start:
        raise checker.fail("endTime", f"must be after 'startTime' ({start.isoformat()})")
    timezone = checker.timezone("timezone", given.get("timezone", default_timezone))
    place, online_url, _ = _where(checker, given, remote_allowed=False)
    event_type = given.get("event_type")
    return EventDraft(
        **common,
        start_time=start,
        end_time=end,
        timezone=timezone,
        place=place,
        online_url=online_url,
        event_type=cast(
            EventType | None,
            None if event_type is None else checker.choice("event_type", event_type, EVENT_TYPES),
        ),
        join_mode=cast(
            JoinMode, checker.choice("join_mode", given.get("join_mode", "free"), JOIN_MODES)
        ),
        capacity=checker.count("capacity", given["capacity"]) if "capacity" in given else None,
        status=cast(
            EventStatus, checker.choice("status", given.get("status", "CONFIRMED"), EVENT_STATUSES)
        ),
    )


def _call(
    checker: Checker, given: dict[str, Any], common: dict[str, Any], default_timezone: str
) -> CallDraft:
    zone = checker.timezone("timezone", default_timezone)
    place, online_url, remote = _where(checker, given, remote_allowed=True)
    return CallDraft(
        **common,
        skills=checker.texts("skills", given["skills"], 100),
        closes=checker.end_of_day_or_datetime("closes", given["closes"], zone),
        place=place,
        online_url=online_url,
        remote=remote,
        time_commitment=_optional_text(checker, given, "time_commitment"),
        how_to_respond=_optional_text(checker, given, "how_to_respond"),
        volunteers_needed=checker.count("volunteers_needed", given["volunteers_needed"])
        if "volunteers_needed" in given
        else None,
    )
