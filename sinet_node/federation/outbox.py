"""Sending: record an activity as ours and queue it for delivery, in the caller's
transaction (so an activity is either published and queued, or neither)."""

from __future__ import annotations

import secrets
import time
from collections.abc import Sequence
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from sinet_node.federation.context import Node
from sinet_node.federation.signed_documents import with_proof
from sinet_node.storage import outbox as outbox_store


def new_token() -> str:
    """A short, unguessable, roughly time-ordered id for our objects and activities."""
    return f"{int(time.time() * 1000):x}{secrets.token_hex(5)}"


def new_activity_id(node: Node) -> str:
    return node.urls.activity(new_token())


def send(
    session: AsyncSession,
    node: Node,
    document: dict[str, Any],
    *,
    signer: str,
    audience: Sequence[str],
    public: bool,
    object_uri: str | None = None,
) -> None:
    now = node.clock()
    document = with_proof(node, document, signer)
    outbox_store.record_activity(
        session, document=document, object_uri=object_uri, public=public, published=now
    )
    outbox_store.queue_outgoing(
        session, document=document, signer=signer, audience=audience, now=now
    )
