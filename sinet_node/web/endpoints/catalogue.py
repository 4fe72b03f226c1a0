"""The network's catalogue: practices, events and calls, with search, filters and paging.

Each listing reads its query string (``listing_params``), asks ``storage.listing`` for one
page with the facet counts, credits every result to its organisation and renders. The
same filter form works without JavaScript: a GET form of selects and a search box.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, time, timedelta
from typing import Any

from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from sinet_node.storage import catalogue_entry as facets
from sinet_node.storage import listing
from sinet_node.storage.catalogue_entry import query_words
from sinet_node.web import listing_params
from sinet_node.web.calendar import zone
from sinet_node.web.context import localiser_of, node_of, render
from sinet_node.web.credits import Credit, credits_for
from sinet_node.web.i18n.localiser import Localiser
from sinet_node.web.i18n.mark import N_
from sinet_node.web.names import facet_label


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    count: int
    selected: bool


@dataclass(frozen=True)
class Filter:
    name: str  # the query parameter, also the facet
    title: str
    options: list[Option]
    selected: str | None
    remove_url: str  # this page without this filter


@dataclass(frozen=True)
class Listing:
    """What differs between the catalogue pages."""

    kind: str
    template: str
    title: str  # English, marked with N_: translated when shown
    count: Callable[[Localiser, int], str]  # "12 practices", in the page's language
    facets: tuple[tuple[str, str], ...]  # (facet, what the filter is called, marked with N_)
    page_size: int
    order: listing.Order = "recent"
    # Adds the page's own conditions (open calls, upcoming events) to the search.
    refine: Callable[[Request, listing.Search], listing.Search] = lambda _request, search: search
    # More for the template, read from the query string.
    context: Callable[[Request], dict[str, Any]] = lambda _request: {}


def _filters(
    request: Request,
    spec: Listing,
    results: listing.Results,
    chosen: dict[str, str],
    credits: dict[str, Credit],
    l10n: Localiser,
) -> list[Filter]:
    shown = []
    for name, title in spec.facets:
        counts = results.facets.get(name, [])
        selected = chosen.get(name)
        if selected and all(count.value != selected for count in counts):
            # An unknown or exhausted value stays visible, so it can be seen and cleared.
            counts = [*counts, listing.FacetCount(selected, selected, 0)]
        options = [
            Option(
                count.value,
                credits[count.value].name
                if name == facets.ORGANISATION and count.value in credits
                else facet_label(name, count.value, count.label, l10n),
                count.count,
                count.value == selected,
            )
            for count in counts
        ]
        remove = request.url.remove_query_params([name, "page"])
        shown.append(Filter(name, l10n.gettext(title), options, selected, str(remove)))
    return shown


async def render_listing(request: Request, spec: Listing) -> Response:
    node = node_of(request)
    params = request.query_params
    query = listing_params.text(params, "q")
    chosen = listing_params.filters(params, tuple(name for name, _ in spec.facets))
    number = listing_params.page_number(params)
    search = spec.refine(
        request,
        listing.Search(kind=spec.kind, words=query_words(query), filters=chosen, order=spec.order),
    )
    pages = listing_params.Pages(number, spec.page_size, 0)
    async with node.sessions() as session:
        results = await listing.search(
            session,
            search,
            offset=pages.offset,
            limit=spec.page_size,
            facets=[name for name, _ in spec.facets],
        )
        authors = [row.attributed_to for row in results.rows]
        authors += [count.value for count in results.facets.get(facets.ORGANISATION, [])]
        credits = await credits_for(session, node.settings, node.urls, authors)
    pages = replace(pages, total=results.total)
    l10n = localiser_of(request)
    html = render(
        request,
        spec.template,
        title=l10n.gettext(spec.title),
        count=spec.count(l10n, results.total),
        query=query,
        results=results,
        rows=results.rows,
        credits=credits,
        filters=_filters(request, spec, results, chosen, credits, l10n),
        pages=pages,
        page_url=lambda page: str(request.url.include_query_params(page=page)),
        **spec.context(request),
    )
    return HTMLResponse(html)


def _now(request: Request) -> datetime:
    return node_of(request).clock()


def _open_calls(request: Request, search: listing.Search) -> listing.Search:
    node = node_of(request)
    closes_by = listing_params.day(request.query_params, "closes_by")
    until = None
    if closes_by is not None:
        # The end of that day where the node is: what a bare `closes` date means too.
        end = datetime.combine(closes_by + timedelta(days=1), time.min)
        until = end.replace(tzinfo=zone(node.settings.timezone))
    return replace(search, open_at=_now(request), closes_by=until)


def _upcoming(request: Request, search: listing.Search) -> listing.Search:
    return replace(search, not_over_at=_now(request))


PRACTICES = Listing(
    kind="practice",
    template="practices.html",
    title=N_("Practices"),
    count=lambda l10n, n: l10n.ngettext("%(num)d practice", "%(num)d practices", n) % {"num": n},
    facets=(
        (facets.CHALLENGE, N_("Challenge")),
        (facets.TARGET_GROUP, N_("Target group")),
        (facets.COUNTRY, N_("Country")),
        (facets.INNOVATION_TYPE, N_("Type of innovation")),
        (facets.EVIDENCE_LEVEL, N_("Evidence")),
        (facets.LANGUAGE, N_("Language")),
        (facets.ORGANISATION, N_("Organisation")),
    ),
    page_size=12,
)
EVENTS = Listing(
    kind="event",
    template="events.html",
    title=N_("Upcoming events"),
    count=lambda l10n, n: (
        l10n.ngettext("%(num)d upcoming event", "%(num)d upcoming events", n) % {"num": n}
    ),
    facets=(
        (facets.EVENT_TYPE, N_("Type of event")),
        (facets.COUNTRY, N_("Country")),
        (facets.LANGUAGE, N_("Language")),
        (facets.ORGANISATION, N_("Organisation")),
    ),
    page_size=20,
    order="starts",
    refine=_upcoming,
)
CALLS = Listing(
    kind="call",
    template="calls.html",
    title=N_("Volunteer board"),
    count=lambda l10n, n: l10n.ngettext("%(num)d open call", "%(num)d open calls", n) % {"num": n},
    facets=(
        (facets.SKILL, N_("Skill")),
        (facets.CITY, N_("Place")),
        (facets.REMOTE, N_("Remote")),
        (facets.LANGUAGE, N_("Language")),
        (facets.ORGANISATION, N_("Organisation")),
    ),
    page_size=20,
    order="closes",
    refine=_open_calls,
    context=lambda request: {"closes_by": listing_params.day(request.query_params, "closes_by")},
)


async def practices(request: Request) -> Response:
    return await render_listing(request, PRACTICES)


async def events(request: Request) -> Response:
    return await render_listing(request, EVENTS)


async def calls(request: Request) -> Response:
    return await render_listing(request, CALLS)
