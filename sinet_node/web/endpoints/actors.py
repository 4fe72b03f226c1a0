"""Our two actors, as ActivityStreams to peers and as a profile page to browsers."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from sinet_node.federation.actor_updates import actor_document
from sinet_node.federation.membership.registry import own_member, signed_statement
from sinet_node.storage import follows as follow_store
from sinet_node.storage import objects as object_store
from sinet_node.storage.keys import INSTANCE, ORGANISATION
from sinet_node.web.authorized_fetch import require_signature_if_configured
from sinet_node.web.context import node_of, render
from sinet_node.web.negotiation import activity_response, wants_activity_json
from sinet_node.web.problem import HTTPProblem
from sinet_node.web.proven import proven_response


def _check_username(request: Request) -> None:
    username = request.path_params["username"]
    if username != node_of(request).settings.username:
        raise HTTPProblem(404, f"no actor {username!r} on this node")


async def organisation(request: Request) -> Response:
    _check_username(request)
    node = node_of(request)
    if not wants_activity_json(request):
        return RedirectResponse(node.urls.profile, status_code=303, headers={"Vary": "Accept"})
    await require_signature_if_configured(request)
    return proven_response(request, actor_document(node, ORGANISATION))


async def instance(request: Request) -> Response:
    # Always answerable unsigned: two authorized-fetch servers would otherwise deadlock
    # fetching each other's keys.
    node = node_of(request)
    if not wants_activity_json(request):
        return RedirectResponse(node.urls.base + "/", status_code=303, headers={"Vary": "Accept"})
    return proven_response(request, actor_document(node, INSTANCE))


async def profile(request: Request) -> Response:
    _check_username(request)
    node = node_of(request)
    if wants_activity_json(request):
        return await organisation(request)
    async with node.sessions() as session:
        objects = await object_store.listing(session, local_only=True)
        followers = await follow_store.count_followers(session, node.urls.actor)
    html = render(request, "profile.html", objects=objects, followers=followers)
    return HTMLResponse(html, headers={"Vary": "Accept"})


async def membership(request: Request) -> Response:
    """Our membership statement, proven by the instance actor (readable unsigned)."""
    node = node_of(request)
    return activity_response(signed_statement(node, await own_member(node)))
