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
from sinet_node.federation.fetch import FetchError, fetch_document
from sinet_node.federation.membership.statements import origin_of
from sinet_node.federation.remote_objects import (
    ObjectUnavailable,
    attributed_to,
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


async def _get(node: Node, url: str, origin: str) -> dict[str, Any]:
    if origin_of(url) != origin:
        raise FetchError(f"{url} is not on the member's node {origin}")
    return (await fetch_document(url, client=node.http, auth=node.auth())).document


def _link(value: Any) -> str | None:
    if isinstance(value, dict):
        value = value.get("id")
    return value if isinstance(value, str) else None


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
        actor = await _get(node, organisation, origin)
        outbox = _link(actor.get("outbox"))
        if outbox is None:
            return Backfilled(organisation, 0, 0, "its organisation has no outbox")
        collection = await _get(node, outbox, origin)
        page_url = _link(collection.get("first"))
        page: dict[str, Any] | None = collection if page_url is None else None
        seen: set[str] = set()
        while page_url is not None or page is not None:
            if page is None:
                if page_url in seen or len(seen) >= MAX_PAGES:
                    break  # enough: what is older than this arrives no more by backfill
                seen.add(str(page_url))
                page = await _get(node, str(page_url), origin)
            items = page.get("orderedItems", page.get("items", []))
            for item in items if isinstance(items, list) else []:
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
            page_url, page = _link(page.get("next")), None
    except FetchError as exc:
        return Backfilled(organisation, imported, skipped, str(exc))
    return Backfilled(organisation, imported, skipped)
