"""Checking a received document's proof against the key of the actor it is attributed to.

The key must be one the actor itself lists in ``assertionMethod`` (FEP-521a), so nobody can
prove a document on someone else's behalf with their own key. The cached actor is used
first (the origin may be down: that is the point of proofs); an unknown key id costs one
refetch of the actor, which may have rotated its keys.

Errors: ``ProofRejected`` (the proof is malformed, names a key the author does not
publish, or does not verify: never retried); ``ActorUnavailable`` when the author's
actor cannot be fetched at all (retried later by the worker).
"""

from __future__ import annotations

from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from sinet_node.federation.context import Node
from sinet_node.federation.keys import KeyFormatError
from sinet_node.federation.multikey import load_public_multibase
from sinet_node.federation.proofs import ProofError, proof_of, verification_method, verify_document
from sinet_node.federation.remote_actors import ActorInfo, get_actor
from sinet_node.storage.keys import ED25519, INSTANCE, ORGANISATION


class ProofRejected(Exception):
    """The document's proof cannot be accepted; nothing from it may be stored."""


def _from_info(info: ActorInfo, method: str) -> str | None:
    return next((key.public_key_multibase for key in info.assertion_keys if key.id == method), None)


def _ours(node: Node, author: str, method: str) -> str | None:
    owner = INSTANCE if author == node.urls.instance_actor else ORGANISATION
    return next(
        (
            key.public
            for key in node.keys.of(owner).published
            if key.algorithm == ED25519 and key.key_id == method
        ),
        None,
    )


async def _author_key(node: Node, author: str, method: str) -> Ed25519PublicKey:
    if author in (node.urls.actor, node.urls.instance_actor):
        multibase = _ours(node, author, method)
    else:
        multibase = _from_info(await get_actor(node, author), method)
        if multibase is None:
            multibase = _from_info(await get_actor(node, author, refresh=True), method)
    if multibase is None:
        raise ProofRejected(f"{author} does not publish the key {method} in assertionMethod")
    try:
        return load_public_multibase(multibase)
    except KeyFormatError as exc:
        raise ProofRejected(f"{author} publishes an unusable key {method}: {exc}") from exc


async def check_proof(node: Node, document: dict[str, Any], author: str) -> bool:
    """True when the document carries a proof by ``author`` that verifies; False when it
    carries none. Raises ProofRejected for any other proof."""
    try:
        proof = proof_of(document)
        if proof is None:
            return False
        method = verification_method(proof)
    except ProofError as exc:
        raise ProofRejected(str(exc)) from exc
    key = await _author_key(node, author, method)
    try:
        verify_document(document, key)
    except ProofError as exc:
        raise ProofRejected(f"proof by {method} rejected: {exc}") from exc
    return True
