"""Practices, events and calls (and our activities): ours on their own URL, as HTML or
ActivityStreams; a peer's as a credited copy under /network/.

A deleted object answers 410 Gone with a Tombstone, to peers and browsers alike.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Final

from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, RedirectResponse, Response

from sinet_node.federation import activities
from sinet_node.federation.urls import KIND_PATHS
from sinet_node.storage import actors as actor_store
from sinet_node.storage import objects as object_store
from sinet_node.storage import outbox as outbox_store
from sinet_node.storage.models import StoredObject
from sinet_node.web import structured_data
from sinet_node.web.authorized_fetch import require_signature_if_configured
from sinet_node.web.context import localiser_of, node_of, render, site_of
from sinet_node.web.negotiation import wants_activity_json
from sinet_node.web.problem import HTTPProblem
from sinet_node.web.proven import proven_response
from sinet_node.web.publication_view import PublicationView, Unviewable, build_view

TOKEN: Final = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
ROW_ID: Final = re.compile(r"^[1-9][0-9]{0,17}$")
MEDIA_NAME: Final = re.compile(r"^[a-f0-9]{16,64}\.(png|jpe?g|gif|webp)$")
KINDS_BY_PATH: Final = {path: kind for kind, path in KIND_PATHS.items()}
VARY: Final = {"Vary": "Accept"}


def _current(row: StoredObject) -> dict[str, Any]:
    return activities.current_object(row.document, row.type, row.deleted_at)


async def local_row(request: Request, kind: str, token: str) -> StoredObject:
    """Our object of `kind` with this token (deleted ones too), or 404."""
    node = node_of(request)
    if not TOKEN.match(token):
        raise HTTPProblem(404, "no such object")
    uri = node.urls.object(kind, token)
    async with node.sessions() as session:
        row = await object_store.by_uri(session, uri)
    if row is None or not row.local or row.kind != kind:
        raise HTTPProblem(404, f"no {kind} at {uri}")
    return row


async def network_row(request: Request, kind: str, row_id: str) -> StoredObject:
    """A peer's object of `kind` that this node holds, by its row id, or 404."""
    node = node_of(request)
    if not ROW_ID.match(row_id):
        raise HTTPProblem(404, "no such object")
    async with node.sessions() as session:
        row = await session.get(StoredObject, int(row_id))
    if row is None or row.local or row.kind != kind:
        raise HTTPProblem(404, f"this node holds no {kind} numbered {row_id}")
    return row


async def publication_view(
    request: Request, row: StoredObject, reader: str | None = None
) -> PublicationView:
    """The view of `row`, in the language `reader` when it has a translation into it."""
    node = node_of(request)
    async with node.sessions() as session:
        actor = None if row.local else await actor_store.by_uri(session, row.attributed_to or "")
    try:
        return build_view(row, actor, site_of(request), reader)
    except Unviewable as exc:
        raise HTTPProblem(404, "this object cannot be shown") from exc


async def _page(request: Request, row: StoredObject) -> Response:
    view = await publication_view(request, row, localiser_of(request).language)
    if view.deleted:
        html = render(request, "tombstone.html", view=view, deleted=row.deleted_at)
        return HTMLResponse(html, status_code=410, headers=VARY)
    html = render(
        request,
        "object.html",
        view=view,
        og=structured_data.open_graph(view, node_of(request).settings.name),
        description=structured_data.description(view),
        json_ld=structured_data.json_ld(view),
    )
    return HTMLResponse(html, headers=VARY)


def _kind_of_path(request: Request) -> str:
    return KINDS_BY_PATH[request.url.path.split("/")[1]]


async def publication(request: Request) -> Response:
    """/practices/{token}, /events/{token}, /calls/{token}: negotiated."""
    row = await local_row(request, _kind_of_path(request), request.path_params["token"])
    if wants_activity_json(request):
        await require_signature_if_configured(request)
        status = 410 if row.deleted_at is not None else 200  # Gone, with a Tombstone
        return proven_response(request, _current(row), status_code=status)
    return await _page(request, row)


async def network_publication(request: Request) -> Response:
    """/network/{practices|events|calls}/{id}: a peer's object, credited to its organisation.
    A federation request is sent to the original: the document is the origin's to serve."""
    kind = KINDS_BY_PATH.get(request.path_params["kinds"])
    if kind is None:
        raise HTTPProblem(404, "no such kind of object")
    row = await network_row(request, kind, request.path_params["row_id"])
    if wants_activity_json(request):
        return RedirectResponse(row.uri, status_code=303, headers=VARY)
    return await _page(request, row)


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
    return proven_response(request, activities.with_current_object(row.document, current))


async def media(request: Request) -> Response:
    name = request.path_params["name"]
    if not MEDIA_NAME.match(name):
        raise HTTPProblem(404, "no such file")
    path = Path(node_of(request).settings.data_dir) / "media" / name
    if not path.is_file():
        raise HTTPProblem(404, "no such file")
    return FileResponse(path, headers={"Cache-Control": "public, max-age=31536000, immutable"})
