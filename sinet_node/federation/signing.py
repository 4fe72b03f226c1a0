"""Signing outgoing requests with draft-cavage-12 (rsa-sha256).

The node signs every GET and POST it makes ("authorized fetch": GoToSocial and
bovine refuse unsigned GETs). POSTs cover ``(request-target) host date digest``,
GETs ``(request-target) host date`` -- what Mastodon expects.

``HttpSignatureAuth`` plugs into httpx and signs the request exactly as it will
go on the wire (its real path bytes, Host header and body). It signs once per
request it is handed: a redirect followed by httpx itself would reuse stale
headers, so callers follow redirects themselves, one signed request per hop.

Errors: none of its own; ``ValueError`` for a naive ``now`` or a keyId that
cannot be quoted.
"""

from __future__ import annotations

import base64
from collections.abc import Callable, Generator
from datetime import datetime
from urllib.parse import urlsplit

import httpx
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from .digest import make_digest
from .httpdate import format_http_date
from .signatures import encode_signing_string, needs_digest, signing_string

_DEFAULT_PORTS = {"http": 80, "https": 443}


def sign_request_headers(
    *,
    method: str,
    url: str,
    body: bytes | None,
    key_id: str,
    private_key: rsa.RSAPrivateKey,
    now: datetime,
) -> dict[str, str]:
    """Host, Date, Digest (when there is a body or it is a POST) and Signature.

    ``url`` must already be percent-encoded: its path and query are signed as
    written.
    """
    parts = urlsplit(url)
    if not parts.hostname:
        raise ValueError(f"cannot sign a request to {url!r}: no host")
    host = parts.hostname
    if ":" in host:  # an IPv6 literal keeps its brackets in Host
        host = f"[{host}]"
    if parts.port is not None and parts.port != _DEFAULT_PORTS.get(parts.scheme):
        host = f"{host}:{parts.port}"
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return _signed_headers(method, target, host, body, key_id, private_key, now)


def _signed_headers(
    method: str,
    target: str,
    host: str,
    body: bytes | None,
    key_id: str,
    private_key: rsa.RSAPrivateKey,
    now: datetime,
) -> dict[str, str]:
    if '"' in key_id or "\\" in key_id:
        raise ValueError(f"keyId {key_id!r} cannot be quoted in a Signature header")
    headers = {"Host": host, "Date": format_http_date(now)}
    covered = ["(request-target)", "host", "date"]
    if needs_digest(method, body):
        headers["Digest"] = make_digest(body or b"")
        covered.append("digest")
    text = signing_string(method, target, headers, covered)
    signature = private_key.sign(encode_signing_string(text), padding.PKCS1v15(), hashes.SHA256())
    headers["Signature"] = (
        f'keyId="{key_id}",algorithm="rsa-sha256",headers="{" ".join(covered)}",'
        f'signature="{base64.b64encode(signature).decode("ascii")}"'
    )
    return headers


class HttpSignatureAuth(httpx.Auth):
    """httpx auth that signs each request with the node's key at the clock's time."""

    requires_request_body = True

    def __init__(
        self,
        key_id: str,
        private_key: rsa.RSAPrivateKey,
        clock: Callable[[], datetime],
    ) -> None:
        self.key_id = key_id
        self.private_key = private_key
        self.clock = clock

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        # Sign what goes on the wire: httpx's own Host header and encoded path.
        host = request.headers.get("host") or request.url.netloc.decode("ascii")
        target = request.url.raw_path.decode("ascii")
        signed = _signed_headers(
            request.method,
            target,
            host,
            request.content,
            self.key_id,
            self.private_key,
            self.clock(),
        )
        signed.pop("Host")
        request.headers.update(signed)
        yield request
