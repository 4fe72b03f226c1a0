"""Our three publications (Practice, Event, VolunteerCall) and the places they happen in.

Each has a standard ActivityStreams `type` (Fedify rejects an object whose only type is a custom
one, Mastodon shows Article/Page/Event as name + summary + url) and is told apart from the others
by `sinet:kind`. The class constants `TYPE` and `KIND` say which.

Languages: `language` is the language of `name`, `summary` and `content`; `name_map`,
`summary_map` and `content_map` hold the *other* languages (translations). On the wire the maps
also carry the main language, as ActivityStreams expects.

Exceptions: none (plain frozen dataclasses).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, ClassVar

from .common import Hashtag, Image, Source
from .vocab import (
    KIND_CALL,
    KIND_EVENT,
    KIND_PRACTICE,
    EventStatus,
    EventType,
    EvidenceLevel,
    InnovationType,
    JoinMode,
)


@dataclass(frozen=True)
class PostalAddress:
    """A schema.org postal address, as Mobilizon sends it."""

    street_address: str | None = None
    locality: str | None = None
    region: str | None = None
    postal_code: str | None = None
    country: str | None = None


@dataclass(frozen=True, kw_only=True)
class Place:
    """A physical place. `address` is structured or one line of text."""

    name: str
    address: PostalAddress | str | None = None
    latitude: float | None = None
    longitude: float | None = None
    id: str | None = None


@dataclass(frozen=True)
class VirtualLocation:
    """An online place (FEP-8a8e): the link people open to take part."""

    url: str


Location = Place | VirtualLocation


@dataclass(frozen=True, kw_only=True)
class Publication:
    """What Practice, Event and VolunteerCall have in common."""

    TYPE: ClassVar[str]
    KIND: ClassVar[str]

    id: str
    attributed_to: str
    name: str
    # A short plain-text teaser: all that Mastodon shows of Article/Page/Event.
    summary: str = ""
    # Sanitised HTML.
    content: str = ""
    media_type: str = "text/html"
    source: Source | None = None
    # The HTML page on our own host (Mastodon drops a url on another host).
    url: str | None = None
    language: str | None = None
    name_map: dict[str, str] = field(default_factory=dict)
    summary_map: dict[str, str] = field(default_factory=dict)
    content_map: dict[str, str] = field(default_factory=dict)
    tags: tuple[Hashtag, ...] = ()
    # The banner first: Mastodon shows the first image.
    attachments: tuple[Image, ...] = ()
    to: tuple[str, ...] = ()
    cc: tuple[str, ...] = ()
    published: datetime | None = None
    updated: datetime | None = None
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, kw_only=True)
class Practice(Publication):
    """A documented social innovation, described after the ACSI/UpSocial analysis."""

    TYPE: ClassVar[str] = "Article"
    KIND: ClassVar[str] = KIND_PRACTICE

    challenge: str = ""
    target_groups: tuple[str, ...] = ()
    # ISO 3166-1 alpha-2, upper case.
    country: str | None = None
    city: str | None = None
    innovation_type: InnovationType | None = None
    evidence_level: EvidenceLevel | None = None
    toolkit_urls: tuple[str, ...] = ()
    partners: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class Event(Publication):
    """A training, webinar, focus group, conference or workshop (FEP-8a8e + Mobilizon shape)."""

    TYPE: ClassVar[str] = "Event"
    KIND: ClassVar[str] = KIND_EVENT

    start_time: datetime
    end_time: datetime | None = None
    # IANA name, e.g. Europe/Skopje: the zone the times are shown in.
    timezone: str | None = None
    location: tuple[Location, ...] = ()
    join_mode: JoinMode | None = None
    capacity: int | None = None
    status: EventStatus | None = None
    event_type: EventType | None = None


@dataclass(frozen=True, kw_only=True)
class VolunteerCall(Publication):
    """A call for volunteers."""

    TYPE: ClassVar[str] = "Page"
    KIND: ClassVar[str] = KIND_CALL

    skills: tuple[str, ...] = ()
    time_commitment: str | None = None
    location: tuple[Location, ...] = ()
    remote: bool = False
    closes: datetime | None = None
    how_to_respond: str | None = None
    volunteers_needed: int | None = None


PUBLICATION_CLASSES: tuple[type[Publication], ...] = (Practice, Event, VolunteerCall)
