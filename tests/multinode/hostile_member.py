"""A server on loopback that looks like a SINet node, or almost: for the join's bad input.

``HostileMember(behaviour)`` serves NodeInfo, an instance actor with real keys (RSA for
HTTP signatures, Ed25519 for proofs, made here with the tests' own signer) and a member
directory, and misbehaves as told:

- ``not-sinet``: a Fediverse server whose NodeInfo declares no membership protocol;
- ``garbage-nodeinfo``: /.well-known/nodeinfo answers bytes that are not JSON;
- ``garbage-directory``: everything fine except the directory, which is an HTML page;
- ``endless-entries`` / ``endless-pages``: a directory whose pages never end, full or empty;
- ``forged-self``: its own statement signed with a key it does not publish;
- ``forged-entry``: a valid statement of its own, plus statements for ``victim`` (a real
  node that never joined) signed with the hostile key, in the victim's name and in its own;
- ``webfinger-only``: a valid member whose NodeInfo does not link its instance actor, which
  WebFinger for the origin names (FEP-d556) — not hostile, just different;
- ``no-instance-actor``: neither NodeInfo nor WebFinger names an instance actor.

Served by uvicorn on a thread of its own; ``with HostileMember(...) as server:``.
"""

from __future__ import annotations

import asyncio
import socket
import threading
import time
from typing import Any

import uvicorn
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from sinet_node.federation.keys import generate_rsa_key, public_key_pem
from tests.fakes import data_integrity

AS_JSON = "application/activity+json"
CONTEXT = [
    "https://www.w3.org/ns/activitystreams",
    "https://w3id.org/security/v1",
    "https://w3id.org/security/data-integrity/v2",
    {"sinet": "https://w3id.org/sinet/ns#", "Membership": "sinet:Membership"},
]
CREATED = "2026-11-23T09:00:00Z"
BEHAVIOURS = (
    "not-sinet",
    "garbage-nodeinfo",
    "garbage-directory",
    "endless-entries",
    "endless-pages",
    "forged-self",
    "forged-entry",
    "webfinger-only",
    "no-instance-actor",
)


