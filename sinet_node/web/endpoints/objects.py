"""Our practices, events and calls (and activities): one URL, HTML or ActivityStreams.

A deleted object answers 410 Gone with a Tombstone, to peers and browsers alike.
"""

from __future__ import annotations

import re
from pathlib import Path

from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, Response

from sinet_node.federation.activities import tombstone
from sinet_node.storage import objects as object_store
from sinet_node.storage import outbox as outbox_store
from sinet_node.web.authorized_fetch import require_signature_if_configured
from sinet_node.web.context import node_of, render
from sinet_node.web.negotiation import activity_response, wants_activity_json
from sinet_node.web.problem import HTTPProblem

TOKEN = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
MEDIA_NAME = re.compile(r"^[a-f0-9]{16,64}\.(png|jpe?g|gif|webp)$")


async def publication(request: Request) -> Response:
    node = node_of(request)
    token = request.path_params["token"]
    if not TOKEN.match(token):
        raise HTTPProblem(404, "no such object")
    uri = f"{node.urls.base}{request.url.path}"
    async with node.sessions() as session:
        row = await object_store.by_uri(session, uri)
    if row is None or not row.local:
        raise HTTPProblem(404, f"no object at {uri}")
    as_json = wants_activity_json(request)
    if as_json:
        await require_signature_if_configured(request)
    if row.deleted_at is not None:
        gone = tombstone(row.uri, row.type, row.deleted_at)
        if as_json:
            return activity_response(gone, status_code=410)
        html = render(request, "tombstone.html", object=row, tombstone=gone)
        return HTMLResponse(html, status_code=410, headers={"Vary": "Accept"})
    if as_json:
        return activity_response(row.document)
    html = render(request, "object.html", object=row, doc=row.document)
    return HTMLResponse(html, headers={"Vary": "Accept"})


async def activity(request: Request) -> Response:
    node = node_of(request)
    uri = f"{node.urls.base}{request.url.path}"
    async with node.sessions() as session:
        row = await outbox_store.activity_by_uri(session, uri)
    if row is None or not row.public:
        raise HTTPProblem(404, f"no public activity at {uri}")
    await require_signature_if_configured(request)
    return activity_response(row.document)


async def media(request: Request) -> Response:
    name = request.path_params["name"]
    if not MEDIA_NAME.match(name):
        raise HTTPProblem(404, "no such file")
    path = Path(node_of(request).settings.data_dir) / "media" / name
    if not path.is_file():
        raise HTTPProblem(404, "no such file")
    return FileResponse(path, headers={"Cache-Control": "public, max-age=31536000, immutable"})
