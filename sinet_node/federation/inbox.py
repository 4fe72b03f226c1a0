"""The inbox pipeline: verify -> authorise -> dedupe -> persist. Nothing else happens here;
the worker fetches, sanitises and stores later.

Order (DESIGN.md §5): size and content type are checked by the web layer; then the
signature header and covered headers, the Date window, the Digest, the JSON body, the
keyId (fetch policy, cache or one fetch), the signature (one key refetch on failure),
the activity's proof when it has one (FEP-8b32), key owner == actor unless the proof is
the actor's, dedupe on activity id, persist.

Errors: ``InboxRejection`` (status + detail, answered as problem+json); nothing from a
rejected request is stored.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any
from urllib.parse import urlsplit

from sinet_node.federation.authenticate import signer_of
from sinet_node.federation.context import Node
from sinet_node.federation.proof_check import ProofRejected, check_proof
from sinet_node.federation.remote_actors import ActorUnavailable, cached_actor
from sinet_node.federation.signatures import (
    IncomingRequest,
    SignatureError,
    SignatureFailure,
    check_request,
)
from sinet_node.jsonio import loads
from sinet_node.storage import inbox as inbox_store
from sinet_node.storage.hosts import resume as resume_host

MAX_ACTIVITY_BYTES = 1_048_576


class InboxRejection(Exception):
    def __init__(self, status: int, detail: str, *, reason: str | None = None) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.reason = reason


@dataclass(frozen=True)
class InboxOutcome:
    status: str  # "accepted" | "duplicate" | "ignored"
    activity_id: str | None


def _reject_signature(exc: SignatureError) -> InboxRejection:
    return InboxRejection(401, f"signature rejected: {exc.detail}", reason=exc.reason.name.lower())


def parse_activity(body: bytes) -> tuple[dict[str, Any], str, str, str]:
    """The activity, its id, type and actor id; 400 when it is not an activity."""
    try:
        document = loads(body)
    except ValueError as exc:
        raise InboxRejection(400, f"the body is not valid JSON: {exc}") from exc
    if not isinstance(document, dict):
        raise InboxRejection(400, "the body must be a JSON object (an activity)")
    activity_id, activity_type, actor = (
        document.get("id"),
        document.get("type"),
        document.get("actor"),
    )
    if isinstance(actor, dict):
        actor = actor.get("id")
    if not isinstance(activity_type, str):
        raise InboxRejection(400, "the activity has no 'type'")
    if not isinstance(actor, str) or not actor:
        raise InboxRejection(400, "the activity has no 'actor'")
    if not isinstance(activity_id, str) or not urlsplit(activity_id).scheme:
        raise InboxRejection(400, "the activity needs an absolute 'id' (used to drop duplicates)")
    return document, activity_id, activity_type, actor


async def _check_activity_proof(node: Node, document: dict[str, Any], actor_id: str) -> bool:
    try:
        return await check_proof(node, document, actor_id)
    except ProofRejected as exc:
        raise InboxRejection(401, f"proof rejected: {exc}", reason="bad_proof") from exc
    except ActorUnavailable as exc:
        raise InboxRejection(401, f"proof not checkable: {exc}", reason="key_unavailable") from exc


async def receive(node: Node, request: IncomingRequest, *, recipient: str) -> InboxOutcome:
    if len(request.body) > MAX_ACTIVITY_BYTES:
        raise InboxRejection(413, f"activities are limited to {MAX_ACTIVITY_BYTES} bytes")
    window = timedelta(seconds=node.settings.signature_window_seconds)
    try:
        params = check_request(request, now=node.clock(), window=window, require_digest=True)
    except SignatureError as exc:
        raise _reject_signature(exc) from exc
    document, activity_id, activity_type, actor_id = parse_activity(request.body)

    if activity_type == "Delete" and await cached_actor(node, actor_id) is None:
        # Delete storms: an actor we never knew tells us it is gone. Fetch nothing.
        return InboxOutcome("ignored", activity_id)

    try:
        signer = await signer_of(node, params, request)
    except SignatureError as exc:
        raise _reject_signature(exc) from exc
    # The activity's own proof: checked whenever there is one; it is also what lets a
    # third party (a forwarding server, a relay) deliver an activity that is not its own.
    proven = await _check_activity_proof(node, document, actor_id)
    if signer.uri != actor_id and not proven:
        raise InboxRejection(
            401,
            f"the key {params.key_id} belongs to {signer.uri}, "
            f"not to the activity's actor {actor_id}",
            reason=SignatureFailure.KEY_OWNER_MISMATCH.name.lower(),
        )

    async with node.sessions.begin() as session:
        await resume_host(session, urlsplit(signer.uri).netloc.lower(), node.clock())
        stored = await inbox_store.enqueue(
            session,
            activity_uri=activity_id,
            actor_uri=actor_id,
            signer_key_id=params.key_id,
            recipient=recipient,
            document=document,
            now=node.clock(),
        )
    return InboxOutcome("accepted" if stored else "duplicate", activity_id)
