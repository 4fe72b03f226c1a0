"""Plain text from HTML, and short teasers cut on a word boundary.

Exceptions: none (any text converts).
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Final

from .sanitize import sanitize_html

_BLOCKS: Final = frozenset(
    {"p", "div", "blockquote", "pre", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr"}
)
_SKIP: Final = frozenset({"script", "style", "template"})
_LIST_MARK: Final = "\n- "
ELLIPSIS: Final = "…"
# Trailing characters that make a cut look unfinished: trimmed before the ellipsis.
_TRAILING: Final = " \t\r\n,;:-\u2013\u2014"


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skipping = 0
        self._pre = 0

    def _break(self, newlines: str) -> None:
        # A paragraph inside a list item starts on the item's own line.
        if self.parts and self.parts[-1] == _LIST_MARK:
            return
        self.parts.append(newlines)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self._skipping += 1
        elif tag == "br":
            self.parts.append("\n")
        elif tag == "li":
            self.parts.append(_LIST_MARK)
        elif tag in _BLOCKS:
            self._pre += tag == "pre"
            self._break("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self._skipping = max(0, self._skipping - 1)
        elif tag == "li":
            self.parts.append("\n")
        elif tag in _BLOCKS:
            self._pre = max(0, self._pre - (tag == "pre"))
            self._break("\n\n")

    def handle_data(self, data: str) -> None:
        if self._skipping:
            return
        # Outside <pre>, a line break in the source is just a space, as a browser shows it.
        self.parts.append(data if self._pre else re.sub(r"\s+", " ", data))


def _collect(html: str) -> str:
    collector = _TextCollector()
    collector.feed(html)
    collector.close()
    return "".join(collector.parts)


def html_to_text(html: str) -> str:
    """The readable text of `html`: paragraphs separated by a blank line, entities decoded."""
    try:
        text = _collect(html)
    except AssertionError:
        # The standard parser asserts on some broken markup ("<![;"); the sanitiser's output
        # is well-formed, so read that instead.
        text = _collect(sanitize_html(html))
    lines = [re.sub(r"[ \t\r\f\v]+", " ", line).strip() for line in text.split("\n")]
    text = "\n".join(lines)
    # Items of one list follow each other without a blank line.
    text = re.sub(r"(?m)^(- .*)\n\n+(?=- )", "\\1\n", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def teaser(text: str, limit: int) -> str:
    """`text` if it fits in `limit` characters, else cut on a word boundary and ended with …"""
    text = text.strip()
    if len(text) <= limit:
        return text
    if limit <= 1:
        return ELLIPSIS[:limit] if limit > 0 else ""
    cut = text[: limit - 1]
    if not text[limit - 1].isspace():
        boundary = max((m.start() for m in re.finditer(r"\s", cut)), default=-1)
        # Only when it keeps most of the text: one long URL should not empty the teaser.
        if boundary > (limit - 1) // 2:
            cut = cut[:boundary]
    return (cut.rstrip(_TRAILING) or cut.rstrip()) + ELLIPSIS
