"""The one way to GET anything remote: bounded, re-checked, and strict about what comes back.

``fetch_json`` follows redirects by hand (each hop goes through the guarded
client again, so every hop's address and scheme are re-checked), streams the
body and counts it *after* decompression, and runs all hops under one total
deadline: a server that drips a byte just inside every read timeout still ends
at the deadline. ``fetch_document`` adds the ActivityStreams rules: the
ActivityStreams Content-Type, and an ``id`` equal to the final URL.

The returned ``FetchedDocument.url`` is where the document really came from
(after redirects): callers must make origin decisions on it, not on the URL
they asked for.

Errors (defined in ``fetch_errors`` and re-exported here):

    FetchError
    +-- ForbiddenAddress       the host resolves only to addresses the policy refuses
    +-- SchemeNotAllowed       not https (http only for allow-listed addresses)
    +-- ResolveFailed          the host name did not resolve
    +-- ConnectFailed          connect/TLS failed or the connection broke
    +-- FetchTimeout           a per-phase timeout or the total deadline passed
    +-- InvalidURL             the URL or a redirect's Location is malformed
    +-- ResponseTooLarge       body over ``max_bytes`` after decompression
    +-- TooManyRedirects       more than ``max_redirects`` hops
    +-- BadStatus              non-2xx final status (.status, .retry_after)
    +-- NotActivityStreams     a Content-Type outside ``allowed_types``
    +-- InvalidDocument        not a JSON object, or an unsupported Content-Encoding
    +-- IdMismatch             the document's ``id`` is not the final URL
"""

from __future__ import annotations

import asyncio
import zlib
from collections.abc import Coroutine
from dataclasses import dataclass
from typing import Any

import httpx
import orjson

from sinet_node.federation.fetch_errors import (
    BadStatus,
    ConnectFailed,
    FetchError,
    FetchTimeout,
    ForbiddenAddress,
    IdMismatch,
    InvalidDocument,
    InvalidURL,
    NotActivityStreams,
    ResolveFailed,
    ResponseTooLarge,
    SchemeNotAllowed,
    TooManyRedirects,
)

__all__ = [
    "ACTIVITY_ACCEPT",
    "ACTIVITY_TYPES",
    "BadStatus",
    "ConnectFailed",
    "FetchError",
    "FetchTimeout",
    "FetchedDocument",
    "ForbiddenAddress",
    "IdMismatch",
    "InvalidDocument",
    "InvalidURL",
    "NotActivityStreams",
    "ResolveFailed",
    "ResponseTooLarge",
    "SchemeNotAllowed",
    "TooManyRedirects",
    "content_type_allowed",
    "fetch_document",
    "fetch_json",
]

AS_PROFILE = "https://www.w3.org/ns/activitystreams"
ACTIVITY_JSON = "application/activity+json"
LD_JSON_AS = f'application/ld+json; profile="{AS_PROFILE}"'
ACTIVITY_TYPES = (ACTIVITY_JSON, LD_JSON_AS)
ACTIVITY_ACCEPT = f"{ACTIVITY_JSON}, {LD_JSON_AS}"

MAX_BYTES = 1_048_576
DEADLINE = 10.0
MAX_REDIRECTS = 3
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
# Only encodings we decode ourselves with a cap; httpx's own decoders inflate a
# whole chunk at once, which is exactly what a compression bomb exploits.
ACCEPT_ENCODING = "gzip, deflate"


@dataclass(frozen=True)
class FetchedDocument:
    url: str
    document: dict[str, Any]
    content_type: str


def _media_type(value: str) -> tuple[str, dict[str, str]]:
    media, *params = value.split(";")
    parsed: dict[str, str] = {}
    for param in params:
        key, sep, val = param.partition("=")
        if sep:
            parsed[key.strip().lower()] = val.strip().strip('"')
    return media.strip().lower(), parsed


def content_type_allowed(header: str, allowed: tuple[str, ...]) -> bool:
    """Does a Content-Type header match one of ``allowed``?

    Parameters other than ``profile`` (charset) are ignored; a profile is
    checked only when both sides name one (``ld+json`` without a profile is fine).
    """
    media, params = _media_type(header)
    for entry in allowed:
        wanted, wanted_params = _media_type(entry)
        if media != wanted:
            continue
        profile, wanted_profile = params.get("profile"), wanted_params.get("profile")
        if profile is None or wanted_profile is None or wanted_profile in profile.split():
            return True
    return False


class _CappedDecoder:
    """Decodes Content-Encoding incrementally, never producing more than ``limit`` bytes."""

    def __init__(self, encoding: str, limit: int) -> None:
        self._limit = limit
        self._size = 0
        self._raw_deflate_fallback = False
        coding = encoding.strip().lower()
        if coding in ("", "identity"):
            self._zlib = None
        elif coding in ("gzip", "x-gzip"):
            self._zlib = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif coding == "deflate":
            self._zlib = zlib.decompressobj(zlib.MAX_WBITS)
            self._raw_deflate_fallback = True  # some servers send raw deflate
        else:
            raise InvalidDocument(f"unsupported Content-Encoding {encoding!r}")

    def _count(self, produced: int) -> None:
        self._size += produced
        if self._size > self._limit:
            raise ResponseTooLarge(f"body larger than {self._limit} bytes")

    def feed(self, data: bytes) -> bytes:
        if self._zlib is None:
            self._count(len(data))
            return data
        out = bytearray()
        while data and not self._zlib.eof:
            # Ask for at most one byte past the cap: enough to know it is exceeded.
            budget = self._limit - self._size + 1
            try:
                piece = self._zlib.decompress(data, budget)
            except zlib.error as exc:
                if self._raw_deflate_fallback and self._size == 0 and not out:
                    self._zlib = zlib.decompressobj(-zlib.MAX_WBITS)
                    self._raw_deflate_fallback = False
                    continue
                raise InvalidDocument(f"corrupt compressed body: {exc}") from exc
            self._raw_deflate_fallback = False
            self._count(len(piece))
            out += piece
            data = self._zlib.unconsumed_tail
        return bytes(out)

    def finish(self) -> None:
        if self._zlib is not None and not self._zlib.eof:
            raise InvalidDocument("compressed body is truncated")


