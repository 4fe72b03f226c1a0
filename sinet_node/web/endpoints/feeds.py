"""/users/{username}/feed.rss and /feed.atom: the organisation's latest publications."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Final

from starlette.requests import Request
from starlette.responses import Response

from sinet_node.storage import objects as object_store
from sinet_node.web import syndication
from sinet_node.web.context import node_of, site_of
from sinet_node.web.problem import HTTPProblem
from sinet_node.web.publication_view import PublicationView, load_views

FEED_SIZE: Final = 50

Writer = Callable[[syndication.FeedInfo, Sequence[PublicationView]], bytes]


async def _feed(request: Request, write: Writer, content_type: str) -> Response:
    node = node_of(request)
    if request.path_params["username"] != node.settings.username:
        raise HTTPProblem(404, "no such organisation on this node")
    site = site_of(request)
    async with node.sessions() as session:
        rows = await object_store.listing(session, local_only=True, limit=FEED_SIZE)
        views = await load_views(session, rows, site)
    info = syndication.FeedInfo(
        title=node.settings.name,
        description=node.settings.summary,
        home_url=node.urls.profile,
        self_url=f"{node.urls.base}{request.url.path}",
        feed_id=node.urls.actor,
        language=node.settings.language,
        now=site.now,
    )
    return Response(
        write(info, views),
        media_type=content_type,
        headers={"Cache-Control": "public, max-age=300"},
    )


async def rss(request: Request) -> Response:
    return await _feed(request, syndication.rss, syndication.RSS_CONTENT_TYPE)


async def atom(request: Request) -> Response:
    return await _feed(request, syndication.atom, syndication.ATOM_CONTENT_TYPE)
