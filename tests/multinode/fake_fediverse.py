"""A fake Fediverse on loopback: live HTTP servers hosting many actors, for multi-node tests.

Each ``FakeServer`` is a Starlette app under uvicorn on 127.0.0.1 and a port of its own,
so each is its own host (a host includes its port). Its actors are ``Person``s with their
own RSA keys and an ``inbox`` but no ``sharedInbox``: every actor is one delivery. GETs
of actors (and of their key ids) are answered; every POST to an inbox is recorded, with
the outcome of checking its HTTP signature against the sender's published key, and is
answered 202 after ``response_delay`` seconds, so that a fan-out takes long enough to be
interrupted. A POST is recorded when it arrives, before the delay: a delivery in flight
when its sender dies counts as received, as it would on a real peer.

All servers run on one asyncio loop in a background thread, so the test thread may block
on `sinet-node` subprocesses while the fakes keep answering the node.

Errors:
    FakeFediverseError(RuntimeError) -- a server did not start or stop in time.
"""

from __future__ import annotations

import asyncio
import json
import socket
import threading
import time
from collections.abc import Coroutine, Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar
from urllib.parse import urldefrag

import httpx
import uvicorn
from cryptography.hazmat.primitives.asymmetric import rsa
from starlette.applications import Starlette
from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from sinet_node.federation.keys import generate_rsa_key, load_public_key_pem
from sinet_node.federation.signatures import (
    Headers,
    IncomingRequest,
    SignatureError,
    check_request,
    verify_request,
)
from sinet_node.federation.signing import sign_request_headers
from tests.multinode.actors import FakeActor, Received

T = TypeVar("T")
AS_JSON = "application/activity+json"
STARTUP_TIMEOUT_SECONDS = 10.0


class FakeFediverseError(RuntimeError):
    """A fake server did not start or stop in time."""


class KeyCache:
    """Public keys of the senders, fetched once per key id (as a real peer caches them)."""

    def __init__(self, client: httpx.AsyncClient) -> None:
        self.client = client
        self.keys: dict[str, rsa.RSAPublicKey] = {}
        self.lock = asyncio.Lock()

    async def get(self, key_id: str) -> rsa.RSAPublicKey:
        async with self.lock:
            if key_id not in self.keys:
                response = await self.client.get(urldefrag(key_id).url, headers={"Accept": AS_JSON})
                response.raise_for_status()
                document = response.json()
                key = document.get("publicKey", document)
                if isinstance(key, list):
                    key = next(item for item in key if item.get("id") == key_id)
                if key.get("id") != key_id:
                    raise ValueError(f"{key_id} is not published by {document.get('id')}")
                self.keys[key_id] = load_public_key_pem(key["publicKeyPem"])
            return self.keys[key_id]


class FakeServer:
    """One host of the fake Fediverse: its actors, their documents and inboxes."""

    def __init__(self, fediverse: FakeFediverse, sock: socket.socket) -> None:
        self.fediverse = fediverse
        self.sock = sock
        self.port: int = sock.getsockname()[1]
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.host = f"127.0.0.1:{self.port}"
        self.actors: dict[str, FakeActor] = {}
        self.app = Starlette(
            routes=[
                Route("/users/{username}", self.actor_document, methods=["GET"]),
                Route("/users/{username}/inbox", self.inbox, methods=["POST"]),
            ]
        )
        # uvicorn leaves signal handling alone outside the main thread.
        self.server = uvicorn.Server(
            uvicorn.Config(
                self.app, lifespan="off", log_level="warning", access_log=False, backlog=2048
            )
        )
        self.task: asyncio.Task[None] | None = None

    def _actor(self, request: Request) -> FakeActor | None:
        return self.actors.get(request.path_params["username"])

    async def actor_document(self, request: Request) -> Response:
        actor = self._actor(request)
        if actor is None:
            return JSONResponse({"error": "no such actor"}, status_code=404)
        return JSONResponse(actor.document(), media_type=AS_JSON)

    async def inbox(self, request: Request) -> Response:
        actor = self._actor(request)
        if actor is None:
            return JSONResponse({"error": "no such actor"}, status_code=404)
        try:
            body = await request.body()
        except ClientDisconnect:  # the sender died mid-request (the SIGKILL): nothing arrived
            return Response(status_code=400)
        try:
            activity = json.loads(body)
        except ValueError:
            return JSONResponse({"error": "not JSON"}, status_code=400)
        signer, problem = await self._verify(request, body)
        actor.record(Received(activity=activity, signer=signer, problem=problem))
        delay = self.fediverse.response_delay
        if delay > 0:
            await asyncio.sleep(delay)
        return Response(status_code=202)

    async def _verify(self, request: Request, body: bytes) -> tuple[str | None, str]:
        path = request.scope.get("raw_path", request.url.path.encode()).decode("latin-1")
        incoming = IncomingRequest(
            method=request.method, target=path, headers=Headers(request.headers.items()), body=body
        )
        try:
            params = check_request(
                incoming, now=datetime.now(UTC), window=timedelta(hours=1), require_digest=True
            )
            key = await self.fediverse.keys.get(params.key_id)
            verify_request(params, incoming, key, origin=f"http://{self.host}")
        except SignatureError as exc:
            return None, f"{exc.reason.name}: {exc.detail}"
        except (httpx.HTTPError, ValueError, KeyError, StopIteration) as exc:
            return None, f"key unavailable: {type(exc).__name__}: {exc}"
        return params.key_id, ""


