"""The SINet vocabulary: object model, JSON-LD context and codec. Standard library only.

Exceptions:
    CodecError(ValueError): a document cannot be read, or an object cannot be written.
"""

from .codec import from_document, to_document
from .errors import CodecError
from .model import (
    Activity,
    Actor,
    ASObject,
    Event,
    Hashtag,
    Image,
    Location,
    Multikey,
    Note,
    OrderedCollection,
    OrderedCollectionPage,
    Place,
    PostalAddress,
    Practice,
    PropertyValue,
    Publication,
    PublicKey,
    RemoteObject,
    Source,
    Tombstone,
    VirtualLocation,
    VolunteerCall,
)
from .vocab import AS_PUBLIC, SINET_NS, TERMS, Term, document_context

__all__ = [
    "AS_PUBLIC",
    "SINET_NS",
    "TERMS",
    "ASObject",
    "Activity",
    "Actor",
    "CodecError",
    "Event",
    "Hashtag",
    "Image",
    "Location",
    "Multikey",
    "Note",
    "OrderedCollection",
    "OrderedCollectionPage",
    "Place",
    "PostalAddress",
    "Practice",
    "PropertyValue",
    "PublicKey",
    "Publication",
    "RemoteObject",
    "Source",
    "Term",
    "Tombstone",
    "VirtualLocation",
    "VolunteerCall",
    "document_context",
    "from_document",
    "to_document",
]
