"""WebFinger, host-meta and NodeInfo."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from sinet_node.federation import discovery
from sinet_node.jsonio import dumps
from sinet_node.storage import objects as object_store
from sinet_node.web.context import node_of
from sinet_node.web.problem import HTTPProblem

CORS = {"Access-Control-Allow-Origin": "*"}


def _json(document: object, media_type: str = "application/json") -> Response:
    return Response(dumps(document), media_type=media_type, headers=CORS)


async def webfinger(request: Request) -> Response:
    node = node_of(request)
    try:
        actor_id = discovery.resolve_resource(request.query_params.get("resource"), node.urls)
    except discovery.ResourceError as exc:
        raise HTTPProblem(400, str(exc), headers=CORS) from exc
    except discovery.UnknownResource as exc:
        raise HTTPProblem(404, str(exc), headers=CORS) from exc
    return _json(discovery.webfinger(actor_id, node.urls), "application/jrd+json")


async def host_meta(request: Request) -> Response:
    body = discovery.host_meta(node_of(request).urls)
    return Response(body, media_type="application/xrd+xml", headers=CORS)


async def nodeinfo_links(request: Request) -> Response:
    return _json(discovery.nodeinfo_links(node_of(request).urls))


async def nodeinfo(request: Request) -> Response:
    node = node_of(request)
    async with node.sessions() as session:
        posts = await object_store.count_local(session)
    document = discovery.nodeinfo(node.urls, node_name=node.settings.name, local_posts=posts)
    media_type = f'application/json; profile="{discovery.NODEINFO_SCHEMA}#"'
    return _json(document, media_type)
