"""Encoding and decoding of Practice, Event and VolunteerCall.

A value of ours that a newer node may extend (an innovation type, a join mode, an event status)
is read only when we know it; an unknown one stays in `extra`, so it is neither lost nor an error.

Exceptions: CodecError (from .errors).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any, TypeVar, cast

from ._fields import Fields, format_datetime
from ._values import (
    compact,
    decode_hashtags,
    decode_images,
    decode_locations,
    decode_source,
    encode_hashtag,
    encode_image,
    encode_location,
    encode_source,
)
from .errors import CodecError
from .publication import Event, Location, Practice, Publication, VolunteerCall
from .vocab import (
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

P = TypeVar("P", bound=Publication)


def _date(value: datetime | None, where: str) -> str | None:
    return None if value is None else format_datetime(value, where)


def _with_main(language: str | None, main: str, translations: dict[str, str]) -> dict[str, str]:
    # On the wire the map carries the main language first, then the translations.
    result = {language: main} if language and main else {}
    result.update((lang, text) for lang, text in translations.items() if lang != language)
    return result


def _locations(locations: tuple[Location, ...]) -> Any:
    # One place goes out as a single object: Mobilizon reads `location` as one.
    encoded = [encode_location(location) for location in locations]
    return encoded[0] if len(encoded) == 1 else encoded


def encode_publication(pub: Publication) -> dict[str, Any]:
    where = type(pub).__name__
    doc: dict[str, Any] = dict(pub.extra)
    doc.update(
        compact(
            {
                "id": pub.id,
                "type": pub.TYPE,
                "kind": pub.KIND,
                "attributedTo": pub.attributed_to,
                "name": pub.name,
                "nameMap": _with_main(pub.language, pub.name, pub.name_map),
                "summary": pub.summary or None,
                "summaryMap": _with_main(pub.language, pub.summary, pub.summary_map),
                "content": pub.content or None,
                "contentMap": _with_main(pub.language, pub.content, pub.content_map),
                "mediaType": pub.media_type,
                "source": encode_source(pub.source) if pub.source else None,
                "url": pub.url,
                "tag": [encode_hashtag(tag) for tag in pub.tags],
                "attachment": [encode_image(image) for image in pub.attachments],
                "to": list(pub.to),
                "cc": list(pub.cc),
                "published": _date(pub.published, f"{where}.published"),
                "updated": _date(pub.updated, f"{where}.updated"),
            }
        )
    )
    if isinstance(pub, Practice):
        doc.update(_encode_practice(pub))
    elif isinstance(pub, Event):
        doc.update(_encode_event(pub))
    elif isinstance(pub, VolunteerCall):
        doc.update(_encode_call(pub))
    return doc


def _encode_practice(pub: Practice) -> dict[str, Any]:
    return compact(
        {
            "challenge": pub.challenge or None,
            "targetGroups": list(pub.target_groups),
            "country": pub.country,
            "city": pub.city,
            "innovationType": pub.innovation_type,
            "evidenceLevel": pub.evidence_level,
            "toolkit": list(pub.toolkit_urls),
            "partners": list(pub.partners),
        }
    )


def _encode_event(pub: Event) -> dict[str, Any]:
    return compact(
        {
            "startTime": format_datetime(pub.start_time, "Event.startTime"),
            "endTime": _date(pub.end_time, "Event.endTime"),
            "timezone": pub.timezone,
            "location": _locations(pub.location),
            "joinMode": pub.join_mode,
            "maximumAttendeeCapacity": pub.capacity,
            "ical:status": pub.status,
            "eventType": pub.event_type,
        }
    )


def _encode_call(pub: VolunteerCall) -> dict[str, Any]:
    return compact(
        {
            "skills": list(pub.skills),
            "timeCommitment": pub.time_commitment,
            "location": _locations(pub.location),
            "remote": pub.remote,
            "closes": _date(pub.closes, "VolunteerCall.closes"),
            "howToRespond": pub.how_to_respond,
            "volunteersNeeded": pub.volunteers_needed,
        }
    )


# Decoding -----------------------------------------------------------------------------------


def _known(fields: Fields, key: str, allowed: tuple[str, ...]) -> str | None:
    """The value when it is one we know; otherwise None, and the value stays in `extra`."""
    value = fields.peek(key)
    if isinstance(value, str) and value in allowed:
        fields.raw(key)
        return value
    return None


def _count(fields: Fields, key: str) -> int | None:
    value = fields.integer(key)
    if value is not None and value < 0:
        raise CodecError(f"{fields.path(key)}: must not be negative")
    return value


def _languages(
    fields: Fields,
) -> tuple[str | None, dict[str, str | None], dict[str, dict[str, str]]]:
    """The main language, the main texts and the translations, from the fields and their maps."""
    mains: dict[str, str | None] = {key: fields.text(key) for key in ("name", "summary", "content")}
    maps = {key: fields.lang_map(key + "Map") for key in ("name", "summary", "content")}
    language = None
    # The main language is the one whose map entry equals the main text; content first, as a
    # name (a place, a brand) is often the same in every language.
    for key in ("content", "name", "summary"):
        main = mains[key]
        language = next((lang for lang, text in maps[key].items() if text == main), None)
        if language:
            break
    if language is None and mains["content"] is None and maps["content"]:
        language = next(iter(maps["content"]))
    if language is not None:
        for key in mains:
            text = maps[key].pop(language, None)
            if mains[key] is None:
                mains[key] = text
    return language, mains, maps


def decode_publication(fields: Fields, cls: type[P]) -> P:
    language, mains, maps = _languages(fields)
    name = mains["name"]
    if name is None:
        raise CodecError(f"{fields.path('name')}: missing")
    common: dict[str, Any] = {
        "id": fields.required_link("id"),
        "attributed_to": fields.required_link("attributedTo"),
        "name": name,
        "summary": mains["summary"] or "",
        "content": mains["content"] or "",
        "media_type": fields.text("mediaType") or "text/html",
        "source": decode_source(fields.raw("source"), fields.path("source")),
        "url": fields.link("url"),
        "language": language,
        "name_map": maps["name"],
        "summary_map": maps["summary"],
        "content_map": maps["content"],
        "tags": decode_hashtags(fields.items("tag"), fields.path("tag")),
        "attachments": decode_images(fields.items("attachment"), fields.path("attachment")),
        "to": fields.addresses("to"),
        "cc": fields.addresses("cc"),
        "published": fields.datetime("published"),
        "updated": fields.datetime("updated"),
    }
    fields.raw("type")
    fields.raw("kind")
    specific = _DECODERS[cls](fields)
    return cls(**common, **specific, extra=fields.extra())


def _decode_practice(fields: Fields) -> dict[str, Any]:
    country = fields.text("country")
    return {
        "challenge": fields.text("challenge") or "",
        "target_groups": fields.texts("targetGroups"),
        "country": country.upper() if country else None,
        "city": fields.text("city"),
        "innovation_type": cast(
            InnovationType | None, _known(fields, "innovationType", INNOVATION_TYPES)
        ),
        "evidence_level": cast(
            EvidenceLevel | None, _known(fields, "evidenceLevel", EVIDENCE_LEVELS)
        ),
        "toolkit_urls": fields.links("toolkit"),
        "partners": fields.texts("partners"),
    }


def _decode_event(fields: Fields) -> dict[str, Any]:
    start = fields.datetime("startTime")
    if start is None:
        raise CodecError(f"{fields.path('startTime')}: missing")
    status = _known(fields, "ical:status", EVENT_STATUSES) or _known(
        fields, "status", EVENT_STATUSES
    )
    return {
        "start_time": start,
        "end_time": fields.datetime("endTime"),
        "timezone": fields.text("timezone"),
        "location": decode_locations(fields.items("location"), fields.path("location")),
        "join_mode": cast(JoinMode | None, _known(fields, "joinMode", JOIN_MODES)),
        "capacity": _count(fields, "maximumAttendeeCapacity"),
        "status": cast(EventStatus | None, status),
        "event_type": cast(EventType | None, _known(fields, "eventType", EVENT_TYPES)),
    }


def _decode_call(fields: Fields) -> dict[str, Any]:
    return {
        "skills": fields.texts("skills"),
        "time_commitment": fields.text("timeCommitment"),
        "location": decode_locations(fields.items("location"), fields.path("location")),
        "remote": fields.boolean("remote"),
        "closes": fields.datetime("closes"),
        "how_to_respond": fields.text("howToRespond"),
        "volunteers_needed": _count(fields, "volunteersNeeded"),
    }


_DECODERS: dict[type[Publication], Callable[[Fields], dict[str, Any]]] = {
    Practice: _decode_practice,
    Event: _decode_event,
    VolunteerCall: _decode_call,
}
