"""The admin home page: what the node holds and what waits for someone."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from sinet_node.storage.overview import overview
from sinet_node.web.admin_pages import admin_page
from sinet_node.web.auth import require_editor
from sinet_node.web.context import node_of


async def dashboard(request: Request) -> Response:
    await require_editor(request)
    node = node_of(request)
    async with node.sessions() as session:
        numbers = await overview(session, node.urls.actor)
    return await admin_page(request, "admin/dashboard.html", numbers=numbers)
