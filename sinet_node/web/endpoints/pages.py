"""Plain pages: home, vocabulary, hashtags."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from sinet_node.objects.vocab import SINET_NS, TERMS
from sinet_node.storage import objects as object_store
from sinet_node.web.context import node_of, render


async def home(request: Request) -> Response:
    node = node_of(request)
    async with node.sessions() as session:
        objects = await object_store.listing(session)
    return HTMLResponse(render(request, "home.html", objects=objects[:30]))


async def vocabulary(request: Request) -> Response:
    return HTMLResponse(render(request, "vocabulary.html", terms=TERMS, namespace=SINET_NS))


async def hashtag(request: Request) -> Response:
    node = node_of(request)
    tag = request.path_params["tag"].lower()
    async with node.sessions() as session:
        objects = await object_store.listing(session)
    tagged = [
        row
        for row in objects
        if any(
            isinstance(t, dict) and str(t.get("name", "")).lstrip("#").lower() == tag
            for t in row.document.get("tag", []) or []
        )
    ]
    return HTMLResponse(render(request, "tag.html", tag=tag, objects=tagged))
