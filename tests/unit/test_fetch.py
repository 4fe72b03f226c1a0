"""fetch_document / fetch_json against live loopback servers (DESIGN §5)."""

from __future__ import annotations

import asyncio
import gzip
import json
import time
import tracemalloc
import zlib
from collections.abc import AsyncIterator, Generator

import httpx
import pytest

from sinet_node.federation.fetch import (
    ACTIVITY_ACCEPT,
    BadStatus,
    FetchTimeout,
    ForbiddenAddress,
    IdMismatch,
    InvalidDocument,
    NotActivityStreams,
    ResponseTooLarge,
    SchemeNotAllowed,
    TooManyRedirects,
    fetch_document,
    fetch_json,
)
from tests.unit.loopback import (
    ClientFactory,
    LoopbackServer,
    SeenRequest,
    gzipped_json,
    head,
    json_doc,
    raw,
    redirect,
)

AS_LD = 'application/ld+json; profile="https://www.w3.org/ns/activitystreams"'


@pytest.fixture
async def server() -> AsyncIterator[LoopbackServer]:
    srv = LoopbackServer()
    await srv.start()
    yield srv
    await srv.stop()


@pytest.fixture
async def clients() -> AsyncIterator[ClientFactory]:
    factory = ClientFactory()
    yield factory
    await factory.aclose()


@pytest.fixture
def client(clients: ClientFactory) -> httpx.AsyncClient:
    return clients("127.0.0.1")


def actor(server: LoopbackServer, path: str = "/users/alice") -> dict[str, str]:
    return {"id": server.url(path), "type": "Person", "preferredUsername": "alice"}


@pytest.mark.parametrize(
    "content_type",
    [
        "application/activity+json",
        "application/activity+json; charset=utf-8",
        AS_LD,
        'application/ld+json;profile="https://www.w3.org/ns/activitystreams";charset=utf-8',
        "application/ld+json",  # profile may be absent
        "Application/Activity+JSON",
    ],
)
async def test_fetches_activitystreams_document(
    server: LoopbackServer, client: httpx.AsyncClient, content_type: str
) -> None:
    server.routes["/users/alice"] = json_doc(actor(server), content_type=content_type)
    fetched = await fetch_document(server.url("/users/alice"), client=client, auth=None)
    assert fetched.document["preferredUsername"] == "alice"
    assert fetched.url == server.url("/users/alice")
    assert fetched.content_type == content_type
    assert server.requests[0].headers["accept"] == ACTIVITY_ACCEPT


@pytest.mark.parametrize(
    "content_type",
    [
        "text/html; charset=utf-8",
        "application/json",
        'application/ld+json; profile="https://example.org/other"',
        "",
    ],
)
async def test_wrong_content_type_refused(
    server: LoopbackServer, client: httpx.AsyncClient, content_type: str
) -> None:
    server.routes["/users/alice"] = json_doc(actor(server), content_type=content_type)
    with pytest.raises(NotActivityStreams):
        await fetch_document(server.url("/users/alice"), client=client, auth=None)


async def test_id_must_match_final_url(server: LoopbackServer, client: httpx.AsyncClient) -> None:
    server.routes["/users/alice"] = json_doc(actor(server, "/users/mallory"))
    with pytest.raises(IdMismatch):
        await fetch_document(server.url("/users/alice"), client=client, auth=None)


async def test_missing_id_is_a_mismatch(server: LoopbackServer, client: httpx.AsyncClient) -> None:
    server.routes["/note"] = json_doc({"type": "Note"})
    with pytest.raises(IdMismatch):
        await fetch_document(server.url("/note"), client=client, auth=None)


async def test_fragment_is_ignored_in_id_check(
    server: LoopbackServer, client: httpx.AsyncClient
) -> None:
    server.routes["/users/alice"] = json_doc(actor(server))
    fetched = await fetch_document(server.url("/users/alice#main-key"), client=client, auth=None)
    assert fetched.document["id"] == server.url("/users/alice")
    assert server.requests[0].path == "/users/alice"


async def test_relative_redirect_followed_and_id_checked_against_final_url(
    server: LoopbackServer, client: httpx.AsyncClient
) -> None:
    server.routes["/@alice"] = redirect("/users/alice", status=301)
    server.routes["/users/alice"] = json_doc(actor(server))
    fetched = await fetch_document(server.url("/@alice"), client=client, auth=None)
    assert fetched.url == server.url("/users/alice")
    assert [r.path for r in server.requests] == ["/@alice", "/users/alice"]


async def test_document_claiming_the_pre_redirect_url_is_refused(
    server: LoopbackServer, client: httpx.AsyncClient
) -> None:
    server.routes["/users/alice"] = redirect("/elsewhere")
    server.routes["/elsewhere"] = json_doc(actor(server))  # claims /users/alice
    with pytest.raises(IdMismatch):
        await fetch_document(server.url("/users/alice"), client=client, auth=None)


