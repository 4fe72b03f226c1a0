"""Actors: the organisation, the node's instance actor, and whoever follows them.

Exceptions: none (plain frozen dataclasses).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Final, Literal

from .common import Image, PropertyValue

ActorType = Literal["Organization", "Application", "Person", "Service", "Group"]
ACTOR_TYPES: Final = ("Organization", "Application", "Person", "Service", "Group")


@dataclass(frozen=True)
class PublicKey:
    """The actor's RSA key (`publicKey`): id `{actor id}#main-key`, an SPKI PEM."""

    id: str
    owner: str
    pem: str


@dataclass(frozen=True)
class Multikey:
    """An Ed25519 key for object proofs (FEP-521a `assertionMethod`): its id, the actor
    that controls it, and the key as multibase (`z` + base58btc of 0xed01 + 32 bytes)."""

    id: str
    controller: str
    public_key_multibase: str


@dataclass(frozen=True, kw_only=True)
class Actor:
    """An ActivityPub actor, with the fields Mastodon reads; unknown keys kept in `extra`."""

    id: str
    type: ActorType
    inbox: str
    preferred_username: str | None = None
    name: str | None = None
    # HTML, as Mastodon sends it.
    summary: str | None = None
    outbox: str | None = None
    followers: str | None = None
    following: str | None = None
    featured: str | None = None
    shared_inbox: str | None = None
    url: str | None = None
    icon: Image | None = None
    image: Image | None = None
    manually_approves_followers: bool = False
    discoverable: bool = False
    public_key: PublicKey | None = None
    # Older RSA keys still published after a rotation (grace period), after `public_key`.
    retired_public_keys: tuple[PublicKey, ...] = ()
    assertion_methods: tuple[Multikey, ...] = ()
    attachments: tuple[PropertyValue, ...] = ()
    published: datetime | None = None
    # Keys this model does not know (alsoKnownAs, assertionMethod, ...), as they came.
    extra: dict[str, Any] = field(default_factory=dict)
