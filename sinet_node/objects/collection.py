"""Collections: outbox, followers, following, featured, and their pages.

An unordered `Collection`/`CollectionPage` from a peer reads into the same classes with its own
`type` kept, since we only ever walk them in the order given.

Exceptions: none (plain frozen dataclasses).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
    from .model import ASObject

COLLECTION_TYPES: Final = frozenset({"OrderedCollection", "Collection"})
PAGE_TYPES: Final = frozenset({"OrderedCollectionPage", "CollectionPage"})


@dataclass(frozen=True, kw_only=True)
class OrderedCollectionPage:
    id: str
    part_of: str | None = None
    next: str | None = None
    prev: str | None = None
    ordered_items: tuple[str | ASObject, ...] = ()
    total_items: int | None = None
    type: str = "OrderedCollectionPage"
    extra: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, kw_only=True)
class OrderedCollection:
    id: str
    total_items: int | None = None
    first: str | OrderedCollectionPage | None = None
    last: str | None = None
    ordered_items: tuple[str | ASObject, ...] = ()
    type: str = "OrderedCollection"
    extra: dict[str, Any] = field(default_factory=dict)
