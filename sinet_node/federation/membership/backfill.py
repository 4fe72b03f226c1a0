"""Reading what a member already published: its organisation's outbox, page by page.

Each item is a Create whose object is taken as any relayed copy is (remote_objects: proven
by its author, or vouched for by the member's own host, or fetched from its origin), and
only when the member's organisation is its author. Bounded in pages; ``progress`` hears of
every object taken in.

Errors: none escape; a failure is the ``error`` of the result.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sinet_node.federation.context import Node
from sinet_node.federation.fetch import FetchError
from sinet_node.federation.membership.collections import (
    EndlessCollection,
    fetch_on_origin,
    items_of,
    pages,
)
from sinet_node.federation.membership.statements import origin_of
from sinet_node.federation.remote_objects import (
    ObjectUnavailable,
    attributed_to,
    reference_id,
    resolve,
    store_relayed,
)

MAX_PAGES = 50
SKIPPED_TYPES = ("Tombstone",)

ObjectProgress = Callable[[str], None]  # called with the member's node per object taken in


@dataclass(frozen=True)
class Backfilled:
    organisation: str
    imported: int
    skipped: int
    error: str | None = None


async def _take(node: Node, organisation: str, item: Any) -> bool:
    if not isinstance(item, dict) or item.get("type") != "Create":
        return False
    value = item.get("object")
    if isinstance(value, dict) and value.get("type") in SKIPPED_TYPES:
        return False
    received = await resolve(node, value, organisation)
    if attributed_to(received.document) != organisation:
        return False  # an outbox speaks only for its own organisation
    return await store_relayed(node, received) is not None


async def backfill(
    node: Node, organisation: str, *, progress: ObjectProgress | None = None
) -> Backfilled:
    origin = origin_of(organisation) or ""
    imported = skipped = 0
    try:
        actor = await fetch_on_origin(node, organisation, origin)
        outbox = reference_id(actor.get("outbox"))
        if outbox is None:
            return Backfilled(organisation, 0, 0, "its organisation has no outbox")
        collection = await fetch_on_origin(node, outbox, origin)
        async for page in pages(node, collection, origin, max_pages=MAX_PAGES):
            for item in items_of(page):
                try:
                    taken = await _take(node, organisation, item)
                except ObjectUnavailable:
                    taken = False
                if taken:
                    imported += 1
                    if progress is not None:
                        progress(origin)
                else:
                    skipped += 1
    except EndlessCollection:
        pass  # enough: what is older than this arrives no more by backfill
    except FetchError as exc:
        return Backfilled(organisation, imported, skipped, str(exc))
    return Backfilled(organisation, imported, skipped)