@pytest.fixture
async def other_loopback() -> AsyncIterator[LoopbackServer]:
    srv = LoopbackServer(host="127.0.0.2")
    srv.routes["/secret"] = json_doc({"id": "x"})
    await srv.start()
    yield srv
    await srv.stop()


@pytest.mark.parametrize(
    ("scheme", "error"), [("https", ForbiddenAddress), ("http", SchemeNotAllowed)]
)
async def test_redirect_to_forbidden_address_refused(
    server: LoopbackServer,
    other_loopback: LoopbackServer,
    client: httpx.AsyncClient,
    scheme: str,
    error: type[Exception],
) -> None:
    # 127.0.0.1 is allowed, 127.0.0.2 is not: every hop is checked again.
    server.routes["/users/alice"] = redirect(other_loopback.url("/secret", scheme=scheme))
    with pytest.raises(error):
        await fetch_document(server.url("/users/alice"), client=client, auth=None)
    assert len(server.requests) == 1
    assert other_loopback.connections == 0


async def test_redirect_loop_is_too_many_redirects(
    server: LoopbackServer, client: httpx.AsyncClient
) -> None:
    server.routes["/a"] = redirect("/b")
    server.routes["/b"] = redirect("/a")
    with pytest.raises(TooManyRedirects):
        await fetch_document(server.url("/a"), client=client, auth=None, max_redirects=3)
    assert len(server.requests) == 4  # the first request and three redirects


async def test_gzip_bomb_is_too_large(server: LoopbackServer, client: httpx.AsyncClient) -> None:
    bomb = gzip.compress(b"{" + b" " * (16 * 1024 * 1024) + b"}", compresslevel=9)
    assert len(bomb) < 64 * 1024  # small on the wire
    server.routes["/bomb"] = raw(
        200, {"Content-Type": "application/activity+json", "Content-Encoding": "gzip"}, bomb
    )
    with pytest.raises(ResponseTooLarge):
        await fetch_document(server.url("/bomb"), client=client, auth=None)


async def test_gzip_bomb_is_never_inflated_in_memory(
    server: LoopbackServer, client: httpx.AsyncClient
) -> None:
    # 64 MiB of spaces: one 64 KiB chunk off the wire would inflate to tens of MiB
    # if the decoder were not bounded by the cap.
    bomb = gzip.compress(b" " * (64 * 1024 * 1024), compresslevel=9)
    server.routes["/bomb"] = raw(
        200, {"Content-Type": "application/activity+json", "Content-Encoding": "gzip"}, bomb
    )
    tracemalloc.start()
    try:
        with pytest.raises(ResponseTooLarge):
            await fetch_document(server.url("/bomb"), client=client, auth=None)
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 8 * 1024 * 1024


async def test_compressed_documents_are_decoded(
    server: LoopbackServer, client: httpx.AsyncClient
) -> None:
    server.routes["/users/alice"] = gzipped_json(actor(server))
    fetched = await fetch_document(server.url("/users/alice"), client=client, auth=None)
    assert fetched.document["preferredUsername"] == "alice"
    assert "gzip" in server.requests[0].headers["accept-encoding"]


@pytest.mark.parametrize("raw_deflate", [False, True])
async def test_deflate_is_decoded(
    server: LoopbackServer, client: httpx.AsyncClient, raw_deflate: bool
) -> None:
    body = actor(server)
    data = json.dumps(body).encode()
    compressor = zlib.compressobj(wbits=-15 if raw_deflate else 15)
    encoded = compressor.compress(data) + compressor.flush()
    server.routes["/users/alice"] = raw(
        200, {"Content-Type": "application/activity+json", "Content-Encoding": "deflate"}, encoded
    )
    fetched = await fetch_document(server.url("/users/alice"), client=client, auth=None)
    assert fetched.document == body


async def test_body_just_under_cap_accepted_just_over_refused(
    server: LoopbackServer, client: httpx.AsyncClient
) -> None:
    document = actor(server)
    template = json.dumps(document)
    padding = 1000 - len(template)
    fitting = template[:-1] + " " * padding + "}"
    assert len(fitting) == 1000
    server.routes["/users/alice"] = raw(
        200, {"Content-Type": "application/activity+json"}, fitting.encode()
    )
    fetched = await fetch_document(
        server.url("/users/alice"), client=client, auth=None, max_bytes=1000
    )
    assert fetched.document == document
    with pytest.raises(ResponseTooLarge):
        await fetch_document(server.url("/users/alice"), client=client, auth=None, max_bytes=999)