class HostileMember:
    def __init__(self, behaviour: str, *, victim: str = "") -> None:
        assert behaviour in BEHAVIOURS, behaviour
        self.behaviour = behaviour
        self.victim = victim  # origin of a real node, for forged-entry
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.base_url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        self.rsa = generate_rsa_key()
        self.ed25519 = Ed25519PrivateKey.generate()
        self.pages_served = 0
        self.server = uvicorn.Server(
            uvicorn.Config(self._app(), log_level="warning", lifespan="off")
        )
        self.thread = threading.Thread(
            target=lambda: asyncio.run(self.server.serve(sockets=[self.sock])), daemon=True
        )

    def __enter__(self) -> HostileMember:
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            assert time.monotonic() < deadline, "the hostile server did not start"
            time.sleep(0.01)
        return self

    def __exit__(self, *_exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
        self.sock.close()

    # -- documents -----------------------------------------------------------------------

    @property
    def instance_actor(self) -> str:
        return f"{self.base_url}/actor"

    @property
    def key_id(self) -> str:
        return f"{self.instance_actor}#ed25519-key"

    def statement(self, origin: str, *, key: Ed25519PrivateKey, key_id: str) -> dict[str, Any]:
        document = {
            "@context": CONTEXT,
            "id": f"{origin}/actor/membership",
            "type": "Membership",
            "attributedTo": f"{origin}/actor",
            "node": origin,
            "organisation": f"{origin}/users/hostile",
            "membershipState": "active",
            "membershipProtocol": "0.1",
            "published": CREATED,
            "updated": CREATED,
        }
        return data_integrity.sign(document, key, key_id, CREATED)

    def entries(self) -> list[dict[str, Any]]:
        if self.behaviour == "forged-self":
            other = Ed25519PrivateKey.generate()  # a key the actor does not publish
            return [self.statement(self.base_url, key=other, key_id=self.key_id)]
        entries = [self.statement(self.base_url, key=self.ed25519, key_id=self.key_id)]
        if self.behaviour == "forged-entry":
            in_its_name = f"{self.victim}/actor#ed25519-key"
            entries.append(self.statement(self.victim, key=self.ed25519, key_id=in_its_name))
            entries.append(self.statement(self.victim, key=self.ed25519, key_id=self.key_id))
        return entries

    def actor(self) -> dict[str, Any]:
        return {
            "@context": CONTEXT,
            "id": self.instance_actor,
            "type": "Application",
            "preferredUsername": "hostile",
            "inbox": f"{self.instance_actor}/inbox",
            "publicKey": {
                "id": f"{self.instance_actor}#main-key",
                "owner": self.instance_actor,
                "publicKeyPem": public_key_pem(self.rsa),
            },
            "assertionMethod": [
                {
                    "id": self.key_id,
                    "type": "Multikey",
                    "controller": self.instance_actor,
                    "publicKeyMultibase": data_integrity.multikey_of(self.ed25519),
                }
            ],
            "members": f"{self.instance_actor}/members",
            "membershipProtocol": "0.1",
        }

    # -- the app -------------------------------------------------------------------------

    def _app(self) -> Starlette:
        async def links(_: Request) -> Response:
            if self.behaviour == "garbage-nodeinfo":
                return Response(b"\x00{not json", media_type="application/json")
            return JSONResponse(
                {
                    "links": [
                        {
                            "rel": "http://nodeinfo.diaspora.software/ns/schema/2.1",
                            "href": f"{self.base_url}/nodeinfo/2.1",
                        },
                        {
                            "rel": "https://www.w3.org/ns/activitystreams#Application",
                            "href": self.instance_actor,
                        },
                    ][: 1 if self.behaviour in ("webfinger-only", "no-instance-actor") else 2]
                }
            )

        async def webfinger(request: Request) -> Response:
            if self.behaviour != "webfinger-only" or request.query_params.get("resource") != (
                self.base_url + "/"
            ):
                return Response(status_code=404)
            return JSONResponse(
                {
                    "subject": self.base_url + "/",
                    "links": [{"rel": "self", "type": AS_JSON, "href": self.instance_actor}],
                },
                media_type="application/jrd+json",
            )

        async def nodeinfo(_: Request) -> Response:
            metadata: dict[str, Any] = {"nodeName": "Hostile"}
            if self.behaviour != "not-sinet":
                metadata["sinet-membership"] = {"version": "0.1"}
            return JSONResponse(
                {
                    "version": "2.1",
                    "software": {"name": "mastodon", "version": "4.5.0"},
                    "protocols": ["activitypub"],
                    "metadata": metadata,
                }
            )

        async def actor(_: Request) -> Response:
            return JSONResponse(self.actor(), media_type=AS_JSON)

        async def members(request: Request) -> Response:
            self.pages_served += 1
            url = f"{self.instance_actor}/members"
            if self.behaviour == "garbage-directory":
                return Response("<html><body>Members</body></html>", media_type="text/html")
            page = request.query_params.get("page")
            if page is None:
                return JSONResponse(
                    {"@context": CONTEXT, "id": url, "type": "OrderedCollection",
                     "first": f"{url}?page=1"},
                    media_type=AS_JSON,
                )  # fmt: skip
            number = int(page)
            items: list[Any] = self.entries() if number == 1 else []
            if self.behaviour == "endless-entries":
                items = [self.statement(f"http://127.0.0.{number % 250 + 2}", key=self.ed25519,
                                        key_id=self.key_id)] * 40  # fmt: skip
            document: dict[str, Any] = {
                "@context": CONTEXT,
                "id": f"{url}?page={number}",
                "type": "OrderedCollectionPage",
                "partOf": url,
                "orderedItems": items,
            }
            if self.behaviour.startswith("endless"):
                document["next"] = f"{url}?page={number + 1}"
            return JSONResponse(document, media_type=AS_JSON)

        return Starlette(
            routes=[
                Route("/.well-known/nodeinfo", links),
                Route("/.well-known/webfinger", webfinger),
                Route("/nodeinfo/2.1", nodeinfo),
                Route("/actor", actor),
                Route("/actor/members", members),
            ]
        )
