"""POST to an inbox: size and content type here, everything else in federation.inbox."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from sinet_node.federation.inbox import MAX_ACTIVITY_BYTES, InboxRejection, receive
from sinet_node.web.context import node_of
from sinet_node.web.negotiation import is_activity_content_type
from sinet_node.web.problem import HTTPProblem
from sinet_node.web.signed import incoming_request


async def read_capped_body(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared is not None:
        if not declared.isdigit():
            raise HTTPProblem(400, "Content-Length is not a number")
        if int(declared) > limit:
            raise HTTPProblem(413, f"the body is limited to {limit} bytes")
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise HTTPProblem(413, f"the body is limited to {limit} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


async def inbox(request: Request) -> Response:
    node = node_of(request)
    username = request.path_params.get("username")
    if username is not None and username != node.settings.username:
        raise HTTPProblem(404, f"no actor {username!r} on this node")
    content_type = request.headers.get("content-type", "")
    if not is_activity_content_type(content_type):
        raise HTTPProblem(
            415,
            "send application/activity+json or "
            'application/ld+json; profile="https://www.w3.org/ns/activitystreams"',
        )
    body = await read_capped_body(request, MAX_ACTIVITY_BYTES)
    incoming = incoming_request(request, body)
    try:
        await receive(node, incoming, recipient=str(node.urls.base + request.url.path))
    except InboxRejection as exc:
        raise HTTPProblem(exc.status, exc.detail, reason=exc.reason) from exc
    return Response(status_code=202)
