"""Reading a member's collections (its directory, its outbox): every GET stays on the
member's origin, and paging is bounded, so a collection that never ends stops being read.

Errors: ``FetchError`` (a page could not be fetched, or a link leaves the origin) and
``EndlessCollection`` (more pages than allowed, or pages that loop).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

from sinet_node.federation.context import Node
from sinet_node.federation.fetch import FetchError, fetch_document
from sinet_node.federation.membership.statements import origin_of
from sinet_node.federation.remote_objects import reference_id


class EndlessCollection(Exception):
    """The collection pages on past the limit, or its pages loop."""


async def fetch_on_origin(node: Node, url: str, origin: str) -> dict[str, Any]:
    """A signed GET of an ActivityStreams document that must be on ``origin``."""
    if origin_of(url) != origin:
        raise FetchError(f"{url} is not on the member's node {origin}")
    return (await fetch_document(url, client=node.http, auth=node.auth())).document


def items_of(page: dict[str, Any]) -> list[Any]:
    items = page.get("orderedItems", page.get("items", []))
    return items if isinstance(items, list) else []


async def pages(
    node: Node, collection: dict[str, Any], origin: str, *, max_pages: int
) -> AsyncIterator[dict[str, Any]]:
    """The collection itself (it may hold items inline), then its pages from ``first`` on."""
    yield collection
    following = reference_id(collection.get("first"))
    seen: set[str] = set()
    while following is not None:
        if following in seen or len(seen) >= max_pages:
            raise EndlessCollection(f"pages on without end (more than {max_pages})")
        seen.add(following)
        page = await fetch_on_origin(node, following, origin)
        yield page
        following = reference_id(page.get("next"))
