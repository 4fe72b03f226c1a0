"""A raw asyncio HTTP/1.1 server on 127.0.0.x for byte-level transport and fetch tests.

Each route is a coroutine that writes the whole response itself, so tests can
send exactly the bytes they need (gzip bombs, dripping bodies, bad headers).
The server counts connections, so a test can prove a refusal happened before
any connection was made. One request per connection (``Connection: close``).
"""

from __future__ import annotations

import asyncio
import gzip
import ipaddress
import json
import ssl
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from sinet_node.federation.addresses import AddressPolicy
from sinet_node.federation.transport import make_http_client


@dataclass
class SeenRequest:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes


Route = Callable[[SeenRequest, asyncio.StreamWriter], Awaitable[None]]


def head(status: int, headers: dict[str, str]) -> bytes:
    lines = [f"HTTP/1.1 {status} X"] + [f"{k}: {v}" for k, v in headers.items()]
    lines.append("Connection: close")
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


def raw(status: int, headers: dict[str, str], body: bytes = b"") -> Route:
    async def route(request: SeenRequest, writer: asyncio.StreamWriter) -> None:
        writer.write(head(status, {**headers, "Content-Length": str(len(body))}) + body)
        await writer.drain()

    return route


def json_doc(
    document: Any, content_type: str = "application/activity+json", status: int = 200
) -> Route:
    return raw(status, {"Content-Type": content_type}, json.dumps(document).encode())


def gzipped_json(document: Any, content_type: str = "application/activity+json") -> Route:
    body = gzip.compress(json.dumps(document).encode())
    return raw(200, {"Content-Type": content_type, "Content-Encoding": "gzip"}, body)


def redirect(location: str, status: int = 302) -> Route:
    return raw(status, {"Location": location})


@dataclass
class LoopbackServer:
    host: str = "127.0.0.1"
    routes: dict[str, Route] = field(default_factory=dict)
    connections: int = 0
    requests: list[SeenRequest] = field(default_factory=list)
    port: int = 0
    _server: asyncio.Server | None = None
    _tasks: set[asyncio.Task[None]] = field(default_factory=set)

    async def start(self, ssl_context: ssl.SSLContext | None = None) -> LoopbackServer:
        self._server = await asyncio.start_server(self._handle, self.host, 0, ssl=ssl_context)
        self.port = self._server.sockets[0].getsockname()[1]
        return self

    async def stop(self) -> None:
        assert self._server is not None
        self._server.close()
        for task in list(self._tasks):
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        await self._server.wait_closed()

    def url(self, path: str = "/", *, scheme: str = "http", host: str | None = None) -> str:
        return f"{scheme}://{host or self.host}:{self.port}{path}"

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._tasks.add(task)
        self.connections += 1
        try:
            request = await self._read_request(reader)
            if request is not None:
                self.requests.append(request)
                route = self.routes.get(request.path, raw(404, {}, b"not found"))
                await route(request, writer)
        except (ConnectionError, asyncio.IncompleteReadError, ssl.SSLError):
            pass  # the client went away or failed TLS: nothing to answer
        finally:
            self._tasks.discard(task)
            writer.close()

    @staticmethod
    async def _read_request(reader: asyncio.StreamReader) -> SeenRequest | None:
        try:
            head_bytes = await reader.readuntil(b"\r\n\r\n")
        except asyncio.IncompleteReadError:
            return None
        request_line, *header_lines = head_bytes.decode("latin-1").split("\r\n")
        method, path, _version = request_line.split(" ", 2)
        headers: dict[str, str] = {}
        for line in header_lines:
            if ":" in line:
                name, value = line.split(":", 1)
                headers[name.strip().lower()] = value.strip()
        body = await reader.readexactly(int(headers.get("content-length", "0")))
        return SeenRequest(method, path, headers, body)


def policy(*allow: str) -> AddressPolicy:
    return AddressPolicy(allow=tuple(ipaddress.ip_network(a) for a in allow))


class ClientFactory:
    """Makes guarded clients for a test and closes them all at its end."""

    def __init__(self) -> None:
        self._clients: list[httpx.AsyncClient] = []

    def __call__(
        self, *allow: str, ca_file: Path | None = None, timeout: float = 5.0
    ) -> httpx.AsyncClient:
        client = make_http_client(
            policy(*allow), timeout=timeout, user_agent="sinet-test/1", ca_file=ca_file
        )
        self._clients.append(client)
        return client

    async def aclose(self) -> None:
        for client in self._clients:
            await client.aclose()
