"""A recording fake Fediverse behind httpx.MockTransport: remote actors with real keys,
documents served on GET, every POST recorded (and answered as programmed)."""

from __future__ import annotations

import json
from collections import defaultdict, deque
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.asymmetric.rsa import RSAPrivateKey

from sinet_node.federation.keys import generate_rsa_key, load_public_key_pem, public_key_pem
from sinet_node.federation.signatures import IncomingRequest, check_request, verify_request
from sinet_node.federation.signing import sign_request_headers
from tests.fakes import data_integrity

AS_JSON = "application/activity+json"
_KEYS: list[RSAPrivateKey] = []


def _key(index: int) -> RSAPrivateKey:
    # Key generation is slow; a handful of keys serve every fake actor in a run.
    while len(_KEYS) <= index % 4:
        _KEYS.append(generate_rsa_key())
    return _KEYS[index % 4]


class _Body(httpx.AsyncByteStream):
    """A body that arrives as a stream, as from a real server (the fetcher streams it)."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    async def __aiter__(self) -> AsyncIterator[bytes]:
        yield self.data


def json_response(document: dict[str, Any], status: int = 200) -> httpx.Response:
    return httpx.Response(
        status, headers={"Content-Type": AS_JSON}, stream=_Body(json.dumps(document).encode())
    )


@dataclass
class FakeActor:
    id: str
    key: RSAPrivateKey
    inbox: str
    shared_inbox: str | None = None
    # For object proofs (FEP-8b32), published as a Multikey in assertionMethod.
    proof_key: Ed25519PrivateKey = field(default_factory=Ed25519PrivateKey.generate)

    @property
    def key_id(self) -> str:
        return f"{self.id}#main-key"

    @property
    def proof_key_id(self) -> str:
        return f"{self.id}#ed25519-key"

    def prove(
        self, document: dict[str, Any], *, created: str = "2026-11-23T06:00:00Z"
    ) -> dict[str, Any]:
        """The document with this actor's eddsa-jcs-2022 proof (the tests' own signer)."""
        return data_integrity.sign(document, self.proof_key, self.proof_key_id, created)

    def document(self) -> dict[str, Any]:
        doc: dict[str, Any] = {
            "@context": ["https://www.w3.org/ns/activitystreams", "https://w3id.org/security/v1"],
            "id": self.id,
            "type": "Person",
            "preferredUsername": self.id.rsplit("/", 1)[-1],
            "inbox": self.inbox,
            "outbox": f"{self.id}/outbox",
            "publicKey": {
                "id": self.key_id,
                "owner": self.id,
                "publicKeyPem": public_key_pem(self.key),
            },
            "assertionMethod": [
                {
                    "id": self.proof_key_id,
                    "type": "Multikey",
                    "controller": self.id,
                    "publicKeyMultibase": data_integrity.multikey_of(self.proof_key),
                }
            ],
        }
        if self.shared_inbox:
            doc["endpoints"] = {"sharedInbox": self.shared_inbox}
        return doc


@dataclass
class Received:
    url: str
    headers: httpx.Headers
    body: bytes

    @property
    def json(self) -> dict[str, Any]:
        parsed: dict[str, Any] = json.loads(self.body)
        return parsed


@dataclass
class FakeFediverse:
    documents: dict[str, dict[str, Any]] = field(default_factory=dict)
    actors: dict[str, FakeActor] = field(default_factory=dict)
    received: list[Received] = field(default_factory=list)
    gets: list[str] = field(default_factory=list)
    # Programmed answers for POSTs to an inbox: popped in order, then 202.
    answers: dict[str, deque[httpx.Response]] = field(default_factory=lambda: defaultdict(deque))

    def add_actor(self, actor_id: str, *, shared_inbox: str | None = None) -> FakeActor:
        actor = FakeActor(actor_id, _key(len(self.actors)), f"{actor_id}/inbox", shared_inbox)
        self.actors[actor_id] = actor
        self.documents[actor_id] = actor.document()
        return actor

    def add_document(self, document: dict[str, Any]) -> None:
        self.documents[document["id"]] = document

    def program(self, inbox: str, *responses: httpx.Response) -> None:
        self.answers[inbox].extend(responses)

    def posts_to(self, inbox: str) -> list[Received]:
        return [item for item in self.received if item.url == inbox]

    def transport(self) -> httpx.MockTransport:
        return httpx.MockTransport(self._handle)

    def _handle(self, request: httpx.Request) -> httpx.Response:
        url = str(request.url.copy_with(fragment=None))
        if request.method == "GET":
            self.gets.append(url)
            if url in self.documents:
                return json_response(self.documents[url])
            return httpx.Response(404)
        body = request.read()
        self.received.append(Received(url, request.headers, body))
        queue = self.answers.get(url)
        if queue:
            return queue.popleft()
        return httpx.Response(202)


def signed_post_headers(
    actor: FakeActor, url: str, body: bytes, *, now: datetime | None = None
) -> dict[str, str]:
    headers = sign_request_headers(
        method="POST",
        url=url,
        body=body,
        key_id=actor.key_id,
        private_key=actor.key,
        now=now or datetime.now(UTC),
    )
    headers["Content-Type"] = AS_JSON
    return headers


def verify_node_signature(received: Received, public_pem: str, host: str) -> None:
    """Check a delivery the node made with the node's published key (raises on failure)."""
    url = httpx.URL(received.url)
    target = url.raw_path.decode()
    request = IncomingRequest("POST", target, dict(received.headers.items()), received.body)
    params = check_request(request, now=datetime.now(UTC), window=timedelta(hours=1))
    verify_request(params, request, load_public_key_pem(public_pem), origin=f"https://{host}")
