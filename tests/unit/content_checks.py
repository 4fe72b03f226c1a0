"""An independent check of sanitised HTML: parse it and list everything outside the allow-list."""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import urlsplit

ALLOWED = {
    "p", "br", "a", "strong", "em", "b", "i", "u", "s", "ul", "ol", "li", "blockquote", "code",
    "pre", "h2", "h3", "h4", "span",
}  # fmt: skip
REL = "nofollow noopener noreferrer"


class _Auditor(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED:
            self.problems.append(f"tag {tag}")
        names = {name for name, _ in attrs}
        allowed = {"a": {"href", "rel"}, "span": {"class"}}.get(tag, set())
        if names - allowed:
            self.problems.append(f"attributes {sorted(names - allowed)} on {tag}")
        values = dict(attrs)
        if tag == "a":
            if values.get("rel") != REL:
                self.problems.append(f"rel {values.get('rel')!r}")
            href = values.get("href")
            if href is not None and urlsplit(href.strip()).scheme.lower() not in (
                "http",
                "https",
                "mailto",
            ):
                self.problems.append(f"href {href!r}")

    handle_startendtag = handle_starttag


def problems(html: str) -> list[str]:
    """What in `html` is outside the allow-list (empty when the HTML is safe)."""
    auditor = _Auditor()
    auditor.feed(html)
    auditor.close()
    return auditor.problems
