"""The guarded HTTP client: every outgoing request (fetches and deliveries) uses it.

The client's transport resolves host names itself, keeps only the addresses the
``AddressPolicy`` permits, and connects to one of those *literal* addresses, so
the socket layer never resolves the name a second time (no DNS-rebinding window
between check and connect). TLS still verifies the certificate against the host
name and sends it as SNI: httpcore passes the URL's host to ``start_tls`` while
our network backend only decides which IP the TCP connection goes to.

Plain http is refused unless the host's addresses are in the operator's
allow-list (``--allow-private``): it has its own connection pool whose backend
enforces that rule, so an http connection can never be opened to any other
address. Proxies from the environment are ignored (``trust_env=False``): a proxy
would do its own resolution and defeat the check.

Errors (see ``fetch_errors``): ``SchemeNotAllowed``, ``ForbiddenAddress``,
``ResolveFailed``, ``ConnectFailed`` and ``FetchTimeout`` are raised by the
client's send itself (httpcore's errors are translated), so callers catch
``FetchError`` and never httpcore or httpx transport errors.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
import ssl
from collections.abc import AsyncIterable, AsyncIterator, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import certifi
import httpcore
import httpx

from sinet_node.federation.addresses import AddressPolicy, IPAddress
from sinet_node.federation.fetch_errors import (
    ConnectFailed,
    FetchTimeout,
    ForbiddenAddress,
    ResolveFailed,
    SchemeNotAllowed,
)

# How long an idle keep-alive connection is kept; peers' servers typically keep
# theirs 20-75 s, so reuse is likely within this window.
KEEPALIVE_EXPIRY = 15.0


async def resolve(host: str, port: int) -> list[IPAddress]:
    """All addresses of ``host`` (a literal IP resolves to itself), in resolver order."""
    try:
        return [ipaddress.ip_address(host)]
    except ValueError:
        pass
    loop = asyncio.get_running_loop()
    try:
        infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise ResolveFailed(f"cannot resolve {host}: {exc}") from exc
    addresses: list[IPAddress] = []
    for family, _type, _proto, _name, sockaddr in infos:
        if family not in (socket.AF_INET, socket.AF_INET6):
            continue
        ip = ipaddress.ip_address(sockaddr[0])
        if ip not in addresses:
            addresses.append(ip)
    if not addresses:
        raise ResolveFailed(f"{host} has no IP address")
    return addresses


class GuardedBackend(httpcore.AsyncNetworkBackend):
    """An httpcore network backend that connects only to addresses it vetted."""

    def __init__(
        self,
        policy: AddressPolicy,
        *,
        plain_http: bool,
        inner: httpcore.AsyncNetworkBackend | None = None,
    ) -> None:
        self._policy = policy
        self._plain_http = plain_http
        self._inner = inner or httpcore.AnyIOBackend()

    def _vet(self, host: str, addresses: list[IPAddress]) -> list[IPAddress]:
        if self._plain_http:
            if not self._policy.allows_plain_http(addresses):
                raise SchemeNotAllowed(f"http:// to {host} refused: use https")
            return [ip for ip in addresses if self._policy.is_allowlisted(ip)]
        permitted = [ip for ip in addresses if self._policy.permits(ip)]
        if not permitted:
            shown = ", ".join(str(ip) for ip in addresses)
            raise ForbiddenAddress(f"{host} resolves only to forbidden addresses ({shown})")
        return permitted

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,  # noqa: ASYNC109 (httpcore's interface)
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        try:
            async with asyncio.timeout(timeout):
                addresses = await resolve(host, port)
        except TimeoutError as exc:
            raise FetchTimeout(f"resolving {host} timed out") from exc
        candidates = self._vet(host, addresses)
        failure: Exception | None = None
        for ip in candidates:
            try:
                return await self._inner.connect_tcp(
                    str(ip),
                    port,
                    timeout=timeout,
                    local_address=local_address,
                    socket_options=socket_options,
                )
            except httpcore.ConnectError as exc:
                failure = exc  # try the host's next vetted address
        raise ConnectFailed(f"cannot connect to {host}:{port}: {failure}") from failure

    async def connect_unix_socket(
        self,
        path: str,
        timeout: float | None = None,  # noqa: ASYNC109 (httpcore's interface)
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        raise ForbiddenAddress("unix sockets are not used for federation")

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)


@contextmanager
def _translated_errors(url: httpx.URL) -> Iterator[None]:
    try:
        yield
    except httpcore.TimeoutException as exc:
        raise FetchTimeout(f"{url}: {type(exc).__name__}") from exc
    except httpcore.UnsupportedProtocol as exc:
        raise SchemeNotAllowed(f"{url}: {exc}") from exc
    except (httpcore.NetworkError, httpcore.ProtocolError) as exc:
        raise ConnectFailed(f"{url}: {type(exc).__name__}: {exc}") from exc


class _TranslatedStream(httpx.AsyncByteStream):
    def __init__(self, url: httpx.URL, stream: AsyncIterable[bytes]) -> None:
        self._url = url
        self._stream = stream

    async def __aiter__(self) -> AsyncIterator[bytes]:
        with _translated_errors(self._url):
            async for chunk in self._stream:
                yield chunk

    async def aclose(self) -> None:
        close = getattr(self._stream, "aclose", None)
        if close is not None:
            await close()


class GuardedTransport(httpx.AsyncBaseTransport):
    """An httpx transport over two httpcore pools (https, and allow-listed http)."""

    def __init__(
        self, policy: AddressPolicy, *, ssl_context: ssl.SSLContext, max_connections: int
    ) -> None:
        self._policy = policy

        def pool(plain_http: bool) -> httpcore.AsyncConnectionPool:
            return httpcore.AsyncConnectionPool(
                ssl_context=ssl_context,
                max_connections=max_connections,
                max_keepalive_connections=max_connections,
                keepalive_expiry=KEEPALIVE_EXPIRY,
                network_backend=GuardedBackend(policy, plain_http=plain_http),
            )

        self._https = pool(plain_http=False)
        self._http = pool(plain_http=True)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        url = request.url
        if url.scheme == "https":
            pool = self._https
        elif url.scheme == "http" and self._policy.allow:
            pool = self._http
        else:
            # No allow-list means no http host can qualify: refuse without DNS.
            raise SchemeNotAllowed(f"{url.scheme}:// is not allowed ({url})")
        assert isinstance(request.stream, httpx.AsyncByteStream)
        core_request = httpcore.Request(
            method=request.method,
            url=httpcore.URL(
                scheme=url.raw_scheme, host=url.raw_host, port=url.port, target=url.raw_path
            ),
            headers=request.headers.raw,
            content=request.stream,
            extensions=request.extensions,
        )
        with _translated_errors(url):
            response = await pool.handle_async_request(core_request)
        assert isinstance(response.stream, AsyncIterable)
        return httpx.Response(
            status_code=response.status,
            headers=response.headers,
            stream=_TranslatedStream(url, response.stream),
            extensions=response.extensions,
        )

    async def aclose(self) -> None:
        await self._https.aclose()
        await self._http.aclose()


def make_ssl_context(ca_file: Path | None = None) -> ssl.SSLContext:
    """The usual public CAs, plus ``ca_file`` (a test or private CA) when given."""
    context = ssl.create_default_context(cafile=certifi.where())
    if ca_file is not None:
        context.load_verify_locations(cafile=str(ca_file))
    return context


def make_http_client(
    policy: AddressPolicy,
    *,
    timeout: float,
    user_agent: str,
    ca_file: Path | None = None,
    max_connections: int = 100,
) -> httpx.AsyncClient:
    """The node's one HTTP client; close it with ``await client.aclose()``."""
    transport = GuardedTransport(
        policy, ssl_context=make_ssl_context(ca_file), max_connections=max_connections
    )
    return httpx.AsyncClient(
        transport=transport,
        follow_redirects=False,
        timeout=httpx.Timeout(timeout),
        headers={"User-Agent": user_agent},
        trust_env=False,
    )
