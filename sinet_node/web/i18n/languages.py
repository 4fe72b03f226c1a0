"""Which of the interface's languages a page is written in, for one request (pure).

The reader's own choice (the switcher's cookie) comes first; then what the browser asks for in
Accept-Language, best q-value first, a regional tag counting for its language ("mk-MK" is
Macedonian); then the node's own language; then English. A value we do not offer, a malformed
header or a q of 0 is simply passed over: negotiation never fails.

Exceptions: none.
"""

from __future__ import annotations

import re
from typing import Final

# The interface's languages, in the order the switcher lists them.
LANGUAGES: Final = ("en", "mk", "it", "hr", "es", "nl")
DEFAULT: Final = "en"
# Each language in its own name, so a reader recognises theirs whatever the page is in.
OWN_NAMES: Final = {
    "en": "English",
    "mk": "Македонски",
    "it": "Italiano",
    "hr": "Hrvatski",
    "es": "Español",
    "nl": "Nederlands",
}
COOKIE: Final = "sinet_lang"

_MAX_HEADER = 2000  # a longer Accept-Language is cut: browsers send a few dozen characters
_MAX_RANGES = 50
_RANGE: Final = re.compile(r"^(\*|[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*)$")
_QUALITY: Final = re.compile(r"^[qQ]=(0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$")


def supported(tag: str | None) -> str | None:
    """The interface language a tag means ("mk-MK" -> "mk", "IT" -> "it"), or None."""
    if not tag:
        return None
    primary = tag.split("-", 1)[0].strip().lower()
    return primary if primary in LANGUAGES else None


def accept_language(header: str | None) -> list[str]:
    """The language ranges of an Accept-Language header (RFC 9110 12.5.4), best first.

    Ranges with q=0 are refused by the reader and left out; a range or weight that does not
    parse is skipped; equal weights keep the order they were written in.
    """
    ranked: list[tuple[float, int, str]] = []
    for index, item in enumerate((header or "")[:_MAX_HEADER].split(",")[:_MAX_RANGES]):
        tag, *params = (part.strip() for part in item.split(";"))
        if not _RANGE.match(tag):
            continue
        quality = 1.0
        for param in params:
            match = _QUALITY.match(param)
            if match is None:
                quality = -1.0  # a weight we cannot read: skip the range
                break
            quality = float(match[1])
        if quality > 0:
            ranked.append((-quality, index, tag))
    return [tag for _, _, tag in sorted(ranked)]


def negotiate(chosen: str | None, accept: str | None, node_language: str) -> str:
    """The language of the page: the reader's choice, their browser's, the node's, English."""
    own = supported(chosen)
    if own is not None:
        return own
    for tag in accept_language(accept):
        if tag == "*":
            break  # "anything else" is the node's language
        language = supported(tag)
        if language is not None:
            return language
    return supported(node_language) or DEFAULT
