"""The guarded client against live loopback servers (DESIGN §5: check the IP really used).

Refusals are made with loopback addresses that the policy forbids, so a bug
could at worst reach our own test server, never another host; each refusal
test asserts that the server saw no connection at all.
"""

from __future__ import annotations

import asyncio
import socket
from collections.abc import AsyncIterator, Iterable
from pathlib import Path

import httpcore
import pytest

from sinet_node.federation.fetch_errors import (
    ConnectFailed,
    ForbiddenAddress,
    SchemeNotAllowed,
)
from sinet_node.federation.transport import GuardedBackend
from tests.unit.loopback import (
    ClientFactory,
    LoopbackServer,
    SeenRequest,
    json_doc,
    policy,
    raw,
)
from tests.unit.throwaway_ca import make_ca


@pytest.fixture
async def server() -> AsyncIterator[LoopbackServer]:
    srv = LoopbackServer()
    srv.routes["/"] = json_doc({"ok": True}, content_type="application/json")
    srv.routes["/inbox"] = raw(202, {})
    await srv.start()
    yield srv
    await srv.stop()


@pytest.fixture
async def clients() -> AsyncIterator[ClientFactory]:
    factory = ClientFactory()
    yield factory
    await factory.aclose()


async def test_allowlisted_loopback_get_works(
    server: LoopbackServer, clients: ClientFactory
) -> None:
    client = clients("127.0.0.1")
    response = await client.get(server.url("/"))
    assert response.status_code == 200
    assert response.json() == {"ok": True}
    assert server.requests[0].headers["user-agent"] == "sinet-test/1"


@pytest.mark.parametrize("scheme", ["http", "https"])
async def test_loopback_refused_without_allow_list(
    server: LoopbackServer, clients: ClientFactory, scheme: str
) -> None:
    client = clients()
    expected = SchemeNotAllowed if scheme == "http" else ForbiddenAddress
    with pytest.raises(expected):
        await client.get(server.url("/", scheme=scheme))
    assert server.connections == 0


async def test_mapped_ipv6_form_of_loopback_refused(
    server: LoopbackServer, clients: ClientFactory
) -> None:
    with pytest.raises(ForbiddenAddress):
        await clients().get(server.url("/", scheme="https", host="[::ffff:127.0.0.1]"))
    assert server.connections == 0


async def test_localhost_refused_unless_loopback_allowed(
    server: LoopbackServer, clients: ClientFactory
) -> None:
    with pytest.raises(ForbiddenAddress):
        await clients("10.0.0.0/8").get(server.url("/", scheme="https", host="localhost"))
    with pytest.raises(SchemeNotAllowed):
        await clients("10.0.0.0/8").get(server.url("/", host="localhost"))
    assert server.connections == 0

    response = await clients("127.0.0.1").get(server.url("/", host="localhost"))
    assert response.status_code == 200
    assert server.connections == 1


async def test_plain_http_to_host_outside_allow_list_refused(
    server: LoopbackServer, clients: ClientFactory
) -> None:
    with pytest.raises(SchemeNotAllowed):
        await clients("10.0.0.0/8").get(server.url("/"))
    assert server.connections == 0


async def test_unsupported_scheme_refused(clients: ClientFactory) -> None:
    with pytest.raises(SchemeNotAllowed):
        await clients("127.0.0.1").get("ftp://127.0.0.1/file")


async def test_post_to_forbidden_address_refused(
    server: LoopbackServer, clients: ClientFactory
) -> None:
    client = clients()
    with pytest.raises(ForbiddenAddress):
        await client.post(server.url("/inbox", scheme="https"), content=b"{}")
    assert server.connections == 0


async def test_post_to_allowlisted_address_delivers_body(
    server: LoopbackServer, clients: ClientFactory
) -> None:
    response = await clients("127.0.0.1").post(server.url("/inbox"), content=b'{"a": 1}')
    assert response.status_code == 202
    assert server.requests[0].method == "POST"
    assert server.requests[0].body == b'{"a": 1}'


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


async def test_connection_refused_is_connect_failed(clients: ClientFactory) -> None:
    with pytest.raises(ConnectFailed):
        await clients("127.0.0.1").get(f"http://127.0.0.1:{_closed_port()}/")


async def test_broken_response_is_connect_failed(
    server: LoopbackServer, clients: ClientFactory
) -> None:
    async def garbage(_request: SeenRequest, writer: asyncio.StreamWriter) -> None:
        writer.write(b"THIS IS NOT HTTP\r\n\r\n")
        await writer.drain()

    server.routes["/broken"] = garbage
    with pytest.raises(ConnectFailed):
        await clients("127.0.0.1").get(server.url("/broken"))


class RecordingBackend(httpcore.AsyncNetworkBackend):
    """Passes connections through and records the host each was opened to."""

    def __init__(self) -> None:
        self.hosts: list[str] = []
        self._inner = httpcore.AnyIOBackend()

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,  # noqa: ASYNC109 (httpcore's interface)
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        self.hosts.append(host)
        return await self._inner.connect_tcp(host, port, timeout, local_address, socket_options)


async def test_backend_connects_to_the_vetted_literal_address(server: LoopbackServer) -> None:
    # The socket layer must receive the checked IP, never the name to resolve again.
    recorder = RecordingBackend()
    backend = GuardedBackend(policy("127.0.0.1"), plain_http=False, inner=recorder)
    stream = await backend.connect_tcp("localhost", server.port, timeout=5.0)
    await stream.aclose()
    assert recorder.hosts == ["127.0.0.1"]


async def test_backend_refuses_before_calling_the_socket_layer(server: LoopbackServer) -> None:
    recorder = RecordingBackend()
    backend = GuardedBackend(policy(), plain_http=False, inner=recorder)
    with pytest.raises(ForbiddenAddress):
        await backend.connect_tcp("localhost", server.port, timeout=5.0)
    assert recorder.hosts == []
    assert server.connections == 0


TlsServer = tuple[LoopbackServer, Path, list[str | None]]


@pytest.fixture
async def tls_server(tmp_path: Path) -> AsyncIterator[TlsServer]:
    ca = make_ca(tmp_path)
    seen_sni: list[str | None] = []
    srv = LoopbackServer()
    srv.routes["/"] = json_doc({"tls": True}, content_type="application/json")
    await srv.start(ssl_context=ca.server_context(seen_sni))
    yield srv, ca.ca_file, seen_sni
    await srv.stop()


async def test_tls_verifies_and_sends_host_name_while_dialling_vetted_ip(
    tls_server: TlsServer, clients: ClientFactory
) -> None:
    srv, ca_file, seen_sni = tls_server
    response = await clients("127.0.0.1", ca_file=ca_file).get(
        srv.url("/", scheme="https", host="localhost")
    )
    assert response.json() == {"tls": True}
    assert seen_sni == ["localhost"]


async def test_tls_rejects_certificate_for_another_name(
    tls_server: TlsServer, clients: ClientFactory
) -> None:
    srv, ca_file, _ = tls_server
    # The certificate names only "localhost", so https://127.0.0.1 must fail verification.
    with pytest.raises(ConnectFailed):
        await clients("127.0.0.1", ca_file=ca_file).get(srv.url("/", scheme="https"))
    assert srv.requests == []


async def test_tls_rejects_unknown_ca(tls_server: TlsServer, clients: ClientFactory) -> None:
    srv, _, _ = tls_server
    with pytest.raises(ConnectFailed):
        await clients("127.0.0.1").get(srv.url("/", scheme="https", host="localhost"))
    assert srv.requests == []
