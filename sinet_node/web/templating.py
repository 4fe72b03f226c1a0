"""The Jinja2 environment over the templates shipped inside the package."""

from __future__ import annotations

import contextlib
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from jinja2 import Environment, PackageLoader, select_autoescape

from sinet_node.web.names import country_name, language_name


def _format_time(value: Any, timezone: str | None = None, fmt: str = "%A %d %B %Y, %H:%M") -> str:
    """A date-time for people, in the given IANA zone (an event's own) when there is one."""
    moment: datetime | None = value if isinstance(value, datetime) else None
    if isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return value
    if moment is None:
        return ""
    if timezone and moment.tzinfo is not None:
        with contextlib.suppress(ZoneInfoNotFoundError, ValueError):
            moment = moment.astimezone(ZoneInfo(timezone))
    return moment.strftime(fmt)


def _as_list(value: Any) -> list[Any]:
    """ActivityStreams allows one value or a list: templates always iterate a list."""
    if value is None:
        return []
    return list(value) if isinstance(value, list | tuple) else [value]


def _lead(summary: Any) -> str:
    """The author's own words: the teaser's first paragraph (the facts follow it)."""
    return str(summary or "").split("\n\n", 1)[0]


def _web_url(value: Any, fallback: str) -> str:
    """A link people can follow: the first http(s) URL of `url` (a string, a Link or a list
    of them, as peers send it), else the fallback. Never a javascript: or data: link."""
    for item in _as_list(value):
        href = item.get("href") if isinstance(item, dict) else item
        if isinstance(href, str) and href.startswith(("https://", "http://")):
            return href
    return fallback


def create_templates() -> Environment:
    env = Environment(
        loader=PackageLoader("sinet_node.web", "templates"),
        autoescape=select_autoescape(["html", "xml"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["when"] = _format_time
    env.filters["as_list"] = _as_list
    env.filters["lead"] = _lead
    env.filters["web_url"] = _web_url
    env.filters["country_name"] = country_name
    env.filters["language_name"] = language_name
    return env
