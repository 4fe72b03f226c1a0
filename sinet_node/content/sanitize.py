"""HTML sanitising: the one allow-list every piece of HTML passes before it is stored or shown.

Used for our own rendered Markdown and for remote HTML alike. Links keep only http, https and
mailto URLs (relative ones are dropped: on our pages they would point at our host) and always
get rel="nofollow noopener noreferrer". No style, no scripts, no event handlers, no images.

Exceptions: none (nh3 never raises on any input text).
"""

from __future__ import annotations

import re
from typing import Final

import nh3

ALLOWED_TAGS: Final = frozenset(
    {
        "p", "br", "a", "strong", "em", "b", "i", "u", "s", "ul", "ol", "li", "blockquote",
        "code", "pre", "h2", "h3", "h4", "span",
    }
)  # fmt: skip
ALLOWED_ATTRIBUTES: Final = {"a": {"href"}}
# Mastodon hides the middle of long links with these classes; keeping them keeps links short.
ALLOWED_CLASSES: Final = {"span": {"invisible", "ellipsis"}}
URL_SCHEMES: Final = frozenset({"http", "https", "mailto"})
LINK_REL: Final = "nofollow noopener noreferrer"
# Their text is code, never content: drop it with the tag.
_DROP_WITH_CONTENT: Final = {"script", "style", "template", "svg", "math", "iframe", "object"}


# Tags outside the list whose text would otherwise run into its neighbours ("Title" + "Text"
# -> "TitleText"): renamed to their nearest allowed kin before cleaning. The rename only ever
# produces allowed names, and the cleaner still checks everything afterwards.
_RENAME: Final = {"h1": "h2", "h5": "h4", "h6": "h4", "div": "p"}
_RENAME_PATTERN: Final = re.compile(r"<(/?)(h1|h5|h6|div)(?=[\s/>])", re.IGNORECASE)


def _rename(match: re.Match[str]) -> str:
    return f"<{match.group(1)}{_RENAME[match.group(2).lower()]}"


def sanitize_html(html: str) -> str:
    """`html` reduced to the allow-list; safe to embed in our pages."""
    return nh3.clean(
        _RENAME_PATTERN.sub(_rename, html),
        tags=set(ALLOWED_TAGS),
        clean_content_tags=set(_DROP_WITH_CONTENT),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        allowed_classes={tag: set(names) for tag, names in ALLOWED_CLASSES.items()},
        url_schemes=set(URL_SCHEMES),
        link_rel=LINK_REL,
        url_relative="deny",
        strip_comments=True,
    )
