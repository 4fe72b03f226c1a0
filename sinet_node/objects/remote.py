"""Objects that are not ours: a generic remote object (Note and anything else) and Tombstone.

Exceptions: none (plain frozen dataclasses).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from .common import Hashtag, Image


@dataclass(frozen=True, kw_only=True)
class RemoteObject:
    """Any object that is neither an actor, an activity, a collection nor one of ours.

    The language maps are kept whole, as they came; `content` falls back to the first
    `contentMap` value when a peer sends only the map.
    """

    id: str
    type: str
    attributed_to: str | None = None
    name: str | None = None
    summary: str | None = None
    content: str | None = None
    media_type: str | None = None
    name_map: dict[str, str] = field(default_factory=dict)
    summary_map: dict[str, str] = field(default_factory=dict)
    content_map: dict[str, str] = field(default_factory=dict)
    url: str | None = None
    in_reply_to: str | None = None
    sensitive: bool = False
    tags: tuple[Hashtag, ...] = ()
    attachments: tuple[Image, ...] = ()
    to: tuple[str, ...] = ()
    cc: tuple[str, ...] = ()
    published: datetime | None = None
    updated: datetime | None = None
    extra: dict[str, Any] = field(default_factory=dict)


# A Mastodon status is the commonest remote object; the name reads better at call sites.
Note = RemoteObject


@dataclass(frozen=True, kw_only=True)
class Tombstone:
    """What a deleted object's id answers (with HTTP 410)."""

    id: str
    former_type: str | None = None
    deleted: datetime | None = None
    extra: dict[str, Any] = field(default_factory=dict)
