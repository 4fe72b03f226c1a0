"""Reading a member's directory: an OrderedCollection of statements, page by page, bounded.

A directory that never ends (pages that loop, or more entries than any network of ours
has) is refused as a whole rather than read until memory runs out.

Errors: ``DirectoryUnreadable`` (the message says why).
"""

from __future__ import annotations

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

MAX_ENTRIES = 1000
MAX_PAGES = 100


class DirectoryUnreadable(Exception):
    """The directory could not be fetched, or is not one (too long, looping, malformed)."""


async def read_directory(node: Node, url: str) -> list[Any]:
    """Every entry of the directory at ``url``, as served (statements to check one by one)."""
    origin = origin_of(url)
    if origin is None:
        raise DirectoryUnreadable(f"{url!r} is not an http(s) address")
    entries: list[Any] = []
    try:
        collection = await fetch_on_origin(node, url, origin)
        if collection.get("type") not in ("OrderedCollection", "Collection"):
            raise DirectoryUnreadable(f"{url} is a {collection.get('type')!r}, not a collection")
        async for page in pages(node, collection, origin, max_pages=MAX_PAGES):
            entries.extend(items_of(page))
            if len(entries) > MAX_ENTRIES:
                raise DirectoryUnreadable(
                    f"{url} lists more than {MAX_ENTRIES} members; refusing a directory that long"
                )
    except FetchError as exc:
        raise DirectoryUnreadable(f"could not read {url}: {exc}") from exc
    except EndlessCollection as exc:
        raise DirectoryUnreadable(f"{url} {exc}") from exc
    return entries
