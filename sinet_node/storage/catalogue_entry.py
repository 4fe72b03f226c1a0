"""What the catalogue knows of one object: its dates, its facets and its search words.

Read from the object's stored document through the codec, so a peer's practice is filed
exactly like ours, whatever spelling of our terms it used. Pure functions, no I/O.

Facet values are stored normalised (``facet_value``) next to the words as first written
(the label); the same normalisation turns a filter from a query string into a value, so
``?country=mk`` and ``?challenge=Youth%20Unemployment`` find what they mean.

Search words are folded the same way for the index and for a query (``search_words``):
lower case, diacritics removed, split into runs of letters and digits. Both engines (FTS5,
PostgreSQL's 'simple' configuration) then see plain space-separated words, so a search
finds the same objects on either.

Exceptions: none (a document that cannot be read yields an entry with search words only).
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Final

import nh3

from sinet_node.objects import (
    CodecError,
    Event,
    Location,
    Place,
    PostalAddress,
    Practice,
    Publication,
    RemoteObject,
    VirtualLocation,
    VolunteerCall,
    from_document,
)

CHALLENGE: Final = "challenge"
TARGET_GROUP: Final = "target_group"
COUNTRY: Final = "country"
CITY: Final = "city"
INNOVATION_TYPE: Final = "innovation_type"
EVIDENCE_LEVEL: Final = "evidence_level"
LANGUAGE: Final = "language"
ORGANISATION: Final = "organisation"
SKILL: Final = "skill"
REMOTE: Final = "remote"
EVENT_TYPE: Final = "event_type"
TAG: Final = "tag"  # hashtags, without the '#': the /tags/{tag} pages

# Facets whose values are codes or identifiers rather than words people type.
_UPPER: Final = frozenset({COUNTRY})
_EXACT: Final = frozenset({ORGANISATION})
# Longer values are cut: a facet is a short phrase, and index keys must stay small.
MAX_VALUE_LENGTH: Final = 300
# How much of a query is searched for, and how many of its words.
MAX_QUERY_LENGTH: Final = 256
MAX_QUERY_WORDS: Final = 8

_WORD: Final = re.compile(r"[^\W_]+")
_CONTROL: Final = re.compile(r"[\x00-\x1f\x7f]")
# Letters with a stroke do not decompose into a base letter and a mark: fold them by hand
# (Croatian đ, Polish ł, Danish and Norwegian ø...), so "Dakovo" finds "Đakovo".
_STROKES: Final = str.maketrans({"đ": "d", "ł": "l", "ø": "o", "ħ": "h", "ŧ": "t", "\u0131": "i"})


@dataclass(frozen=True)
class Facet:
    name: str
    value: str  # normalised: what filters compare
    label: str  # as first written: what people read


@dataclass(frozen=True)
class Entry:
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    closes_at: datetime | None = None
    facets: tuple[Facet, ...] = ()
    title: str = ""  # search words of the name(s)
    body: str = ""  # search words of everything else


def facet_value(name: str, raw: str) -> str:
    """The normalised value a facet stores and a filter compares against."""
    text = " ".join(_CONTROL.sub(" ", raw).split())[:MAX_VALUE_LENGTH]
    if name in _EXACT:
        return text
    return text.upper() if name in _UPPER else text.lower()


def search_words(*texts: str | None) -> str:
    """Space-separated words, lower case, without diacritics: what the index holds."""
    joined = " ".join(text for text in texts if text)
    decomposed = unicodedata.normalize("NFKD", joined.casefold())
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(_WORD.findall(plain.translate(_STROKES)))


def query_words(query: str) -> tuple[str, ...]:
    """The words of a visitor's query, folded like the index; operators and quotes drop out."""
    words = dict.fromkeys(search_words(query[:MAX_QUERY_LENGTH]).split())
    return tuple(words)[:MAX_QUERY_WORDS]


def html_words(markup: str | None) -> str:
    """The text of stored (already sanitised) HTML, for the index only."""
    if not markup:
        return ""
    # A space before each tag, so that "one<br>two" and "</p><p>" do not glue words together.
    return html.unescape(nh3.clean(markup.replace("<", " <"), tags=set()))


