"""A checked Draft becomes the Practice, Event or VolunteerCall we publish.

Markdown becomes sanitised HTML (for every translation too) while `source` keeps the Markdown;
tags (and a call's skills) become Hashtags; the object is public (`to` as:Public, `cc` the
followers) and its `summary` is the teaser Mastodon shows (see .summary).

Exceptions:
    ValueError: `published` or `updated` has no time zone (a caller's mistake, not the user's).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from sinet_node.content.markdown import render_markdown
from sinet_node.objects.common import Hashtag, Image, Source
from sinet_node.objects.publication import Event, Location, Practice, VirtualLocation, VolunteerCall
from sinet_node.objects.vocab import AS_PUBLIC

from ._checks import hashtag_name
from .draft import CallDraft, Draft, EventDraft, PracticeDraft
from .summary import compose_summary, fact_lines


def _hashtags(
    names: tuple[str, ...], hashtag_url: Callable[[str], str] | None
) -> tuple[Hashtag, ...]:
    tags: list[Hashtag] = []
    seen: set[str] = set()
    for text in names:
        name = hashtag_name(text)
        # A skill such as "C++" has no hashtag; it still shows in the summary and skills.
        if name is None or name.casefold() in seen:
            continue
        seen.add(name.casefold())
        tags.append(Hashtag(name="#" + name, href=hashtag_url(name) if hashtag_url else None))
    return tuple(tags)


def _locations(draft: EventDraft | CallDraft) -> tuple[Location, ...]:
    locations: list[Location] = [draft.place] if draft.place else []
    if draft.online_url:
        locations.append(VirtualLocation(url=draft.online_url))
    return tuple(locations)


def _aware(value: datetime | None, name: str) -> None:
    if value is not None and value.utcoffset() is None:
        raise ValueError(f"{name} must carry a time zone")


def build_publication(
    draft: Draft,
    *,
    object_id: str,
    html_url: str,
    actor_id: str,
    followers_url: str,
    published: datetime,
    updated: datetime | None = None,
    image: Image | None = None,
    hashtag_url: Callable[[str], str] | None = None,
) -> Practice | Event | VolunteerCall:
    """The object to publish for `draft`; `hashtag_url(name)` gives a tag's page (no '#')."""
    _aware(published, "published")
    _aware(updated, "updated")
    facts = fact_lines(draft)
    translations = draft.translations
    common: dict[str, Any] = {
        "id": object_id,
        "url": html_url,
        "attributed_to": actor_id,
        "name": draft.name,
        "summary": compose_summary(draft.summary, facts),
        "content": render_markdown(draft.content),
        "media_type": "text/html",
        "source": Source(content=draft.content, media_type="text/markdown"),
        "language": draft.language,
        "name_map": {lang: t.name for lang, t in translations.items() if t.name},
        "summary_map": {
            lang: compose_summary(t.summary, facts) for lang, t in translations.items() if t.summary
        },
        "content_map": {
            lang: render_markdown(t.content) for lang, t in translations.items() if t.content
        },
        "attachments": (image,) if image else (),
        "to": (AS_PUBLIC,),
        "cc": (followers_url,),
        "published": published,
        "updated": updated,
    }
    if isinstance(draft, PracticeDraft):
        return Practice(
            **common,
            tags=_hashtags(draft.tags, hashtag_url),
            challenge=draft.challenge,
            target_groups=draft.target_groups,
            country=draft.country,
            city=draft.city,
            innovation_type=draft.innovation_type,
            evidence_level=draft.evidence_level,
            toolkit_urls=draft.toolkit_urls,
            partners=draft.partners,
        )
    if isinstance(draft, EventDraft):
        return Event(
            **common,
            tags=_hashtags(draft.tags, hashtag_url),
            start_time=draft.start_time,
            end_time=draft.end_time,
            timezone=draft.timezone,
            location=_locations(draft),
            join_mode=draft.join_mode,
            capacity=draft.capacity,
            status=draft.status,
            event_type=draft.event_type,
        )
    return VolunteerCall(
        **common,
        tags=_hashtags(draft.skills + draft.tags, hashtag_url),
        skills=draft.skills,
        time_commitment=draft.time_commitment,
        location=_locations(draft),
        remote=draft.remote,
        closes=draft.closes,
        how_to_respond=draft.how_to_respond,
        volunteers_needed=draft.volunteers_needed,
    )
