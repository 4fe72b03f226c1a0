"""SQLAlchemy models: everything the node knows lives in these tables.

Timestamps are stored as naive UTC and handed back as aware UTC datetimes
(``UTCDateTime``), so SQLite and PostgreSQL behave alike. Queue tables
(inbox items, outgoing activities, deliveries) share the columns that
``storage.queue`` needs: state, attempts, next_attempt_at, locked_until, last_error.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

URI = String(2048)


class UTCDateTime(TypeDecorator[datetime]):
    """Aware UTC in Python, naive UTC in the database."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTCDateTime column")
        return value.astimezone(UTC).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        return None if value is None else value.replace(tzinfo=UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {datetime: UTCDateTime, dict[str, Any]: JSON, list[Any]: JSON}


class KeyPair(Base):
    """A local actor's key: RSA for HTTP signatures, Ed25519 for object proofs. Generated
    once per algorithm; `rotate-keys` retires the current pair and adds new rows."""

    __tablename__ = "key_pairs"

    id: Mapped[int] = mapped_column(primary_key=True)
    owner: Mapped[str] = mapped_column(String(32), index=True)  # "organisation" | "instance"
    key_id: Mapped[str] = mapped_column(URI, unique=True)
    algorithm: Mapped[str] = mapped_column(String(32))  # "rsa" | "ed25519"
    private_pem: Mapped[str] = mapped_column(Text)
    # As published: SPKI PEM for RSA, multibase (FEP-521a) for Ed25519.
    public_pem: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime]
    retired_at: Mapped[datetime | None]
    # A retired key is still published until then, so what it signed still verifies.
    expires_at: Mapped[datetime | None]


class StoredObject(Base):
    """A practice, event, call or other object: ours or received from a peer."""

    __tablename__ = "objects"

    id: Mapped[int] = mapped_column(primary_key=True)
    uri: Mapped[str] = mapped_column(URI, unique=True)
    local: Mapped[bool] = mapped_column(Boolean, index=True)
    kind: Mapped[str] = mapped_column(String(16), index=True)  # practice|event|call|note
    type: Mapped[str] = mapped_column(String(64))
    attributed_to: Mapped[str | None] = mapped_column(URI, index=True)
    name: Mapped[str | None] = mapped_column(Text)
    summary: Mapped[str | None] = mapped_column(Text)
    content: Mapped[str | None] = mapped_column(Text)
    document: Mapped[dict[str, Any]]
    # A received object as its author signed it (FEP-8b32), when its proof verified.
    signed_document: Mapped[dict[str, Any] | None]
    source_input: Mapped[dict[str, Any] | None]  # the publish JSON, for local objects
    published: Mapped[datetime | None]
    updated: Mapped[datetime | None]
    deleted_at: Mapped[datetime | None]
    pinned: Mapped[bool] = mapped_column(Boolean, default=False)
    received_at: Mapped[datetime]


class CatalogueEntry(Base):
    """A live object as listings see it: one row per object that is not deleted.

    Written only by ``storage.catalogue.write_entry``. The full-text index lives beside it
    and is dialect-specific, so it is not mapped here: an FTS5 table ``catalogue_fts``
    (rowid = object_id) on SQLite, a ``search`` tsvector column with a GIN index on
    PostgreSQL (migration 0002).
    """

    __tablename__ = "catalogue"
    __table_args__ = (
        Index("ix_catalogue_kind_starts_at", "kind", "starts_at"),
        Index("ix_catalogue_kind_closes_at", "kind", "closes_at"),
    )

    object_id: Mapped[int] = mapped_column(
        ForeignKey("objects.id", ondelete="CASCADE"), primary_key=True
    )
    kind: Mapped[str] = mapped_column(String(16))
    starts_at: Mapped[datetime | None]  # events
    ends_at: Mapped[datetime | None]  # events
    closes_at: Mapped[datetime | None]  # calls


