"""Bench only: our guarded network backend under httpcore2's connection pool.

httpcore 1.0.9's pool rescans every connection for every queued request (and
polls each idle socket) on each request start and finish, so its CPU per request
grows with the pool (encode/httpx#3215, encode/httpcore#1035). httpcore2 (the
pydantic fork, in the ``bench`` extra) rewrote that scan. This transport keeps
everything else of ours -- ``GuardedBackend`` vets and connects -- and swaps only
the pool, to measure what that one change would buy. Plain http to allow-listed
addresses only: that is all the loopback benchmark needs. The node never uses it.

Errors: whatever httpcore2 raises (no translation: the benchmark fails loudly).
"""

from __future__ import annotations

from collections.abc import AsyncIterable, AsyncIterator
from typing import Any, cast

import httpcore2
import httpx

from sinet_node.federation.addresses import AddressPolicy
from sinet_node.federation.transport import KEEPALIVE_EXPIRY, GuardedBackend


class _Stream(httpx.AsyncByteStream):
    def __init__(self, stream: AsyncIterable[bytes]) -> None:
        self._stream = stream

    async def __aiter__(self) -> AsyncIterator[bytes]:
        async for chunk in self._stream:
            yield chunk

    async def aclose(self) -> None:
        close = getattr(self._stream, "aclose", None)
        if close is not None:
            await close()


class Core2GuardedTransport(httpx.AsyncBaseTransport):
    def __init__(self, policy: AddressPolicy, *, max_connections: int) -> None:
        # The httpcore2 backend's streams have the same interface as httpcore's.
        inner = cast(Any, httpcore2.AnyIOBackend())
        self._pool = httpcore2.AsyncConnectionPool(
            max_connections=max_connections,
            max_keepalive_connections=max_connections,
            keepalive_expiry=KEEPALIVE_EXPIRY,
            network_backend=cast(Any, GuardedBackend(policy, plain_http=True, inner=inner)),
        )

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        url = request.url
        if url.scheme != "http":
            raise ValueError("this bench transport speaks plain http to loopback only")
        assert isinstance(request.stream, httpx.AsyncByteStream)
        response = await self._pool.handle_async_request(
            httpcore2.Request(
                method=request.method,
                url=httpcore2.URL(
                    scheme=url.raw_scheme, host=url.raw_host, port=url.port, target=url.raw_path
                ),
                headers=request.headers.raw,
                content=request.stream,
                extensions=request.extensions,
            )
        )
        assert isinstance(response.stream, AsyncIterable)
        return httpx.Response(
            status_code=response.status,
            headers=response.headers,
            stream=_Stream(response.stream),
            extensions=response.extensions,
        )

    async def aclose(self) -> None:
        await self._pool.aclose()
