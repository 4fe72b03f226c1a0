"""Our documents as peers receive them: with a proof made now, by the current key."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from sinet_node.federation.signed_documents import with_proof
from sinet_node.web.context import node_of
from sinet_node.web.negotiation import activity_response


async def proven_response(
    request: Request, document: dict[str, Any], *, status_code: int = 200
) -> Response:
    node = node_of(request)
    await node.refresh_keys()  # a rotation by `sinet-node rotate-keys` shows at once
    return activity_response(with_proof(node, document), status_code=status_code)