def entry_of(document: dict[str, Any], attributed_to: str | None) -> Entry:
    try:
        parsed = from_document(document)
    except CodecError:
        return Entry(title=search_words(_text(document.get("name"))), body=_loose_body(document))
    facets = list(_facets_of(parsed))
    if attributed_to:
        facets.append(_facet(ORGANISATION, attributed_to))
    unique = tuple({(facet.name, facet.value): facet for facet in facets if facet.value}.values())
    title, body = _words_of(parsed)
    times: dict[str, datetime | None] = {}
    if isinstance(parsed, Event):
        times = {"starts_at": parsed.start_time, "ends_at": parsed.end_time}
    elif isinstance(parsed, VolunteerCall):
        times = {"closes_at": parsed.closes}
    return Entry(facets=unique, title=title, body=body, **times)


def _text(value: Any) -> str | None:
    return value if isinstance(value, str) else None


def _loose_body(document: dict[str, Any]) -> str:
    return search_words(
        html_words(_text(document.get("summary"))), html_words(_text(document.get("content")))
    )


def _facet(name: str, raw: str) -> Facet:
    label = " ".join(_CONTROL.sub(" ", raw).split())[:MAX_VALUE_LENGTH]
    return Facet(name, facet_value(name, raw), label)


def _many(name: str, values: Iterable[str | None]) -> Iterator[Facet]:
    for value in values:
        if value:
            yield _facet(name, value)


def _languages(pub: Publication | RemoteObject) -> list[str]:
    languages = [pub.language] if isinstance(pub, Publication) and pub.language else []
    for translations in (pub.name_map, pub.summary_map, pub.content_map):
        languages.extend(translations)
    return languages


def _address(location: Location) -> PostalAddress | None:
    if isinstance(location, Place) and isinstance(location.address, PostalAddress):
        return location.address
    return None


def _places(locations: tuple[Location, ...]) -> Iterator[Facet]:
    for location in locations:
        address = _address(location)
        if address is not None:
            yield from _many(CITY, [address.locality])
            yield from _many(COUNTRY, [address.country])


def _facets_of(parsed: object) -> Iterator[Facet]:
    if isinstance(parsed, Publication | RemoteObject):
        yield from _many(LANGUAGE, _languages(parsed))
        yield from _many(TAG, [tag.name.lstrip("#") for tag in parsed.tags])
    if isinstance(parsed, Practice):
        yield from _many(CHALLENGE, [parsed.challenge])
        yield from _many(TARGET_GROUP, parsed.target_groups)
        yield from _many(COUNTRY, [parsed.country])
        yield from _many(CITY, [parsed.city])
        yield from _many(INNOVATION_TYPE, [parsed.innovation_type])
        yield from _many(EVIDENCE_LEVEL, [parsed.evidence_level])
    elif isinstance(parsed, Event):
        yield from _many(EVENT_TYPE, [parsed.event_type])
        yield from _places(parsed.location)
    elif isinstance(parsed, VolunteerCall):
        yield from _many(SKILL, parsed.skills)
        yield from _places(parsed.location)
        online = any(isinstance(place, VirtualLocation) for place in parsed.location)
        if parsed.remote or online:
            yield _facet(REMOTE, "yes")


def _words_of(parsed: object) -> tuple[str, str]:
    if not isinstance(parsed, Publication | RemoteObject):
        return "", ""
    names = [parsed.name, *parsed.name_map.values()]
    markup = [parsed.summary, *parsed.summary_map.values()]
    markup += [parsed.content, *parsed.content_map.values()]
    texts: list[str | None] = [html_words(text) for text in markup]
    texts += [tag.name.lstrip("#") for tag in parsed.tags]
    if isinstance(parsed, Practice):
        texts += [parsed.challenge, *parsed.target_groups, parsed.city, *parsed.partners]
    if isinstance(parsed, Event | VolunteerCall):
        texts += [place.name for place in parsed.location if isinstance(place, Place)]
        texts += [address.locality for address in map(_address, parsed.location) if address]
    if isinstance(parsed, VolunteerCall):
        texts += [*parsed.skills, parsed.time_commitment]
    return search_words(*names), search_words(*texts)
