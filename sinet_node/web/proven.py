"""Our documents as peers receive them: with a proof made now, by the current key (the
worker reloads the keys on every pass, so a rotation by `sinet-node rotate-keys` shows within
`poll_interval_seconds`)."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from sinet_node.federation.signed_documents import with_proof
from sinet_node.web.context import node_of
from sinet_node.web.negotiation import activity_response


def proven_response(
    request: Request, document: dict[str, Any], *, status_code: int = 200
) -> Response:
    return activity_response(with_proof(node_of(request), document), status_code=status_code)
