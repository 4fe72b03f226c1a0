"""iCalendar feeds: one event, one organisation's events, and every event the node knows.

- /events/{token}.ics and /network/events/{id}.ics: one event (410 once it is deleted);
- /users/{username}/events.ics: our organisation's events;
- /events.ics: every event the node knows; ?organiser=ACTOR_ID narrows it to one
  organisation (ours or a peer's), the link a remote event's page offers.

Feeds list events that end after RECENT_DAYS ago, so a subscriber still sees last week's.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Final

from starlette.requests import Request
from starlette.responses import Response

from sinet_node.storage import actors as actor_store
from sinet_node.storage import listing
from sinet_node.storage.models import StoredObject
from sinet_node.web.calendar_feed import CONTENT_TYPE, calendar
from sinet_node.web.context import node_of, site_of
from sinet_node.web.endpoints.objects import local_row, network_row, publication_view
from sinet_node.web.problem import HTTPProblem
from sinet_node.web.publication_view import load_views, safe_link

RECENT_DAYS: Final = 90
# Soonest first from RECENT_DAYS ago: a bound on the work and the body (unbounded, 1,753
# events took 2.2 s of event-loop CPU in bench/bench_catalogue.py at 10,000 practices).
MAX_FEED_EVENTS: Final = 500
MAX_ACTOR_ID: Final = 2048
_EVENT = "event"


def _ics(body: bytes, filename: str) -> Response:
    return Response(
        body,
        media_type=CONTENT_TYPE,
        headers={
            "Content-Disposition": f'inline; filename="{filename}.ics"',
            "Cache-Control": "public, max-age=300",
        },
    )


async def _single(request: Request, row: StoredObject, filename: str) -> Response:
    if row.deleted_at is not None:
        raise HTTPProblem(410, "this event was deleted")
    view = await publication_view(request, row)
    return _ics(calendar([view], name=view.title, now=site_of(request).now), filename)


async def event(request: Request) -> Response:
    token = request.path_params["token"]
    return await _single(request, await local_row(request, _EVENT, token), token)


async def network_event(request: Request) -> Response:
    row_id = request.path_params["row_id"]
    return await _single(request, await network_row(request, _EVENT, row_id), f"event-{row_id}")


async def _listing(request: Request, organiser: str | None, name: str, filename: str) -> Response:
    node = node_of(request)
    site = site_of(request)
    async with node.sessions() as session:
        rows = await listing.events(
            session,
            after=site.now - timedelta(days=RECENT_DAYS),
            organisation=organiser,
            limit=MAX_FEED_EVENTS,
        )
        views = await load_views(session, rows, site)
    return _ics(calendar(views, name=name, now=site.now), filename)


async def organisation(request: Request) -> Response:
    node = node_of(request)
    if request.path_params["username"] != node.settings.username:
        raise HTTPProblem(404, "no such organisation on this node")
    return await _listing(
        request, node.urls.actor, f"Events of {node.settings.name}", node.settings.username
    )


async def node_events(request: Request) -> Response:
    node = node_of(request)
    organiser = request.query_params.get("organiser")
    if organiser is None:
        return await _listing(request, None, f"Events known to {node.settings.name}", "events")
    if len(organiser) > MAX_ACTOR_ID or safe_link(organiser) is None:
        raise HTTPProblem(400, "organiser must be the id (an http(s) URL) of an organisation")
    if organiser == node.urls.actor:
        name = node.settings.name
    else:
        async with node.sessions() as session:
            actor = await actor_store.by_uri(session, organiser)
        if actor is None:
            raise HTTPProblem(404, "this node knows no organisation with that id")
        name = actor.name or actor.preferred_username or organiser
    return await _listing(request, organiser, f"Events of {name}", "events")
