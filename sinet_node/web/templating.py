"""The Jinja2 environment over the templates shipped inside the package."""

from __future__ import annotations

import contextlib
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from jinja2 import Environment, PackageLoader, pass_context, select_autoescape
from jinja2.runtime import Context
from markupsafe import Markup, escape

from sinet_node.storage.models import StoredObject
from sinet_node.web import session_state, wording
from sinet_node.web.event_time import day_text, zone_of
from sinet_node.web.names import country_name, language_name
from sinet_node.web.publication_view import closes_text, page_url, safe_link


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


def _day(value: datetime, timezone: str) -> str:
    """'2 March 2026': the date of `value` in the node's zone."""
    zone = zone_of(timezone)
    return day_text((value.astimezone(zone) if zone else value).date(), weekday=False)


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
        if isinstance(href, str) and safe_link(href):
            return href
    return fallback


def _link_label(url: str, limit: int = 48) -> str:
    """A link as people read it: no scheme or trailing slash; when long, the host and the
    last part of the path ('example.org/…/toolkit.pdf')."""
    text = url.split("://", 1)[-1].rstrip("/")
    if len(text) <= limit:
        return text
    host, _, path = text.partition("/")
    return f"{host}/\u2026/{path.rsplit('/', 1)[-1]}" if path else text


@pass_context
def _page_url(context: Context, row: StoredObject) -> str:
    """Where a card links: our page of the object (see publication_view.page_url)."""
    return page_url(row, context["urls"])


@pass_context
def _csrf_field(context: Context) -> Markup:
    """The hidden CSRF input every form carries (checked by auth.checked_form)."""
    token = session_state.csrf_token(context["request"])
    return Markup('<input type="hidden" name="csrf_token" value="%s">') % escape(token)


def create_templates() -> Environment:
    env = Environment(
        loader=PackageLoader("sinet_node.web", "templates"),
        autoescape=select_autoescape(["html", "xml"]),
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=["jinja2.ext.i18n"],
    )
    env.install_null_translations(newstyle=True)  # type: ignore[attr-defined]
    env.filters["when"] = _format_time
    env.filters["lead"] = _lead
    env.filters["web_url"] = _web_url
    env.filters["country_name"] = country_name
    env.filters["language_name"] = language_name

    env.filters["day"] = _day
    env.filters["link_label"] = _link_label
    env.filters["closes_text"] = closes_text
    env.filters["page_url"] = _page_url
    env.globals.update(
        kind_labels=wording.KIND_LABELS,
        evidence=wording.EVIDENCE,
        innovation=wording.INNOVATION,
        join_modes=wording.JOIN_MODES,
        event_types=wording.EVENT_TYPES,
        country_name=country_name,
        csrf_field=_csrf_field,
    )
    return env