async def test_large_body_without_content_length_is_cut_off(
    server: LoopbackServer, client: httpx.AsyncClient
) -> None:
    async def endless(_request: SeenRequest, writer: asyncio.StreamWriter) -> None:
        writer.write(head(200, {"Content-Type": "application/activity+json"}))
        for _ in range(40):  # 2.5 MiB in all, delimited by closing the connection
            writer.write(b" " * 65536)
            await writer.drain()

    server.routes["/big"] = endless
    with pytest.raises(ResponseTooLarge):
        await fetch_document(server.url("/big"), client=client, auth=None)


async def test_dripping_server_stopped_at_total_deadline(
    server: LoopbackServer, clients: ClientFactory
) -> None:
    sent: list[int] = []

    async def drip(_request: SeenRequest, writer: asyncio.StreamWriter) -> None:
        writer.write(
            head(200, {"Content-Type": "application/activity+json", "Content-Length": "1000"})
        )
        for _ in range(25):
            writer.write(b" ")
            await writer.drain()
            sent.append(1)
            await asyncio.sleep(0.2)  # each read arrives well within the 5 s read timeout
        # Then hold the connection silently: without the total deadline the fetch
        # would only end at the read timeout, some 10 s after it started.
        await asyncio.Event().wait()

    server.routes["/slow"] = drip
    client = clients("127.0.0.1", timeout=5.0)
    started = time.monotonic()
    with pytest.raises(FetchTimeout):
        await fetch_document(server.url("/slow"), client=client, auth=None, deadline=1.0)
    elapsed = time.monotonic() - started
    assert 0.9 <= elapsed < 3.0
    assert len(sent) >= 3  # several reads succeeded before the deadline struck


@pytest.mark.parametrize(
    ("status", "retry_after"), [(404, None), (410, None), (429, "120"), (503, "30")]
)
async def test_error_status_is_bad_status(
    server: LoopbackServer, client: httpx.AsyncClient, status: int, retry_after: str | None
) -> None:
    headers = {"Retry-After": retry_after} if retry_after else {}
    server.routes["/x"] = raw(status, headers, b"no")
    with pytest.raises(BadStatus) as caught:
        await fetch_document(server.url("/x"), client=client, auth=None)
    assert caught.value.status == status
    assert caught.value.retry_after == retry_after


@pytest.mark.parametrize("body", [b"[1, 2]", b"not json", b'"string"', b""])
async def test_non_object_body_is_invalid(
    server: LoopbackServer, client: httpx.AsyncClient, body: bytes
) -> None:
    server.routes["/x"] = raw(200, {"Content-Type": "application/activity+json"}, body)
    with pytest.raises(InvalidDocument):
        await fetch_document(server.url("/x"), client=client, auth=None)


async def test_plain_http_to_host_outside_allow_list(
    server: LoopbackServer, clients: ClientFactory
) -> None:
    with pytest.raises(SchemeNotAllowed):
        await fetch_document(server.url("/x"), client=clients("10.0.0.0/8"), auth=None)
    assert server.connections == 0


async def test_non_http_scheme_refused(client: httpx.AsyncClient) -> None:
    with pytest.raises(SchemeNotAllowed):
        await fetch_document("file:///etc/passwd", client=client, auth=None)


class HeaderAuth(httpx.Auth):
    """Stands in for the HTTP-signature auth: marks each request with its own path."""

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers["X-Signed-For"] = request.url.path
        yield request


async def test_auth_signs_every_hop(server: LoopbackServer, client: httpx.AsyncClient) -> None:
    server.routes["/@alice"] = redirect("/users/alice")
    server.routes["/users/alice"] = json_doc(actor(server))
    await fetch_document(server.url("/@alice"), client=client, auth=HeaderAuth())
    assert [r.headers["x-signed-for"] for r in server.requests] == ["/@alice", "/users/alice"]


async def test_fetch_json_for_webfinger_skips_id_check(
    server: LoopbackServer, client: httpx.AsyncClient
) -> None:
    jrd = {"subject": "acct:alice@example.org", "links": []}
    server.routes["/.well-known/webfinger?resource=acct:alice@example.org"] = json_doc(
        jrd, content_type="application/jrd+json; charset=utf-8"
    )
    fetched = await fetch_json(
        server.url("/.well-known/webfinger?resource=acct:alice@example.org"),
        client=client,
        auth=None,
        accept="application/jrd+json, application/json",
        allowed_types=("application/jrd+json", "application/json"),
    )
    assert fetched.document == jrd
    assert server.requests[0].headers["accept"] == "application/jrd+json, application/json"


async def test_fetch_json_enforces_its_allowed_types(
    server: LoopbackServer, client: httpx.AsyncClient
) -> None:
    server.routes["/nodeinfo"] = json_doc({"version": "2.1"}, content_type="text/plain")
    with pytest.raises(NotActivityStreams):
        await fetch_json(
            server.url("/nodeinfo"),
            client=client,
            auth=None,
            accept="application/json",
            allowed_types=("application/json",),
        )
