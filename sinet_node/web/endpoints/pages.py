"""Plain pages: home, vocabulary, hashtags."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from sinet_node.objects.vocab import SINET_NS, TERMS
from sinet_node.storage import listing
from sinet_node.storage.catalogue_entry import ORGANISATION
from sinet_node.web.context import node_of, render
from sinet_node.web.credits import own_credit

HOME_ITEMS = 6


async def home(request: Request) -> Response:
    """The organisation, and what it has published lately, soon and still open."""
    node = node_of(request)
    now = node.clock()
    ours = {ORGANISATION: node.urls.actor}
    async with node.sessions() as session:
        practices = await listing.search(
            session, listing.Search(kind="practice", filters=ours), limit=HOME_ITEMS
        )
        events = await listing.events(
            session, after=now, organisation=node.urls.actor, limit=HOME_ITEMS
        )
        calls = await listing.search(
            session,
            listing.Search(kind="call", filters=ours, open_at=now, order="closes"),
            limit=HOME_ITEMS,
        )
        totals = await listing.totals(session)
    organisation = own_credit(node.settings, node.urls)
    html = render(
        request,
        "home.html",
        organisation=organisation,
        practices=practices.rows,
        events=events,
        calls=calls.rows,
        totals=totals,
    )
    return HTMLResponse(html)


async def vocabulary(request: Request) -> Response:
    return HTMLResponse(render(request, "vocabulary.html", terms=TERMS, namespace=SINET_NS))


async def hashtag(request: Request) -> Response:
    node = node_of(request)
    tag = request.path_params["tag"].lower()
    async with node.sessions() as session:
        tagged = await listing.tagged(session, tag)
    return HTMLResponse(render(request, "tag.html", tag=tag, objects=tagged))
