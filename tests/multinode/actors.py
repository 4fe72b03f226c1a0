"""Fake remote actors: a key, an actor document, signed requests and a record of their inbox.

A ``FakeActor`` is a ``Person`` with an ``inbox`` and no ``sharedInbox`` (so every
actor is one delivery of a fan-out) and ``publicKey {id: ACTOR#main-key, owner,
publicKeyPem}``. Its inbox record is shared between the server thread that appends
and the test thread that reads, hence the lock.

Errors: none of its own.
"""

from __future__ import annotations

import itertools
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from cryptography.hazmat.primitives.asymmetric import rsa

from sinet_node.federation.keys import public_key_pem
from sinet_node.federation.signing import sign_request_headers

AS_CONTEXT = "https://www.w3.org/ns/activitystreams"
SECURITY_CONTEXT = "https://w3id.org/security/v1"
_serial = itertools.count(1)


def object_id(value: Any) -> str | None:
    """The id of an embedded object, or the object when it is a bare id."""
    if isinstance(value, str):
        return value
    if isinstance(value, dict) and isinstance(value.get("id"), str):
        return str(value["id"])
    return None


@dataclass(frozen=True)
class Received:
    """One POST to a fake inbox: the activity and whose signature verified on it."""

    activity: dict[str, Any]
    signer: str | None  # the key id whose signature verified; None when it did not
    problem: str = ""  # why the signature did not verify
    at: float = field(default_factory=time.monotonic)

    @property
    def type(self) -> str:
        return str(self.activity.get("type"))

    @property
    def id(self) -> str | None:
        return object_id(self.activity)

    @property
    def object_id(self) -> str | None:
        return object_id(self.activity.get("object"))


class FakeActor:
    def __init__(self, username: str, base_url: str, key: rsa.RSAPrivateKey) -> None:
        self.username = username
        self.base_url = base_url
        self.key = key
        self.public_key_pem = public_key_pem(key)
        self.follows: list[str] = []  # ids of the Follows this actor sent
        self._received: list[Received] = []
        self._lock = threading.Lock()

    @property
    def id(self) -> str:
        return f"{self.base_url}/users/{self.username}"

    @property
    def inbox(self) -> str:
        return f"{self.id}/inbox"

    @property
    def key_id(self) -> str:
        return f"{self.id}#main-key"

    def __repr__(self) -> str:
        return f"FakeActor({self.id})"

    def document(self) -> dict[str, Any]:
        return {
            "@context": [AS_CONTEXT, SECURITY_CONTEXT],
            "id": self.id,
            "type": "Person",
            "preferredUsername": self.username,
            "name": f"Fake follower {self.username}",
            "inbox": self.inbox,
            "outbox": f"{self.id}/outbox",
            "followers": f"{self.id}/followers",
            "following": f"{self.id}/following",
            "url": self.id,
            "publicKey": {
                "id": self.key_id,
                "owner": self.id,
                "publicKeyPem": self.public_key_pem,
            },
        }

    def sign(
        self, method: str, url: str, body: bytes | None, *, now: datetime | None = None
    ) -> dict[str, str]:
        """Host, Date, Digest and Signature headers for a request by this actor."""
        return sign_request_headers(
            method=method,
            url=url,
            body=body,
            key_id=self.key_id,
            private_key=self.key,
            now=now or datetime.now(UTC),
        )

    def follow(self, target: str, *, actor: str | None = None) -> dict[str, Any]:
        """A Follow of ``target`` (its ``actor`` may be overridden to forge one)."""
        follow_id = f"{self.id}/follows/{next(_serial)}"
        self.follows.append(follow_id)
        return {
            "@context": AS_CONTEXT,
            "id": follow_id,
            "type": "Follow",
            "actor": actor or self.id,
            "object": target,
        }

    # -- the inbox record ----------------------------------------------------------------

    def record(self, item: Received) -> None:
        with self._lock:
            self._received.append(item)

    def received(self, activity_type: str | None = None) -> list[Received]:
        with self._lock:
            items = list(self._received)
        return [item for item in items if activity_type is None or item.type == activity_type]

    def accepted(self) -> bool:
        """An Accept of one of this actor's Follows arrived (by id, or embedded)."""
        return any(item.object_id in self.follows for item in self.received("Accept"))

    def count_of(self, activity_type: str, object_id: str) -> int:
        return Counter(item.object_id for item in self.received(activity_type)).get(object_id, 0)