class CatalogueFacet(Base):
    """One value of one facet of a catalogued object (a challenge, a skill, a country...)."""

    __tablename__ = "catalogue_facets"
    __table_args__ = (Index("ix_catalogue_facets_facet_value", "facet", "value"),)

    object_id: Mapped[int] = mapped_column(
        ForeignKey("catalogue.object_id", ondelete="CASCADE"), primary_key=True
    )
    facet: Mapped[str] = mapped_column(String(32), primary_key=True)
    value: Mapped[str] = mapped_column(String(300), primary_key=True)  # normalised
    label: Mapped[str] = mapped_column(String(300))  # as written


class LocalActivity(Base):
    """An activity this node published (the outbox and /activities/{id})."""

    __tablename__ = "activities"

    id: Mapped[int] = mapped_column(primary_key=True)
    uri: Mapped[str] = mapped_column(URI, unique=True)
    type: Mapped[str] = mapped_column(String(32), index=True)
    actor: Mapped[str] = mapped_column(URI)
    object_uri: Mapped[str | None] = mapped_column(URI, index=True)
    document: Mapped[dict[str, Any]]
    public: Mapped[bool] = mapped_column(Boolean, default=True)
    published: Mapped[datetime]


class Follower(Base):
    """A remote actor that follows one of our local actors."""

    __tablename__ = "followers"
    __table_args__ = (UniqueConstraint("local_actor", "actor_uri"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    local_actor: Mapped[str] = mapped_column(URI)
    actor_uri: Mapped[str] = mapped_column(URI, index=True)
    follow_uri: Mapped[str] = mapped_column(URI)
    state: Mapped[str] = mapped_column(String(16))  # pending|accepted
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class Following(Base):
    """A remote actor one of our local actors follows (or asked to)."""

    __tablename__ = "following"
    __table_args__ = (UniqueConstraint("local_actor", "actor_uri"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    local_actor: Mapped[str] = mapped_column(URI)
    actor_uri: Mapped[str] = mapped_column(URI, index=True)
    follow_uri: Mapped[str] = mapped_column(URI, unique=True)
    state: Mapped[str] = mapped_column(String(16))  # pending|accepted|rejected
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class RemoteActor(Base):
    """A cached remote actor document with its public key."""

    __tablename__ = "remote_actors"

    id: Mapped[int] = mapped_column(primary_key=True)
    uri: Mapped[str] = mapped_column(URI, unique=True)
    key_id: Mapped[str | None] = mapped_column(URI, index=True)
    public_key_pem: Mapped[str | None] = mapped_column(Text)
    inbox: Mapped[str | None] = mapped_column(URI)
    shared_inbox: Mapped[str | None] = mapped_column(URI)
    preferred_username: Mapped[str | None] = mapped_column(String(255))
    name: Mapped[str | None] = mapped_column(Text)
    document: Mapped[dict[str, Any]]
    fetched_at: Mapped[datetime]


class Interaction(Base):
    """A Like or Announce of one of our objects by a remote actor."""

    __tablename__ = "interactions"

    id: Mapped[int] = mapped_column(primary_key=True)
    activity_uri: Mapped[str] = mapped_column(URI, unique=True)
    type: Mapped[str] = mapped_column(String(16))
    actor_uri: Mapped[str] = mapped_column(URI, index=True)
    object_uri: Mapped[str] = mapped_column(URI, index=True)
    created_at: Mapped[datetime]


class InboxItem(Base):
    """An authenticated incoming activity waiting for (or done with) the worker."""

    __tablename__ = "inbox_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    activity_uri: Mapped[str] = mapped_column(URI, unique=True)
    actor_uri: Mapped[str] = mapped_column(URI)
    signer_key_id: Mapped[str] = mapped_column(URI)
    recipient: Mapped[str] = mapped_column(URI)  # the inbox URL it arrived at
    document: Mapped[dict[str, Any]]
    state: Mapped[str] = mapped_column(String(16), index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime]
    locked_until: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(Text)
    received_at: Mapped[datetime]


class OutgoingActivity(Base):
    """Stage one of delivery: an activity whose audience is still to be resolved to inboxes."""

    __tablename__ = "outgoing"

    id: Mapped[int] = mapped_column(primary_key=True)
    activity_uri: Mapped[str] = mapped_column(URI)
    signer: Mapped[str] = mapped_column(String(32))  # "organisation" | "instance"
    document: Mapped[dict[str, Any]]
    audience: Mapped[list[Any]]  # actor URIs and/or our followers collection URI
    state: Mapped[str] = mapped_column(String(16), index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime]
    locked_until: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime]


class Delivery(Base):
    """Stage two of delivery: one activity to one inbox."""

    __tablename__ = "deliveries"
    __table_args__ = (UniqueConstraint("outgoing_id", "inbox"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    outgoing_id: Mapped[int] = mapped_column(ForeignKey("outgoing.id", ondelete="CASCADE"))
    inbox: Mapped[str] = mapped_column(URI)
    host: Mapped[str] = mapped_column(String(255), index=True)
    state: Mapped[str] = mapped_column(String(16), index=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    next_attempt_at: Mapped[datetime]
    locked_until: Mapped[datetime | None]
    last_status: Mapped[int | None]
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime]
    delivered_at: Mapped[datetime | None]


class Host(Base):
    """Per-host delivery health: the circuit breaker."""

    __tablename__ = "hosts"

    host: Mapped[str] = mapped_column(String(255), primary_key=True)
    consecutive_failures: Mapped[int] = mapped_column(Integer, default=0)
    paused_until: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(Text)
    updated_at: Mapped[datetime]


# The network ----------------------------------------------------------------------


class Member(Base):
    """A node of the network, ourselves included, as its own signed statement describes it.

    ``state``: active | unreachable | left | pending (an introduction held for an admin) |
    unverified (named by another member; its statement could not be checked yet).
    """

    __tablename__ = "members"

    id: Mapped[int] = mapped_column(primary_key=True)
    node: Mapped[str] = mapped_column(URI, unique=True)  # the node's origin
    instance_actor: Mapped[str] = mapped_column(URI, unique=True)
    organisation: Mapped[str] = mapped_column(URI)
    state: Mapped[str] = mapped_column(String(16), index=True)
    # The member's statement exactly as it signed it (ours: unsigned, proven when served).
    statement: Mapped[dict[str, Any]]
    statement_updated: Mapped[datetime]  # a newer statement replaces an older one
    admitted: Mapped[bool] = mapped_column(Boolean, default=False)  # act on it once verified
    since: Mapped[datetime | None]  # became a member here
    last_seen: Mapped[datetime | None]  # last answered or wrote
    introduced_by: Mapped[str | None] = mapped_column(URI)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    next_check_at: Mapped[datetime] = mapped_column(index=True)
    last_error: Mapped[str | None] = mapped_column(Text)
    backfilled_at: Mapped[datetime | None]  # its outbox was last read completely


# Accounts of the browser admin (people, not actors) ----------------------------------


class AccountRecord(Base):
    """A person who may log in to the admin pages: an admin or an editor."""

    __tablename__ = "accounts"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Stored lower-cased, so the unique constraint is case-insensitive on every engine.
    email: Mapped[str] = mapped_column(String(320), unique=True)
    password_hash: Mapped[str] = mapped_column(Text)  # argon2id, PHC string
    role: Mapped[str] = mapped_column(String(16))  # admin|editor
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime]
    password_changed_at: Mapped[datetime]
    last_login_at: Mapped[datetime | None]


class WebSession(Base):
    """A logged-in browser. The cookie holds a random token; only its SHA-256 is stored,
    so a copy of the database does not let anyone take over a session."""

    __tablename__ = "web_sessions"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    account_id: Mapped[int] = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), index=True
    )
    csrf_secret: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime] = mapped_column(index=True)
    # A message for the next page after a redirect (and, once, a one-time password).
    flash: Mapped[dict[str, Any] | None]


class LoginAttempt(Base):
    """A failed login, counted per account and per client address for the rate limit.
    In the database so the limit holds across processes and restarts."""

    __tablename__ = "login_attempts"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(320), index=True)
    address: Mapped[str] = mapped_column(String(64), index=True)
    attempted_at: Mapped[datetime] = mapped_column(index=True)
