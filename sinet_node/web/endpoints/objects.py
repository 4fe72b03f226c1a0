"""Our practices, events and calls (and activities): one URL, HTML or ActivityStreams.

A deleted object answers 410 Gone with a Tombstone, to peers and browsers alike.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, Response

from sinet_node.federation import activities
from sinet_node.storage import objects as object_store
from sinet_node.storage import outbox as outbox_store
from sinet_node.storage.models import StoredObject
from sinet_node.web.authorized_fetch import require_signature_if_configured
from sinet_node.web.context import node_of, render
from sinet_node.web.negotiation import activity_response, wants_activity_json
from sinet_node.web.problem import HTTPProblem

TOKEN = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
MEDIA_NAME = re.compile(r"^[a-f0-9]{16,64}\.(png|jpe?g|gif|webp)$")


def _current(row: StoredObject) -> dict[str, Any]:
    return activities.current_object(row.document, row.type, row.deleted_at)


async def publication(request: Request) -> Response:
    node = node_of(request)
    if not TOKEN.match(request.path_params["token"]):
        raise HTTPProblem(404, "no such object")
    uri = f"{node.urls.base}{request.url.path}"
    async with node.sessions() as session:
        row = await object_store.by_uri(session, uri)
    if row is None or not row.local:
        raise HTTPProblem(404, f"no object at {uri}")
    status = 410 if row.deleted_at is not None else 200  # Gone, with a Tombstone
    if wants_activity_json(request):
        await require_signature_if_configured(request)
        return activity_response(_current(row), status_code=status)
    template = "tombstone.html" if status == 410 else "object.html"
    html = render(request, template, object=row, doc=_current(row))
    return HTMLResponse(html, status_code=status, headers={"Vary": "Accept"})


async def activity(request: Request) -> Response:
    """One of our public activities; a Create or Update shows its object as it is now."""
    node = node_of(request)
    uri = f"{node.urls.base}{request.url.path}"
    async with node.sessions() as session:
        row = await outbox_store.activity_by_uri(session, uri)
        if row is None or not row.public:
            raise HTTPProblem(404, f"no public activity at {uri}")
        stored = await object_store.by_uri(session, row.object_uri) if row.object_uri else None
    await require_signature_if_configured(request)
    current = _current(stored) if stored else None
    return activity_response(activities.with_current_object(row.document, current))


async def media(request: Request) -> Response:
    name = request.path_params["name"]
    if not MEDIA_NAME.match(name):
        raise HTTPProblem(404, "no such file")
    path = Path(node_of(request).settings.data_dir) / "media" / name
    if not path.is_file():
        raise HTTPProblem(404, "no such file")
    return FileResponse(path, headers={"Cache-Control": "public, max-age=31536000, immutable"})
