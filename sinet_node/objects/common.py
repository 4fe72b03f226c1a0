"""Small value objects shared by actors and publications: images, hashtags, profile fields, source.

Exceptions: none (plain frozen dataclasses).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Image:
    """An image attachment, icon or banner (`Image`, or Mastodon's `Document` with image/*)."""

    url: str
    media_type: str | None = None
    # Alt text: Mastodon reads it from `name`.
    name: str | None = None
    width: int | None = None
    height: int | None = None


@dataclass(frozen=True)
class Hashtag:
    """A `Hashtag` tag; `name` carries the leading '#', as Mastodon expects."""

    name: str
    href: str | None = None


@dataclass(frozen=True)
class PropertyValue:
    """A profile field (schema.org PropertyValue); `value` is HTML, Mastodon shows four."""

    name: str
    value: str


@dataclass(frozen=True)
class Source:
    """What the author wrote (`source`): our Markdown, kept next to the rendered HTML."""

    content: str
    media_type: str = "text/markdown"
