"""Authorized fetch: when the setting is on, GETs of our actor and objects must be signed."""

from __future__ import annotations

from starlette.requests import Request

from sinet_node.federation.authenticate import authenticate_get
from sinet_node.federation.signatures import SignatureError
from sinet_node.web.context import node_of
from sinet_node.web.problem import HTTPProblem
from sinet_node.web.signed import incoming_request


async def require_signature_if_configured(request: Request) -> None:
    node = node_of(request)
    if not node.settings.authorized_fetch:
        return
    try:
        await authenticate_get(node, incoming_request(request, b""))
    except SignatureError as exc:
        raise HTTPProblem(401, f"this node requires signed fetches: {exc.detail}") from exc