async def _read_body(response: httpx.Response, max_bytes: int) -> bytes:
    length = response.headers.get("content-length", "")
    if length.isdigit() and int(length) > max_bytes:
        raise ResponseTooLarge(f"Content-Length {length} is over {max_bytes} bytes")
    decoder = _CappedDecoder(response.headers.get("content-encoding", ""), max_bytes)
    body = bytearray()
    received = 0
    async for chunk in response.aiter_raw():
        # The wire size is capped too, so an endless stream that inflates to
        # nothing cannot run on until the deadline.
        received += len(chunk)
        if received > max_bytes:
            raise ResponseTooLarge(f"body larger than {max_bytes} bytes on the wire")
        body += decoder.feed(chunk)
    decoder.finish()
    return bytes(body)


def _parse_url(url: str | httpx.URL) -> httpx.URL:
    try:
        parsed = httpx.URL(url)
    except (httpx.InvalidURL, TypeError) as exc:
        raise InvalidURL(f"invalid URL {url!r}: {exc}") from exc
    if parsed.scheme not in ("http", "https"):
        raise SchemeNotAllowed(f"only http(s) URLs can be fetched, not {url!r}")
    if not parsed.host:
        raise InvalidURL(f"URL without a host: {url!r}")
    return parsed


def _same_resource(document_id: object, url: httpx.URL) -> bool:
    if not isinstance(document_id, str):
        return False
    try:
        id_url = httpx.URL(document_id)
    except httpx.InvalidURL:
        return False
    return id_url.is_absolute_url and id_url.copy_with(fragment=None) == url.copy_with(
        fragment=None
    )


async def _fetch(
    url: str,
    *,
    client: httpx.AsyncClient,
    auth: httpx.Auth | None,
    accept: str,
    allowed_types: tuple[str, ...],
    max_bytes: int,
    max_redirects: int,
    check_id: bool,
) -> FetchedDocument:
    current = _parse_url(url)
    headers = {"Accept": accept, "Accept-Encoding": ACCEPT_ENCODING}
    for _hop in range(max_redirects + 1):
        request = client.build_request("GET", current, headers=headers)
        # Auth goes to every hop: an HTTP signature is bound to its host and
        # path, so a signed request cannot be replayed elsewhere.
        response = await client.send(request, auth=auth, stream=True)
        try:
            if response.status_code in REDIRECT_STATUSES:
                location = response.headers.get("location")
                if not location:
                    raise BadStatus(str(current), response.status_code)
                try:
                    current = _parse_url(current.join(location))
                except httpx.InvalidURL as exc:
                    raise InvalidURL(f"bad redirect Location {location!r}") from exc
                continue
            if not 200 <= response.status_code < 300:
                raise BadStatus(
                    str(current), response.status_code, response.headers.get("retry-after")
                )
            content_type = response.headers.get("content-type", "")
            if not content_type_allowed(content_type, allowed_types):
                raise NotActivityStreams(f"{current} sent Content-Type {content_type!r}")
            body = await _read_body(response, max_bytes)
        finally:
            await response.aclose()
        try:
            document = orjson.loads(body)
        except orjson.JSONDecodeError as exc:
            raise InvalidDocument(f"{current} did not send JSON: {exc}") from exc
        if not isinstance(document, dict):
            raise InvalidDocument(f"{current} sent JSON that is not an object")
        if check_id and not _same_resource(document.get("id"), current):
            raise IdMismatch(f"{current} sent a document with id {document.get('id')!r}")
        return FetchedDocument(url=str(current), document=document, content_type=content_type)
    raise TooManyRedirects(f"{url}: more than {max_redirects} redirects")


async def fetch_json(
    url: str,
    *,
    client: httpx.AsyncClient,
    auth: httpx.Auth | None,
    accept: str,
    allowed_types: tuple[str, ...],
    max_bytes: int = MAX_BYTES,
    deadline: float = DEADLINE,
    max_redirects: int = MAX_REDIRECTS,
) -> FetchedDocument:
    """GET a JSON object (WebFinger, NodeInfo, ...) without the ``id`` check."""
    return await _within_deadline(
        deadline,
        _fetch(
            url,
            client=client,
            auth=auth,
            accept=accept,
            allowed_types=allowed_types,
            max_bytes=max_bytes,
            max_redirects=max_redirects,
            check_id=False,
        ),
    )


async def fetch_document(
    url: str,
    *,
    client: httpx.AsyncClient,
    auth: httpx.Auth | None,
    max_bytes: int = MAX_BYTES,
    deadline: float = DEADLINE,
    max_redirects: int = MAX_REDIRECTS,
) -> FetchedDocument:
    """GET an ActivityStreams document whose ``id`` is the URL it was served from."""
    return await _within_deadline(
        deadline,
        _fetch(
            url,
            client=client,
            auth=auth,
            accept=ACTIVITY_ACCEPT,
            allowed_types=ACTIVITY_TYPES,
            max_bytes=max_bytes,
            max_redirects=max_redirects,
            check_id=True,
        ),
    )


async def _within_deadline(
    deadline: float, fetching: Coroutine[Any, Any, FetchedDocument]
) -> FetchedDocument:
    try:
        async with asyncio.timeout(deadline):
            return await fetching
    except TimeoutError as exc:
        raise FetchTimeout(f"fetch did not finish within {deadline} s") from exc
