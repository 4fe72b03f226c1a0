"""The events calendar: one month, each event on its days in its own time zone."""

from __future__ import annotations

from datetime import date

from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from sinet_node.storage import listing
from sinet_node.web import calendar, listing_params
from sinet_node.web.context import node_of, render
from sinet_node.web.credits import credits_for


async def month(request: Request) -> Response:
    node = node_of(request)
    today = node.clock().astimezone(calendar.zone(node.settings.timezone)).date()
    first = listing_params.month(request.query_params, today)
    after, before = calendar.month_range(first)
    async with node.sessions() as session:
        rows = await listing.events(session, after=after, before=before)
        credits = await credits_for(
            session, node.settings, node.urls, [row.attributed_to for row in rows]
        )
    weeks = calendar.weeks(first, rows, today)
    html = render(
        request,
        "calendar.html",
        first=first,
        weeks=weeks,
        has_events=any(cell.events for week in weeks for cell in week),
        previous=_within_range(calendar.shift(first, -1)),
        next=_within_range(calendar.shift(first, 1)),
        credits=credits,
    )
    return HTMLResponse(html)


def _within_range(first: date) -> date | None:
    """A month the calendar shows (no link past the years it accepts)."""
    in_range = listing_params.FIRST_YEAR <= first.year <= listing_params.LAST_YEAR
    return first if in_range else None
