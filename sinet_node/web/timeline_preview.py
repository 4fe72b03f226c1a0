"""How a practice, event or call will look as a post in a Mastodon timeline.

Read from the very document the node sends (local_publishing.preview builds it with the same
code as publish), the way Mastodon reads an Article, Page or Event: it ignores `content` and
makes the post's text from the name, the summary and the url, one paragraph each (a single
line break becomes a line break), links the URLs, attaches the images (the first is what the
timeline shows), and shows the hashtags of `tag` under the text.

Exceptions: none (missing parts are left out, as Mastodon leaves them out).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Final

from markupsafe import Markup, escape

from sinet_node.web.publication_view import safe_link

_URL: Final = re.compile(r"https?://[^\s<>\"']+[^\s<>\"'.,;:!?)\]]")
# Mastodon shows a link without its scheme, cut after 30 characters.
_LINK_CHARS: Final = 30


@dataclass(frozen=True)
class MediaAttachment:
    url: str
    description: str


@dataclass(frozen=True)
class TimelinePost:
    author_name: str
    handle: str  # "@user@host"
    avatar_url: str | None
    title: str
    # The summary's paragraphs, each a list of lines, as safe HTML with the URLs linked.
    paragraphs: tuple[tuple[Markup, ...], ...]
    link: str
    link_text: str
    media: tuple[MediaAttachment, ...]
    hashtags: tuple[tuple[str, str | None], ...]  # (name without '#', its link)


def link_text(url: str) -> str:
    """What Mastodon writes for a link: no scheme, at most 30 characters, then an ellipsis."""
    visible = re.sub(r"^https?://(www\.)?", "", url)
    return visible if len(visible) <= _LINK_CHARS else visible[:_LINK_CHARS] + "…"


def linked(text: str) -> Markup:
    """Plain `text` as HTML with its http(s) URLs shown as Mastodon shows links (and
    everything else escaped)."""
    pieces: list[Markup] = []
    position = 0
    for match in _URL.finditer(text):
        pieces.append(escape(text[position : match.start()]))
        url = match.group(0)
        # Shown as a link but not one: following it from a preview would lose the form.
        pieces.append(
            Markup('<span class="toot-link" title="{}">{}</span>').format(url, link_text(url))
        )
        position = match.end()
    pieces.append(escape(text[position:]))
    return Markup("").join(pieces)


def _first_text(document: dict[str, Any], key: str) -> str:
    """`key`, or the first value of its language map (as Mastodon falls back)."""
    value = document.get(key)
    if isinstance(value, str) and value.strip():
        return value
    values = document.get(f"{key}Map")
    if isinstance(values, dict):
        for item in values.values():
            if isinstance(item, str) and item.strip():
                return item
    return ""


def _listed(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _media(document: dict[str, Any]) -> tuple[MediaAttachment, ...]:
    media = []
    for item in _listed(document.get("attachment")):
        if not isinstance(item, dict):
            continue
        url = safe_link(item.get("url") if isinstance(item.get("url"), str) else None)
        media_type = str(item.get("mediaType") or "image/")
        if url and media_type.startswith("image/"):
            media.append(MediaAttachment(url=url, description=str(item.get("name") or "")))
    return tuple(media[:4])  # a Mastodon post shows at most four


def _hashtags(document: dict[str, Any]) -> tuple[tuple[str, str | None], ...]:
    tags = []
    for item in _listed(document.get("tag")):
        if isinstance(item, dict) and item.get("type") == "Hashtag" and item.get("name"):
            href = item.get("href")
            tags.append(
                (str(item["name"]).lstrip("#"), safe_link(href if isinstance(href, str) else None))
            )
    return tuple(tags)


def timeline_post(
    document: dict[str, Any], *, author_name: str, handle: str, avatar_url: str | None
) -> TimelinePost:
    """The post a Mastodon user sees for `document` (one of ours, as it will be sent)."""
    url = document.get("url")
    link = url if isinstance(url, str) and safe_link(url) else str(document.get("id") or "")
    summary = _first_text(document, "summary").replace("\r\n", "\n")
    paragraphs = tuple(
        tuple(linked(line) for line in block.split("\n"))
        for block in re.split(r"\n{2,}", summary.strip())
        if block.strip()
    )
    return TimelinePost(
        author_name=author_name,
        handle=handle,
        avatar_url=safe_link(avatar_url),
        title=_first_text(document, "name"),
        paragraphs=paragraphs,
        link=link,
        link_text=link_text(link),
        media=_media(document),
        hashtags=_hashtags(document),
    )
