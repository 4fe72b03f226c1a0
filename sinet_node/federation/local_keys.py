"""The local actors' keys: made once, rotated on demand, held in memory by the running node.

Each local actor (the organisation, the instance actor) has an RSA key for HTTP signatures
and an Ed25519 key for object proofs. ``ensure_keys`` makes whichever is missing (a node
initialised before proofs existed gets its Ed25519 keys the first time it is opened).
``rotate`` retires the current pairs and adds new ones under new ids; the retired keys stay
published for a grace period so that what they signed keeps verifying.

The running node reads keys from a ``KeyRing``; ``refresh`` reloads it when another process
(``sinet-node rotate-keys``) has changed the table, which the worker checks on every pass.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from cryptography.hazmat.primitives.asymmetric import ed25519, rsa
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from sinet_node.federation.keys import (
    generate_rsa_key,
    load_private_key_pem,
    private_key_to_pem,
    public_key_pem,
)
from sinet_node.federation.multikey import (
    generate_ed25519_key,
    load_ed25519_private_pem,
    public_multibase,
)
from sinet_node.federation.urls import Urls
from sinet_node.storage import keys as key_store
from sinet_node.storage.models import KeyPair


class MissingKeys(LookupError):
    """A local actor has no current key of some kind (the node was never initialised)."""


@dataclass(frozen=True)
class SigningKey:
    """RSA, for HTTP signatures."""

    key_id: str
    private_key: rsa.RSAPrivateKey
    public_pem: str


@dataclass(frozen=True)
class ProofKey:
    """Ed25519, for object proofs (FEP-8b32)."""

    key_id: str
    private_key: ed25519.Ed25519PrivateKey
    multibase: str


@dataclass(frozen=True)
class PublishedKey:
    """A key as the actor document lists it (current or inside its grace period)."""

    key_id: str
    algorithm: str
    public: str  # SPKI PEM or multibase
    retired: bool


@dataclass(frozen=True)
class ActorKeys:
    http: SigningKey
    proof: ProofKey
    published: tuple[PublishedKey, ...]
    # When a published retired key stops being published (the ring is then out of date).
    next_expiry: datetime | None


def actor_of(urls: Urls, owner: str) -> str:
    return urls.instance_actor if owner == key_store.INSTANCE else urls.actor


def _new_pair(algorithm: str) -> tuple[str, str]:
    """(private PEM, public key as published) of a fresh key."""
    if algorithm == key_store.ED25519:
        secret = generate_ed25519_key()
        return private_key_to_pem(secret), public_multibase(secret)
    private = generate_rsa_key()
    return private_key_to_pem(private), public_key_pem(private)


def _add(
    session: AsyncSession, urls: Urls, owner: str, algorithm: str, now: datetime, generation: str
) -> KeyPair:
    private_pem, public = _new_pair(algorithm)
    return key_store.add_key(
        session,
        owner=owner,
        algorithm=algorithm,
        key_id=urls.key_id(actor_of(urls, owner), algorithm, generation),
        private_pem=private_pem,
        public_pem=public,
        now=now,
    )


async def ensure_keys(
    sessions: async_sessionmaker[AsyncSession], urls: Urls, now: datetime
) -> None:
    """Make each missing key once; an existing key is never replaced. Two processes racing
    here both try the same first-generation id: the loser's insert fails and is dropped."""
    for owner in key_store.OWNERS:
        for algorithm in key_store.ALGORITHMS:
            try:
                async with sessions.begin() as session:
                    if await key_store.current_key(session, owner, algorithm) is None:
                        _add(session, urls, owner, algorithm, now, generation="")
            except IntegrityError:
                continue


async def rotate(session: AsyncSession, urls: Urls, now: datetime, grace: timedelta) -> list[str]:
    """Retire every current key (published until now + grace) and add new ones; returns
    the new key ids. In the caller's transaction."""
    generation = f"{now:%Y%m%d%H%M%S}-{secrets.token_hex(3)}"
    new_ids = []
    for owner in key_store.OWNERS:
        for algorithm in key_store.ALGORITHMS:
            current = await key_store.current_key(session, owner, algorithm)
            if current is not None:
                key_store.retire(current, now=now, published_until=now + grace)
            new_ids.append(_add(session, urls, owner, algorithm, now, generation).key_id)
    return new_ids


def _actor_keys(rows: list[KeyPair], owner: str) -> ActorKeys:
    mine = [row for row in rows if row.owner == owner]
    current = {row.algorithm: row for row in mine if row.retired_at is None}
    if key_store.RSA not in current or key_store.ED25519 not in current:
        raise MissingKeys(f"the {owner} keys are missing from the database; was `init` run?")
    rsa_row, ed_row = current[key_store.RSA], current[key_store.ED25519]
    retired = [row for row in mine if row.retired_at is not None and row.expires_at]
    return ActorKeys(
        http=SigningKey(
            rsa_row.key_id, load_private_key_pem(rsa_row.private_pem), rsa_row.public_pem
        ),
        proof=ProofKey(
            ed_row.key_id, load_ed25519_private_pem(ed_row.private_pem), ed_row.public_pem
        ),
        published=tuple(
            PublishedKey(row.key_id, row.algorithm, row.public_pem, row.retired_at is not None)
            for row in (rsa_row, ed_row, *retired)
        ),
        next_expiry=min((row.expires_at for row in retired if row.expires_at), default=None),
    )


@dataclass
class KeyRing:
    """The keys the running node signs with, per owner; reloaded after a rotation."""

    actors: dict[str, ActorKeys] = field(default_factory=dict)
    generation: tuple[int, int] = (0, 0)

    def of(self, owner: str) -> ActorKeys:
        return self.actors[
            key_store.INSTANCE if owner == key_store.INSTANCE else key_store.ORGANISATION
        ]

    async def refresh(self, sessions: async_sessionmaker[AsyncSession], now: datetime) -> bool:
        """Reload when the table changed or a retired key's grace ended; True if it did."""
        expired = any(
            keys.next_expiry is not None and keys.next_expiry <= now
            for keys in self.actors.values()
        )
        async with sessions() as session:
            if (
                self.actors
                and not expired
                and await key_store.generation(session) == self.generation
            ):
                return False
            await self.reload(session, now)
        return True

    def forget(self) -> None:
        """Make the next refresh reload from the database."""
        self.generation = (-1, -1)

    async def reload(self, session: AsyncSession, now: datetime) -> None:
        """Load from ``session`` (also inside the transaction that rotated the keys)."""
        await session.flush()
        generation = await key_store.generation(session)
        rows = await key_store.published_keys(session, now)
        self.actors = {owner: _actor_keys(rows, owner) for owner in key_store.OWNERS}
        self.generation = generation
