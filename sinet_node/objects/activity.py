"""Activities: Create, Update, Delete, Follow, Accept, Undo, Announce and the rest.

Exceptions: none (plain frozen dataclasses).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, Final

if TYPE_CHECKING:
    from .model import ASObject

ACTIVITY_TYPES: Final = frozenset(
    {
        "Accept", "Add", "Announce", "Arrive", "Block", "Create", "Delete", "Dislike",
        "EmojiReact", "Flag", "Follow", "Ignore", "Invite", "Join", "Leave", "Like", "Listen",
        "Move", "Offer", "Read", "Reject", "Remove", "TentativeAccept", "TentativeReject",
        "Travel", "Undo", "Update", "View",
    }
)  # fmt: skip


@dataclass(frozen=True, kw_only=True)
class Activity:
    """An activity. `object` is an id, an embedded object, or an embedded activity.

    `id` is None only for an embedded activity that came without one (some peers embed the
    Follow they accept that way); a top-level document always has an id.
    """

    type: str
    actor: str
    id: str | None = None
    object: str | ASObject | None = None
    target: str | None = None
    to: tuple[str, ...] = ()
    cc: tuple[str, ...] = ()
    published: datetime | None = None
    updated: datetime | None = None
    extra: dict[str, Any] = field(default_factory=dict)
