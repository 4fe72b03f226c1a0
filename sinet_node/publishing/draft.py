"""Checked `publish` input: one draft class per kind, every value already valid and normalised.

Exceptions: none (plain frozen dataclasses).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import ClassVar, TypeAlias

from sinet_node.objects.publication import Place
from sinet_node.objects.vocab import (
    EventStatus,
    EventType,
    EvidenceLevel,
    InnovationType,
    JoinMode,
)


@dataclass(frozen=True)
class Translation:
    """Another language's name, summary and content (Markdown); any may be left out."""

    name: str | None = None
    summary: str | None = None
    content: str | None = None


@dataclass(frozen=True, kw_only=True)
class DraftBase:
    KIND: ClassVar[str]

    name: str
    summary: str
    # Markdown, as the author wrote it.
    content: str
    # BCP 47, canonical casing.
    language: str
    # A path or http(s) URL of a banner; the caller turns it into an Image.
    image: str | None = None
    # The banner's description for people who cannot see it (Mastodon shows it as alt text).
    image_alt: str | None = None
    translations: dict[str, Translation] = field(default_factory=dict)
    # Hashtag names without '#'.
    tags: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class PracticeDraft(DraftBase):
    KIND: ClassVar[str] = "practice"

    challenge: str
    country: str
    target_groups: tuple[str, ...] = ()
    city: str | None = None
    innovation_type: InnovationType | None = None
    evidence_level: EvidenceLevel | None = None
    toolkit_urls: tuple[str, ...] = ()
    partners: tuple[str, ...] = ()


@dataclass(frozen=True, kw_only=True)
class EventDraft(DraftBase):
    KIND: ClassVar[str] = "event"

    start_time: datetime
    end_time: datetime
    # IANA name; the node's own zone when the input gives none.
    timezone: str
    place: Place | None = None
    online_url: str | None = None
    event_type: EventType | None = None
    join_mode: JoinMode = "free"
    capacity: int | None = None
    status: EventStatus = "CONFIRMED"


@dataclass(frozen=True, kw_only=True)
class CallDraft(DraftBase):
    KIND: ClassVar[str] = "call"

    skills: tuple[str, ...]
    closes: datetime
    place: Place | None = None
    online_url: str | None = None
    remote: bool = False
    time_commitment: str | None = None
    how_to_respond: str | None = None
    volunteers_needed: int | None = None


Draft: TypeAlias = PracticeDraft | EventDraft | CallDraft
