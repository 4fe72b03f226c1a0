"""Encoding and decoding of actors, activities, remote objects, tombstones and collections.

Embedded objects (an activity's `object`, a collection's items) are handed back to the codec
through the `Nested` callbacks, so that this module needs no registry of its own.

Exceptions: CodecError (from .errors).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any, cast

from ._fields import Fields, format_datetime
from ._values import (
    compact,
    decode_hashtags,
    decode_image,
    decode_images,
    decode_multikeys,
    decode_property_values,
    decode_public_keys,
    encode_hashtag,
    encode_image,
    encode_multikey,
    encode_property_value,
    encode_public_keys,
)
from .activity import ACTIVITY_TYPES, Activity
from .actor import ACTOR_TYPES, Actor, ActorType
from .collection import OrderedCollection, OrderedCollectionPage
from .errors import CodecError
from .remote import RemoteObject, Tombstone

if TYPE_CHECKING:
    from .model import ASObject

# Reads an embedded value (an id or an object) at the given path.
ReadNested = Callable[[Any, str], "str | ASObject"]
# Writes an embedded object without its @context.
WriteNested = Callable[["ASObject"], dict[str, Any]]


def _date(value: datetime | None, where: str) -> str | None:
    return None if value is None else format_datetime(value, where)


def _with_extra(extra: Mapping[str, Any], fields: dict[str, Any]) -> dict[str, Any]:
    doc = dict(extra)
    doc.update(compact(fields))
    return doc


# Actors --------------------------------------------------------------------------------------


def encode_actor(actor: Actor, _: WriteNested) -> dict[str, Any]:
    # Endpoints we do not model (oauth, uploadMedia) survive in extra; sharedInbox joins them.
    kept = actor.extra.get("endpoints")
    endpoints = dict(kept) if isinstance(kept, Mapping) else {}
    if actor.shared_inbox:
        endpoints["sharedInbox"] = actor.shared_inbox
    doc = _with_extra(
        actor.extra,
        {
            "id": actor.id,
            "type": actor.type,
            "preferredUsername": actor.preferred_username,
            "name": actor.name,
            "summary": actor.summary,
            "url": actor.url,
            "inbox": actor.inbox,
            "outbox": actor.outbox,
            "followers": actor.followers,
            "following": actor.following,
            "featured": actor.featured,
            "endpoints": endpoints,
            "icon": encode_image(actor.icon) if actor.icon else None,
            "image": encode_image(actor.image) if actor.image else None,
            "publicKey": encode_public_keys(actor.public_key, actor.retired_public_keys)
            if actor.public_key
            else None,
            "assertionMethod": [encode_multikey(key) for key in actor.assertion_methods],
            "attachment": [encode_property_value(prop) for prop in actor.attachments],
            "published": _date(actor.published, "Actor.published"),
        },
    )
    doc["manuallyApprovesFollowers"] = actor.manually_approves_followers
    doc["discoverable"] = actor.discoverable
    return doc


def _shared_inbox(fields: Fields) -> str | None:
    endpoints = fields.peek("endpoints")
    if not isinstance(endpoints, Mapping):
        # Absent, or a link to an endpoints document: the latter stays in extra.
        return None
    inner = Fields(endpoints, fields.path("endpoints"))
    shared = inner.link("sharedInbox")
    if set(endpoints) <= {"sharedInbox"}:
        fields.raw("endpoints")
    return shared


def decode_actor(fields: Fields, types: tuple[str, ...], _: ReadNested) -> Actor:
    actor_type = next(name for name in types if name in ACTOR_TYPES)
    actor_id = fields.required_link("id")
    fields.raw("type")
    public_key = fields.peek("publicKey")
    keys = decode_public_keys(public_key, fields.path("publicKey"), actor_id)
    if keys or public_key is None:
        fields.raw("publicKey")
    assertion = fields.peek("assertionMethod")
    multikeys = decode_multikeys(assertion, fields.path("assertionMethod"), actor_id)
    if isinstance(assertion, list) and len(multikeys) == len(assertion):
        fields.raw("assertionMethod")  # all understood; otherwise kept as it came in extra
    return Actor(
        id=actor_id,
        type=cast(ActorType, actor_type),
        inbox=fields.required_link("inbox"),
        preferred_username=fields.text("preferredUsername"),
        name=fields.text("name"),
        summary=fields.text("summary"),
        outbox=fields.link("outbox"),
        followers=fields.link("followers"),
        following=fields.link("following"),
        featured=fields.link("featured"),
        shared_inbox=_shared_inbox(fields),
        url=fields.link("url"),
        icon=decode_image(fields.raw("icon"), fields.path("icon")) if fields.has("icon") else None,
        image=decode_image(fields.raw("image"), fields.path("image"))
        if fields.has("image")
        else None,
        manually_approves_followers=fields.boolean("manuallyApprovesFollowers"),
        discoverable=fields.boolean("discoverable"),
        public_key=keys[0] if keys else None,
        retired_public_keys=tuple(keys[1:]),
        assertion_methods=tuple(multikeys),
        attachments=decode_property_values(fields.items("attachment"), fields.path("attachment")),
        published=fields.datetime("published"),
        extra=fields.extra(),
    )


# Activities ----------------------------------------------------------------------------------


def encode_activity(activity: Activity, nested: WriteNested) -> dict[str, Any]:
    obj = activity.object
    return _with_extra(
        activity.extra,
        {
            "id": activity.id,
            "type": activity.type,
            "actor": activity.actor,
            "object": obj if obj is None or isinstance(obj, str) else nested(obj),
            "target": activity.target,
            "to": list(activity.to),
            "cc": list(activity.cc),
            "published": _date(activity.published, f"{activity.type}.published"),
            "updated": _date(activity.updated, f"{activity.type}.updated"),
        },
    )


def decode_activity(fields: Fields, types: tuple[str, ...], nested: ReadNested) -> Activity:
    activity_type = next(name for name in types if name in ACTIVITY_TYPES)
    fields.raw("type")
    value = fields.raw("object")
    if isinstance(value, list):
        # Several objects are rare and never ours to act on: keep the first.
        value = value[0] if value else None
    return Activity(
        id=fields.link("id"),
        type=activity_type,
        actor=fields.required_link("actor"),
        object=None if value is None else nested(value, fields.path("object")),
        target=fields.link("target"),
        to=fields.addresses("to"),
        cc=fields.addresses("cc"),
        published=fields.datetime("published"),
        updated=fields.datetime("updated"),
        extra=fields.extra(),
    )


# Remote objects and tombstones ---------------------------------------------------------------


def encode_remote(obj: RemoteObject, _: WriteNested) -> dict[str, Any]:
    return _with_extra(
        obj.extra,
        {
            "id": obj.id,
            "type": obj.type,
            "attributedTo": obj.attributed_to,
            "name": obj.name,
            "nameMap": dict(obj.name_map),
            "summary": obj.summary,
            "summaryMap": dict(obj.summary_map),
            "content": obj.content,
            "contentMap": dict(obj.content_map),
            "mediaType": obj.media_type,
            "url": obj.url,
            "inReplyTo": obj.in_reply_to,
            "sensitive": True if obj.sensitive else None,
            "tag": [encode_hashtag(tag) for tag in obj.tags],
            "attachment": [encode_image(image) for image in obj.attachments],
            "to": list(obj.to),
            "cc": list(obj.cc),
            "published": _date(obj.published, f"{obj.type}.published"),
            "updated": _date(obj.updated, f"{obj.type}.updated"),
        },
    )


def _main_text(fields: Fields, key: str, language_map: dict[str, str]) -> str | None:
    # A peer may send only the map (contentMap without content): its first entry stands in.
    text = fields.text(key)
    return text if text is not None else next(iter(language_map.values()), None)


def decode_remote(fields: Fields, types: tuple[str, ...], _: ReadNested) -> RemoteObject:
    fields.raw("type")
    name_map = fields.lang_map("nameMap")
    summary_map = fields.lang_map("summaryMap")
    content_map = fields.lang_map("contentMap")
    return RemoteObject(
        id=fields.required_link("id"),
        type=types[0],
        attributed_to=fields.link("attributedTo"),
        name=_main_text(fields, "name", name_map),
        summary=_main_text(fields, "summary", summary_map),
        content=_main_text(fields, "content", content_map),
        media_type=fields.text("mediaType"),
        name_map=name_map,
        summary_map=summary_map,
        content_map=content_map,
        url=fields.link("url"),
        in_reply_to=fields.link("inReplyTo"),
        sensitive=fields.boolean("sensitive"),
        tags=decode_hashtags(fields.items("tag"), fields.path("tag")),
        attachments=decode_images(fields.items("attachment"), fields.path("attachment")),
        to=fields.addresses("to"),
        cc=fields.addresses("cc"),
        published=fields.datetime("published"),
        updated=fields.datetime("updated"),
        extra=fields.extra(),
    )


def encode_tombstone(obj: Tombstone, _: WriteNested) -> dict[str, Any]:
    return _with_extra(
        obj.extra,
        {
            "id": obj.id,
            "type": "Tombstone",
            "formerType": obj.former_type,
            "deleted": _date(obj.deleted, "Tombstone.deleted"),
        },
    )


def decode_tombstone(fields: Fields, types: tuple[str, ...], _: ReadNested) -> Tombstone:
    fields.raw("type")
    return Tombstone(
        id=fields.required_link("id"),
        former_type=fields.text("formerType"),
        deleted=fields.datetime("deleted"),
        extra=fields.extra(),
    )


# Collections ---------------------------------------------------------------------------------


def _items_key(type_name: str) -> str:
    return "orderedItems" if type_name.startswith("Ordered") else "items"


def _encode_items(items: tuple[str | ASObject, ...], nested: WriteNested) -> list[Any]:
    return [item if isinstance(item, str) else nested(item) for item in items]


def _decode_items(fields: Fields, type_name: str, nested: ReadNested) -> tuple[str | ASObject, ...]:
    # The key that goes with the type first; peers mix them up, so the other one will do.
    # Both are consumed: a second list under the other key is a duplicate, not data.
    preferred = _items_key(type_name)
    other = "items" if preferred == "orderedItems" else "orderedItems"
    key = preferred if fields.items(preferred) else other
    where = fields.path(key)
    items = fields.items(key)
    fields.raw(other)
    return tuple(nested(item, f"{where}[{index}]") for index, item in enumerate(items))


def encode_page(page: OrderedCollectionPage, nested: WriteNested) -> dict[str, Any]:
    return _with_extra(
        page.extra,
        {
            "id": page.id,
            "type": page.type,
            "partOf": page.part_of,
            "totalItems": page.total_items,
            "next": page.next,
            "prev": page.prev,
            _items_key(page.type): _encode_items(page.ordered_items, nested),
        },
    )


def decode_page(
    fields: Fields, types: tuple[str, ...], nested: ReadNested
) -> OrderedCollectionPage:
    fields.raw("type")
    page_type = next(name for name in types if name.endswith("CollectionPage"))
    return OrderedCollectionPage(
        id=fields.required_link("id"),
        type=page_type,
        part_of=fields.link("partOf"),
        total_items=fields.integer("totalItems"),
        next=fields.link("next"),
        prev=fields.link("prev"),
        ordered_items=_decode_items(fields, page_type, nested),
        extra=fields.extra(),
    )


def encode_collection(collection: OrderedCollection, nested: WriteNested) -> dict[str, Any]:
    first = collection.first
    return _with_extra(
        collection.extra,
        {
            "id": collection.id,
            "type": collection.type,
            "totalItems": collection.total_items,
            "first": first if first is None or isinstance(first, str) else nested(first),
            "last": collection.last,
            _items_key(collection.type): _encode_items(collection.ordered_items, nested),
        },
    )


def decode_collection(
    fields: Fields, types: tuple[str, ...], nested: ReadNested
) -> OrderedCollection:
    fields.raw("type")
    first = fields.raw("first")
    if first is not None:
        first = nested(first, fields.path("first"))
        if not isinstance(first, str | OrderedCollectionPage):
            raise CodecError(f"{fields.path('first')}: expected a collection page")
    collection_type = next(name for name in types if name.endswith("Collection"))
    return OrderedCollection(
        id=fields.required_link("id"),
        type=collection_type,
        total_items=fields.integer("totalItems"),
        first=first,
        last=fields.link("last"),
        ordered_items=_decode_items(fields, collection_type, nested),
        extra=fields.extra(),
    )
