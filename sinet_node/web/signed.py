"""The request as the signature code sees it: method, raw target, headers, exact body."""

from __future__ import annotations

from starlette.requests import Request

from sinet_node.federation.signatures import Headers, IncomingRequest


def incoming_request(request: Request, body: bytes) -> IncomingRequest:
    path = request.scope.get("raw_path", request.url.path.encode()).decode("latin-1")
    query = request.scope.get("query_string", b"").decode("latin-1")
    return IncomingRequest(
        method=request.method,
        target=f"{path}?{query}" if query else path,
        headers=Headers(request.headers.items()),
        body=body,
    )
