"""Reading a served HTML page the way a browser, a link preview or a crawler does.

``HtmlPage`` parses with the standard library's HTML parser (the same tokenising rules a
browser's parser follows for script data) and keeps what the tests look at: the visible text,
the links, meta tags, <link rel=alternate> entries and the contents of each <script>.

Errors: none (any text parses).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

_VOID = {"meta", "link", "img", "br", "input", "hr", "source"}
_INVISIBLE = {"script", "style", "title", "head"}


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    text: str = ""


@dataclass
class HtmlPage:
    elements: list[Element] = field(default_factory=list)
    scripts: list[Element] = field(default_factory=list)
    visible: list[str] = field(default_factory=list)

    @classmethod
    def parse(cls, html: str) -> HtmlPage:
        parser = _Parser()
        parser.feed(html)
        parser.close()
        return parser.page

    @property
    def text(self) -> str:
        """The visible text with runs of white space made single spaces."""
        return re.sub(r"\s+", " ", " ".join(self.visible)).strip()

    def all(self, tag: str, **attrs: str) -> list[Element]:
        return [
            element
            for element in self.elements
            if element.tag == tag
            and all(element.attrs.get(key.rstrip("_")) == value for key, value in attrs.items())
        ]

    def meta(self, key: str) -> list[str]:
        """The content of every <meta property=KEY> or <meta name=KEY>."""
        return [
            element.attrs.get("content", "")
            for element in self.elements
            if element.tag == "meta"
            and key in (element.attrs.get("property"), element.attrs.get("name"))
        ]

    def one_meta(self, key: str) -> str:
        values = self.meta(key)
        assert len(values) == 1, f"expected one meta {key}, found {values}"
        return values[0]

    def alternates(self, media_type: str) -> list[str]:
        return [
            element.attrs["href"]
            for element in self.all("link", rel="alternate", type=media_type)
            if "href" in element.attrs
        ]

    def hrefs(self) -> list[str]:
        return [element.attrs["href"] for element in self.all("a") if "href" in element.attrs]

    def json_ld(self) -> Any:
        [script] = [s for s in self.scripts if s.attrs.get("type") == "application/ld+json"]
        return json.loads(script.text)


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = HtmlPage()
        self._open: list[Element] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {key: value or "" for key, value in attrs})
        self.page.elements.append(element)
        if tag == "script":
            self.page.scripts.append(element)
        if tag in _VOID:
            return
        self._open.append(element)
        if tag in _INVISIBLE:
            self._hidden += 1

    def handle_endtag(self, tag: str) -> None:
        for index in range(len(self._open) - 1, -1, -1):
            if self._open[index].tag == tag:
                for closed in self._open[index:]:
                    if closed.tag in _INVISIBLE:
                        self._hidden -= 1
                del self._open[index:]
                return

    def handle_data(self, data: str) -> None:
        for element in self._open:
            element.text += data
        if not self._hidden:
            self.page.visible.append(data)
