"""Activity documents this node sends (pure: ids, times and audiences are arguments).

Public activities carry as:Public in ``to`` and the followers collection in ``cc``;
embedded objects keep their own ``@context`` out (the activity's covers them).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sinet_node.federation.urls import AS_PUBLIC
from sinet_node.objects.vocab import document_context


def iso(moment: datetime) -> str:
    """A full date-time with an offset: peers (Fedify) drop bare dates."""
    return moment.isoformat(timespec="seconds").replace("+00:00", "Z")


def _embedded(document: dict[str, Any]) -> dict[str, Any]:
    """Inside an activity an object needs no @context of its own, unless it carries a
    proof: a signed document is embedded exactly as signed, or it would not verify."""
    if "proof" in document:
        return document
    return {key: value for key, value in document.items() if key != "@context"}


def activity(
    *,
    activity_id: str,
    activity_type: str,
    actor: str,
    obj: str | dict[str, Any],
    to: list[str],
    cc: list[str] | None = None,
    published: datetime,
    **extra: Any,
) -> dict[str, Any]:
    document: dict[str, Any] = {
        "@context": document_context(),
        "id": activity_id,
        "type": activity_type,
        "actor": actor,
        "object": obj if isinstance(obj, str) else _embedded(obj),
        "to": to,
    }
    if cc:
        document["cc"] = cc
    document["published"] = iso(published)
    document.update(extra)
    return document


def public_activity(
    *,
    activity_id: str,
    activity_type: str,
    actor: str,
    followers: str,
    obj: str | dict[str, Any],
    published: datetime,
) -> dict[str, Any]:
    """Create / Update / Delete of one of our publications: public, copied to followers."""
    return activity(
        activity_id=activity_id,
        activity_type=activity_type,
        actor=actor,
        obj=obj,
        to=[AS_PUBLIC],
        cc=[followers],
        published=published,
    )


def tombstone(object_id: str, former_type: str, deleted: datetime) -> dict[str, Any]:
    return {
        "@context": document_context(),
        "id": object_id,
        "type": "Tombstone",
        "formerType": former_type,
        "deleted": iso(deleted),
    }


def follow(*, activity_id: str, actor: str, target: str, published: datetime) -> dict[str, Any]:
    return activity(
        activity_id=activity_id,
        activity_type="Follow",
        actor=actor,
        obj=target,
        to=[target],
        published=published,
    )


def answer_follow(
    *,
    answer: str,
    activity_id: str,
    actor: str,
    follow_document: dict[str, Any],
    published: datetime,
) -> dict[str, Any]:
    """Accept or Reject, embedding the Follow as received (peers match on its id), without
    its proof: a proof made under the follower's @context (data-integrity v1, say) would
    clash with ours inside one document, and nobody needs to check it again."""
    follower = follow_document.get("actor")
    follower_id = follower.get("id") if isinstance(follower, dict) else follower
    embedded = {
        key: value
        for key, value in follow_document.items()
        if key not in ("@context", "proof", "signature")
    }
    return activity(
        activity_id=activity_id,
        activity_type=answer,
        actor=actor,
        obj=embedded,
        to=[str(follower_id)],
        published=published,
    )


def undo(
    *, activity_id: str, actor: str, undone: dict[str, Any], to: list[str], published: datetime
) -> dict[str, Any]:
    return activity(
        activity_id=activity_id,
        activity_type="Undo",
        actor=actor,
        obj=undone,
        to=to,
        published=published,
    )


def with_current_object(
    activity_document: dict[str, Any], current: dict[str, Any] | None
) -> dict[str, Any]:
    """A stored Create/Update as served now: its object replaced by the object's current
    version (or its Tombstone), so the outbox never shows deleted or outdated content."""
    if current is None or activity_document.get("type") not in ("Create", "Update"):
        return activity_document
    return {**activity_document, "object": _embedded(current)}


def current_object(
    document: dict[str, Any], object_type: str, deleted: datetime | None
) -> dict[str, Any]:
    """What an object of ours is now: its document, or its Tombstone once deleted."""
    if deleted is None:
        return document
    return tombstone(str(document.get("id")), object_type, deleted)
