"""Who signed this request: the key from the cache, or one fetch, then verification.

Errors: ``SignatureError`` (from signatures) with KEY_UNAVAILABLE or BAD_SIGNATURE.
"""

from __future__ import annotations

from datetime import timedelta

from sinet_node.federation.context import Node
from sinet_node.federation.keys import KeyFormatError, load_public_key_pem
from sinet_node.federation.remote_actors import (
    ActorInfo,
    ActorUnavailable,
    fetch_key,
    key_from_cache,
)
from sinet_node.federation.signatures import (
    IncomingRequest,
    MessageSignature,
    SignatureError,
    SignatureFailure,
    SignatureParams,
    check_request,
    verify_request,
)


def _verify(
    params: SignatureParams | MessageSignature,
    request: IncomingRequest,
    info: ActorInfo,
    origin: str,
) -> None:
    if not info.public_key_pem:
        raise SignatureError(SignatureFailure.KEY_UNAVAILABLE, f"no key published by {info.uri}")
    try:
        public_key = load_public_key_pem(info.public_key_pem)
    except KeyFormatError as exc:
        raise SignatureError(SignatureFailure.KEY_UNAVAILABLE, str(exc)) from exc
    verify_request(params, request, public_key, origin=origin)


async def signer_of(
    node: Node, params: SignatureParams | MessageSignature, request: IncomingRequest
) -> ActorInfo:
    """Cached key first; on a failed check, one refetch (the actor may have rotated keys)."""
    origin = node.urls.origin
    cached = await key_from_cache(node, params.key_id)
    if cached is not None:
        try:
            _verify(params, request, cached, origin)
            return cached
        except SignatureError as exc:
            if exc.reason is not SignatureFailure.BAD_SIGNATURE:
                raise
    try:
        fresh = await fetch_key(node, params.key_id)
    except ActorUnavailable as exc:
        raise SignatureError(SignatureFailure.KEY_UNAVAILABLE, str(exc)) from exc
    _verify(params, request, fresh, origin)
    return fresh


async def authenticate_get(node: Node, request: IncomingRequest) -> ActorInfo:
    """A signed GET (authorized fetch): the full check, without a body digest."""
    window = timedelta(seconds=node.settings.signature_window_seconds)
    params = check_request(request, now=node.clock(), window=window, require_digest=False)
    return await signer_of(node, params, request)
