"""The object model in one import: every class the codec reads and writes.

The classes live in one module per noun (actor, activity, publication, remote, collection,
common); this module gathers them and names the union `ASObject`.

Exceptions: none (plain frozen dataclasses).
"""

from __future__ import annotations

from typing import TypeAlias

from .activity import ACTIVITY_TYPES, Activity
from .actor import ACTOR_TYPES, Actor, ActorType, Multikey, PublicKey
from .collection import OrderedCollection, OrderedCollectionPage
from .common import Hashtag, Image, PropertyValue, Source
from .publication import (
    Event,
    Location,
    Place,
    PostalAddress,
    Practice,
    Publication,
    VirtualLocation,
    VolunteerCall,
)
from .remote import Note, RemoteObject, Tombstone

ASObject: TypeAlias = (
    Actor
    | Activity
    | Practice
    | Event
    | VolunteerCall
    | RemoteObject
    | Tombstone
    | OrderedCollection
    | OrderedCollectionPage
)

__all__ = [
    "ACTIVITY_TYPES",
    "ACTOR_TYPES",
    "ASObject",
    "Activity",
    "Actor",
    "ActorType",
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
    "Tombstone",
    "VirtualLocation",
    "VolunteerCall",
]