class FakeFediverse:
    """``servers`` hosts with ``actors_per_server`` actors each, served from a thread."""

    def __init__(
        self, *, servers: int, actors_per_server: int, response_delay: float = 0.0
    ) -> None:
        self.server_count = servers
        self.actors_per_server = actors_per_server
        self.response_delay = response_delay  # may be changed while running
        self.servers: list[FakeServer] = []
        self.loop: asyncio.AbstractEventLoop | None = None
        self.thread: threading.Thread | None = None
        self._client: httpx.AsyncClient | None = None
        self._keys: KeyCache | None = None

    # -- lifecycle ---------------------------------------------------------------------

    def __enter__(self) -> FakeFediverse:
        self.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.stop()

    def start(self) -> None:
        count = self.server_count * self.actors_per_server
        with ThreadPoolExecutor(4) as pool:  # OpenSSL releases the GIL while it generates
            keys = iter(list(pool.map(lambda _: generate_rsa_key(), range(count))))
        for index in range(self.server_count):
            sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.bind(("127.0.0.1", 0))
            server = FakeServer(self, sock)
            for number in range(self.actors_per_server):
                username = f"fan{index}x{number:03d}"
                server.actors[username] = FakeActor(username, server.base_url, next(keys))
            self.servers.append(server)
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, name="fake-fediverse")
        self.thread.daemon = True
        self.thread.start()
        self.run(self._start_servers(), timeout=STARTUP_TIMEOUT_SECONDS)

    async def _start_servers(self) -> None:
        self._client = httpx.AsyncClient(timeout=10)
        self._keys = KeyCache(self._client)
        for server in self.servers:
            server.task = asyncio.create_task(server.server.serve(sockets=[server.sock]))
        deadline = time.monotonic() + STARTUP_TIMEOUT_SECONDS
        while not all(server.server.started for server in self.servers):
            if time.monotonic() > deadline:
                raise FakeFediverseError("the fake servers did not start in time")
            await asyncio.sleep(0.01)

    def stop(self) -> None:
        if self.loop is None or self.thread is None:
            return
        try:
            self.run(self._stop_servers(), timeout=STARTUP_TIMEOUT_SECONDS)
        finally:
            self.loop.call_soon_threadsafe(self.loop.stop)
            self.thread.join(timeout=STARTUP_TIMEOUT_SECONDS)
            if self.thread.is_alive():
                raise FakeFediverseError("the fake Fediverse thread did not stop")
            self.loop.close()
            self.loop = None
            for server in self.servers:
                server.sock.close()

    async def _stop_servers(self) -> None:
        for server in self.servers:
            server.server.should_exit = True
        await asyncio.gather(*(server.task for server in self.servers if server.task))
        if self._client is not None:
            await self._client.aclose()

    def run(self, coroutine: Coroutine[Any, Any, T], *, timeout: float) -> T:
        """Run a coroutine on the fakes' loop and wait for its result."""
        assert self.loop is not None, "the fake Fediverse is not running"
        return asyncio.run_coroutine_threadsafe(coroutine, self.loop).result(timeout)

    @property
    def keys(self) -> KeyCache:
        assert self._keys is not None
        return self._keys

    # -- actors ------------------------------------------------------------------------

    @property
    def actors(self) -> list[FakeActor]:
        return [actor for server in self.servers for actor in server.actors.values()]

    @property
    def hosts(self) -> list[str]:
        return [server.host for server in self.servers]

    def __iter__(self) -> Iterator[FakeActor]:
        return iter(self.actors)

    def follow_all(
        self, target: str, inbox: str, *, concurrency: int = 16, timeout: float = 300
    ) -> dict[str, int]:
        """Every actor POSTs a signed Follow of ``target`` to ``inbox``; status per actor id."""
        return self.run(self._follow_all(target, inbox, concurrency), timeout=timeout)

    async def _follow_all(self, target: str, inbox: str, concurrency: int) -> dict[str, int]:
        limit = asyncio.Semaphore(concurrency)

        async def one(actor: FakeActor) -> tuple[str, int]:
            async with limit:
                response = await self.post(actor, inbox, actor.follow(target))
            return actor.id, response.status_code

        return dict(await asyncio.gather(*(one(actor) for actor in self.actors)))

    async def post(self, actor: FakeActor, inbox: str, activity: dict[str, Any]) -> httpx.Response:
        """POST an activity to ``inbox``, signed with ``actor``'s key (on the fakes' loop)."""
        assert self._client is not None
        body = json.dumps(activity).encode()
        headers = sign_request_headers(
            method="POST",
            url=inbox,
            body=body,
            key_id=actor.key_id,
            private_key=actor.key,
            now=datetime.now(UTC),
        )
        headers["Content-Type"] = AS_JSON
        return await self._client.post(inbox, content=body, headers=headers)
