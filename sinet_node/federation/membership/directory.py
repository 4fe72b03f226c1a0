"""Reading a member's directory: an OrderedCollection of statements, page by page, bounded.

A directory that never ends (pages that loop, or more entries than any network of ours
has) is refused as a whole rather than read until memory runs out.

Errors: ``DirectoryUnreadable`` (the message says why).
"""

from __future__ import annotations

from typing import Any

from sinet_node.federation.context import Node
from sinet_node.federation.fetch import FetchError, fetch_document
from sinet_node.federation.membership.statements import origin_of

MAX_ENTRIES = 1000
MAX_PAGES = 100


class DirectoryUnreadable(Exception):
    """The directory could not be fetched, or is not one (too long, looping, malformed)."""


def _link(value: Any) -> str | None:
    if isinstance(value, dict):
        value = value.get("id")
    return value if isinstance(value, str) else None


async def _get(node: Node, url: str, origin: str) -> dict[str, Any]:
    if origin_of(url) != origin:
        raise DirectoryUnreadable(f"the directory links to {url}, off its node {origin}")
    try:
        fetched = await fetch_document(url, client=node.http, auth=node.auth())
    except FetchError as exc:
        raise DirectoryUnreadable(f"could not read {url}: {exc}") from exc
    return fetched.document


async def read_directory(node: Node, url: str) -> list[Any]:
    """Every entry of the directory at ``url``, as served (statements to check one by one)."""
    origin = origin_of(url)
    if origin is None:
        raise DirectoryUnreadable(f"{url!r} is not an http(s) address")
    collection = await _get(node, url, origin)
    if collection.get("type") not in ("OrderedCollection", "Collection"):
        raise DirectoryUnreadable(f"{url} is a {collection.get('type')!r}, not a collection")
    entries: list[Any] = []
    seen: set[str] = set()
    page: dict[str, Any] | None = collection
    pages = 0
    while page is not None:
        items = page.get("orderedItems", page.get("items", []))
        if not isinstance(items, list):
            raise DirectoryUnreadable(f"{url}: the entries of a page must be a list")
        entries.extend(items)
        if len(entries) > MAX_ENTRIES:
            raise DirectoryUnreadable(
                f"{url} lists more than {MAX_ENTRIES} members; refusing a directory that long"
            )
        following = _link(page.get("first") if page is collection else page.get("next"))
        if following is None:
            break
        if following in seen or pages >= MAX_PAGES:
            raise DirectoryUnreadable(f"{url} pages on without end (more than {MAX_PAGES})")
        seen.add(following)
        pages += 1
        page = await _get(node, following, origin)
    return entries
