"""The Jinja2 environment over the templates shipped inside the package.

One environment serves every request and every language: the words of a page come from the
``l10n`` (a ``Localiser``) and the gettext functions that ``context.render`` puts in each
template's context, and the filters below that write dates and names read the same ``l10n``.
"""

from __future__ import annotations

import contextlib
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from jinja2 import Environment, PackageLoader, pass_context, select_autoescape
from jinja2.runtime import Context
from markupsafe import Markup, escape

from sinet_node.storage.models import StoredObject
from sinet_node.web import names, session_state
from sinet_node.web.event_time import EventTime, describe, zone_of
from sinet_node.web.i18n.localiser import ENGLISH, Localiser
from sinet_node.web.publication_view import RowText, closes_text, page_url, row_text, safe_link


def l10n_of(context: Context) -> Localiser:
    l10n = context.get("l10n")
    return l10n if isinstance(l10n, Localiser) else ENGLISH


def _moment(value: Any, timezone: str | None) -> datetime | None:
    """`value` (a datetime or an ISO 8601 string) in the IANA zone `timezone` when given."""
    moment: datetime | None = value if isinstance(value, datetime) else None
    if isinstance(value, str):
        try:
            moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            return None
    if moment is not None and timezone and moment.tzinfo is not None:
        with contextlib.suppress(ZoneInfoNotFoundError, ValueError):
            moment = moment.astimezone(ZoneInfo(timezone))
    return moment


@pass_context
def _when(context: Context, value: Any, timezone: str | None = None) -> str:
    """A date and time for people, in the given zone (an event's own) when there is one:
    'Thursday 29 April 2027, 10:00'. A string that is not a date is shown as it is."""
    moment = _moment(value, timezone)
    if moment is None:
        return value if isinstance(value, str) else ""
    l10n = l10n_of(context)
    return f"{l10n.day(moment.date())}, {l10n.time(moment)}"


@pass_context
def _stamp(context: Context, value: Any, timezone: str | None = None) -> str:
    """When something happened, compactly, for the admin tables: '29 Apr 2027, 10:00 CEST'
    (the zone's abbreviation, as the node's clock reads)."""
    moment = _moment(value, timezone)
    if moment is None:
        return value if isinstance(value, str) else ""
    l10n = l10n_of(context)
    zone = moment.tzname() or ""
    return f"{l10n.short_day(moment.date())}, {l10n.time(moment)} {zone}".rstrip()


@pass_context
def _date(context: Context, value: Any, timezone: str | None = None) -> str:
    """'29 April 2027': the date of `value` (a datetime or ISO string) in `timezone`."""
    moment = _moment(value, timezone)
    if moment is None:
        return value if isinstance(value, str) else ""
    return l10n_of(context).day(moment.date(), weekday=False)


@pass_context
def _day(context: Context, value: datetime, timezone: str) -> str:
    """'2 March 2026': the date of `value` in the node's zone."""
    zone = zone_of(timezone)
    day = (value.astimezone(zone) if zone else value).date()
    return l10n_of(context).day(day, weekday=False)


@pass_context
def _event_text(context: Context, when: EventTime) -> str:
    return describe(when, l10n_of(context))


@pass_context
def _closes_text(context: Context, closes: datetime) -> str:
    return closes_text(closes, l10n_of(context))


@pass_context
def _country_name(context: Context, code: Any) -> str:
    return l10n_of(context).country(code) if isinstance(code, str) and code else ""


@pass_context
def _language_name(context: Context, tag: Any) -> str:
    return l10n_of(context).language_name(tag) if isinstance(tag, str) and tag else ""


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


@pass_context
def _row_text(context: Context, row: StoredObject) -> RowText:
    """A card's name and teaser in the reader's language when the object has them."""
    return row_text(row, l10n_of(context).language)


def _with_l10n(function: Any) -> Any:
    """A `names` function (words for a code) as a template function of the page's language."""

    @pass_context
    def in_page_language(context: Context, *args: Any) -> Any:
        return function(*args, l10n_of(context))

    return in_page_language


def create_templates() -> Environment:
    env = Environment(
        loader=PackageLoader("sinet_node.web", "templates"),
        autoescape=select_autoescape(["html", "xml"]),
        trim_blocks=True,
        lstrip_blocks=True,
        extensions=["jinja2.ext.i18n"],
    )
    # {% trans %} blocks fold their white space, so a message reads the same however the
    # template wraps it (the extractor is told the same in babel.cfg).
    env.policies["ext.i18n.trimmed"] = True
    # English until a render passes its own gettext (context.render always does).
    env.install_null_translations(newstyle=True)  # type: ignore[attr-defined]
    env.filters["when"] = _when
    env.filters["date"] = _date
    env.filters["stamp"] = _stamp
    env.filters["day"] = _day
    env.filters["event_text"] = _event_text
    env.filters["closes_text"] = _closes_text
    env.filters["country_name"] = _country_name
    env.filters["language_name"] = _language_name
    env.filters["lead"] = _lead
    env.filters["web_url"] = _web_url
    env.filters["link_label"] = _link_label
    env.filters["page_url"] = _page_url
    env.globals.update(
        csrf_field=_csrf_field,
        row_text=_row_text,
        kind_label=_with_l10n(names.kind_label),
        event_type_label=_with_l10n(names.event_type_label),
        join_mode_label=_with_l10n(names.join_mode_label),
        organisation_kind=_with_l10n(names.organisation_kind),
        evidence_levels=_with_l10n(names.evidence_levels),
        innovation=_with_l10n(names.innovation),
        place=_with_l10n(names.place),
        challenge_label=_with_l10n(names.challenge_label),
        target_group_label=_with_l10n(names.target_group_label),
        is_known_phrase=names.is_known_phrase,
        error_page=_with_l10n(names.error_page),
    )
    return env
