"""Every document the node publishes leaves with a proof (FEP-8b32) by the local actor it
speaks for: queued activities when they are queued, documents served over HTTP when they
are served (so they always carry the current key, also after a rotation).

An embedded object of ours gets its own proof too, before the activity's: a copy relayed by
another node then stands on its own. Objects of others (an Announce of a peer's practice)
keep the proof their author made.
"""

from __future__ import annotations

from typing import Any

from sinet_node.federation.context import Node
from sinet_node.federation.proofs import sign_document
from sinet_node.storage import keys as key_store
from sinet_node.storage.objects import author_of


def speaker_of(node: Node, document: dict[str, Any]) -> str:
    """Which local actor a document of ours speaks for: the instance actor's own
    activities and document, else the organisation."""
    who = author_of(document.get("actor")) or author_of(document.get("attributedTo"))
    if who is None and "inbox" in document:
        who = document.get("id")
    return key_store.INSTANCE if who == node.urls.instance_actor else key_store.ORGANISATION


def with_proof(node: Node, document: dict[str, Any], signer: str | None = None) -> dict[str, Any]:
    """A copy of our document with its proof (and a proof on its embedded object of ours)."""
    signer = signer or speaker_of(node, document)
    key = node.proof_key_for(signer)
    now = node.clock()
    signed = dict(document)
    embedded = signed.get("object")
    if isinstance(embedded, dict) and node.urls.is_local(str(embedded.get("id", ""))):
        author_key = node.proof_key_for(speaker_of(node, embedded))
        signed["object"] = sign_document(
            embedded, key_id=author_key.key_id, private_key=author_key.private_key, now=now
        )
    return sign_document(signed, key_id=key.key_id, private_key=key.private_key, now=now)
