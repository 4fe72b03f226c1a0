"""Documents to objects and back: `to_document()` and `from_document()` over a type registry.

Reading picks a decoder by `type` (activity types -> Activity, actor types -> Actor, Tombstone,
collections and pages), then by our own `sinet:kind` (practice, event, call), and reads anything
else as a RemoteObject. It parses plain JSON, tolerating the spellings real peers use (see
`_fields`), and never expands JSON-LD. Writing adds our `@context` on the outer document only.

A top-level document must have an `id` and a `type`. An embedded object without a `type` but
with an `id` reads as that id; an embedded activity may lack an `id` (peers embed the Follow
they accept that way).

Exceptions:
    CodecError(ValueError): the only exception either direction raises, whatever the input;
        its message names the field (`Create.object.startTime: ...`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any, Final

from ._core import (
    decode_activity,
    decode_actor,
    decode_collection,
    decode_page,
    decode_remote,
    decode_tombstone,
    encode_activity,
    encode_actor,
    encode_collection,
    encode_page,
    encode_remote,
    encode_tombstone,
)
from ._fields import Fields, describe, type_names
from ._publications import decode_publication, encode_publication
from ._values import decode_multikeys
from .activity import ACTIVITY_TYPES, Activity
from .actor import ACTOR_TYPES, Actor, Multikey
from .collection import COLLECTION_TYPES, PAGE_TYPES, OrderedCollection, OrderedCollectionPage
from .errors import CodecError
from .model import ASObject
from .publication import Event, Practice, Publication, VolunteerCall
from .remote import RemoteObject, Tombstone
from .vocab import KIND_CALL, KIND_EVENT, KIND_PRACTICE, document_context

__all__ = ["KIND_DECODERS", "TYPE_DECODERS", "CodecError", "from_document", "to_document"]

# Embedded objects deeper than this are refused: no real peer nests Announce(Create(Note)) this far.
MAX_DEPTH: Final = 8

ReadNested = Callable[[Any, str], "str | ASObject"]
Decoder = Callable[[Fields, tuple[str, ...], ReadNested], ASObject]
Encoder = Callable[[Any, Callable[[ASObject], dict[str, Any]]], dict[str, Any]]


def _publication_decoder(cls: type[Publication]) -> Decoder:
    def decode(fields: Fields, types: tuple[str, ...], nested: ReadNested) -> ASObject:
        result: ASObject = decode_publication(fields, cls)  # type: ignore[assignment]
        return result

    return decode


def _type_decoders() -> dict[str, Decoder]:
    decoders: dict[str, Decoder] = {}
    decoders.update(dict.fromkeys(ACTIVITY_TYPES, decode_activity))
    decoders.update(dict.fromkeys(ACTOR_TYPES, decode_actor))
    decoders.update(dict.fromkeys(COLLECTION_TYPES, decode_collection))
    decoders.update(dict.fromkeys(PAGE_TYPES, decode_page))
    decoders["Tombstone"] = decode_tombstone
    return decoders


# Read-only views: the registry is fixed at import and the same for every caller.
TYPE_DECODERS: Final[Mapping[str, Decoder]] = MappingProxyType(_type_decoders())
KIND_DECODERS: Final[Mapping[str, Decoder]] = MappingProxyType(
    {
        KIND_PRACTICE: _publication_decoder(Practice),
        KIND_EVENT: _publication_decoder(Event),
        KIND_CALL: _publication_decoder(VolunteerCall),
    }
)
ENCODERS: Final[Mapping[type, Encoder]] = MappingProxyType(
    {
        Actor: encode_actor,
        Activity: encode_activity,
        Practice: lambda obj, _: encode_publication(obj),
        Event: lambda obj, _: encode_publication(obj),
        VolunteerCall: lambda obj, _: encode_publication(obj),
        RemoteObject: encode_remote,
        Tombstone: encode_tombstone,
        OrderedCollection: encode_collection,
        OrderedCollectionPage: encode_page,
    }
)


def _pick(fields: Fields, types: tuple[str, ...]) -> Decoder:
    for name in types:
        decoder = TYPE_DECODERS.get(name)
        if decoder is not None:
            return decoder
    kind = fields.peek("kind")
    if isinstance(kind, str) and kind in KIND_DECODERS:
        return KIND_DECODERS[kind]
    return decode_remote


class _Reader:
    """One from_document() call: tracks how deep the embedded objects go."""

    def __init__(self) -> None:
        self.depth = 0

    def read(self, value: Any, where: str | None) -> ASObject:
        if not isinstance(value, Mapping):
            raise CodecError(
                f"{where or 'document'}: expected a JSON object, got {describe(value)}"
            )
        fields = Fields(value, where or "document")
        if not fields.has("type"):
            raise CodecError(f"{fields.where}.type: missing")
        types = type_names(fields.peek("type"), fields.where)
        if where is None:
            fields.where = types[0]
        obj = _pick(fields, types)(fields, types, self.nested)
        # Only an embedded activity may come without an id; a document never does.
        if where is None and obj.id is None:
            raise CodecError(f"{fields.where}.id: missing")
        return obj

    def nested(self, value: Any, where: str) -> str | ASObject:
        if isinstance(value, str):
            return value
        if isinstance(value, Mapping) and "type" not in value and "@type" not in value:
            ident = value.get("id", value.get("@id"))
            if isinstance(ident, str):
                return ident
        if self.depth >= MAX_DEPTH:
            raise CodecError(f"{where}: objects are nested too deeply")
        self.depth += 1
        try:
            return self.read(value, where)
        finally:
            self.depth -= 1


def from_document(doc: object) -> ASObject:
    """The object a parsed JSON document describes; CodecError when it cannot be read."""
    try:
        return _Reader().read(doc, None)
    except CodecError:
        raise
    except RecursionError:
        raise CodecError("document: nested too deeply") from None


def _encode(obj: ASObject) -> dict[str, Any]:
    encoder = ENCODERS.get(type(obj))
    if encoder is None:
        raise CodecError(f"cannot write a {type(obj).__name__} as a document")
    return encoder(obj, _encode)


def to_document(obj: ASObject) -> dict[str, Any]:
    """The JSON document for an object, with our `@context`, ready to serialise."""
    body = _encode(obj)
    body.pop("@context", None)
    return {"@context": document_context(), **body}


def assertion_keys_of(document: Mapping[str, Any], actor_id: str) -> list[Multikey]:
    """The Multikeys an actor document lists in `assertionMethod` under its own control,
    without decoding the rest of it (CodecError when the list is not made of objects/ids)."""
    return decode_multikeys(document.get("assertionMethod"), "assertionMethod", actor_id)
