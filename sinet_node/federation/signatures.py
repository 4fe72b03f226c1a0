"""Verifying HTTP signatures on incoming requests: draft-cavage-12, and RFC 9421 via
``message_signatures``.

Verification is split in two so the inbox can reject cheaply before it spends
a network round trip on the signer's key:

1. ``check_request`` -- everything knowable without the key: a Signature header
   is there and parses, the algorithm is one we accept, the covered headers
   include ``(request-target)``, ``host``, ``date`` (or ``(created)`` under
   hs2019) and ``digest`` for bodies, the Date is inside the window, and the
   Digest matches the exact body. It returns the parsed ``SignatureParams``
   whose ``key_id`` the caller then resolves.
2. ``verify_request`` -- rebuilds the signing string and checks the RSA
   signature with the key the caller found.

The header's parser and the failure vocabulary live in ``signature_header`` and
are re-exported here; outgoing signatures live in ``signing``.

Errors:
    SignatureError(Exception) -- ``.reason`` (a ``SignatureFailure``) says which
        check failed, ``.detail`` says why in words fit for a problem+json body.
        ``KEY_UNAVAILABLE`` and ``KEY_OWNER_MISMATCH`` are raised by callers.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from .digest import digest_matches
from .httpdate import parse_imf_fixdate
from .message_signatures import (
    MessageSignature,
    check_message_signature,
    verify_message_signature,
)
from .signature_header import (
    CREATED,
    EXPIRES,
    PSEUDO_HEADERS,
    REQUEST_TARGET,
    SignatureError,
    SignatureFailure,
    SignatureParams,
    is_signature_authorization,
    parse_signature_header,
)

__all__ = [
    "ACCEPTED_ALGORITHMS",
    "Headers",
    "IncomingRequest",
    "MessageSignature",
    "SignatureError",
    "SignatureFailure",
    "SignatureParams",
    "check_request",
    "encode_signing_string",
    "needs_digest",
    "parse_signature_header",
    "signing_string",
    "verify_request",
]

ACCEPTED_ALGORITHMS = frozenset({"rsa-sha256", "hs2019"})


class Headers(Mapping[str, str]):
    """Read-only, case-insensitive header mapping with lower-case keys.

    Repeated fields are joined with ", " in order, which is both how HTTP
    combines them and how cavage-12 §2.3 says to sign them.
    """

    def __init__(self, source: Mapping[str, str] | Iterable[tuple[str, str]] = ()) -> None:
        pairs = source.items() if isinstance(source, Mapping) else source
        data: dict[str, str] = {}
        for name, value in pairs:
            key = name.lower()
            data[key] = f"{data[key]}, {value}" if key in data else value
        self._data = data

    def __getitem__(self, name: str) -> str:
        return self._data[name.lower()]

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and name.lower() in self._data

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __repr__(self) -> str:
        return f"Headers({self._data!r})"


@dataclass(frozen=True)
class IncomingRequest:
    """What the inbox received: ``target`` is path + "?query" exactly as sent."""

    method: str
    target: str
    headers: Mapping[str, str]
    body: bytes = b""

    def __post_init__(self) -> None:
        if not isinstance(self.headers, Headers):
            object.__setattr__(self, "headers", Headers(self.headers))


def needs_digest(method: str, body: bytes | None) -> bool:
    """A signature must cover Digest when there is a body, and on every POST."""
    return bool(body) or method.upper() == "POST"


# -- checks before the key is known -----------------------------------------


def check_request(
    request: IncomingRequest,
    *,
    now: datetime,
    window: timedelta,
    require_digest: bool | None = None,
) -> SignatureParams | MessageSignature:
    """Run every check that needs no key; return the parsed parameters of either scheme."""
    if now.tzinfo is None:
        raise ValueError("check_request needs an aware datetime for now")
    headers = request.headers
    # An RFC 9421 request carries Signature-Input *and* a Signature dictionary.
    if "signature-input" in headers:
        return check_message_signature(
            request.method,
            headers,
            request.body,
            now=now,
            window=window,
            require_digest=bool(require_digest),
        )
    raw = headers.get("signature")
    if raw is None and is_signature_authorization(headers.get("authorization", "")):
        raw = headers["authorization"]
    if raw is None:
        raise SignatureError(SignatureFailure.MISSING, "the request carries no Signature header")
    params = parse_signature_header(raw)

    if params.algorithm not in ACCEPTED_ALGORITHMS:
        raise SignatureError(
            SignatureFailure.UNSUPPORTED_ALGORITHM,
            f"algorithm {params.algorithm!r} is not accepted; use rsa-sha256 or hs2019",
        )
    _check_covered(params, request, require_digest)
    if "date" in params.headers:
        _check_date(headers.get("date"), now, window)
    # _check_covered made sure a covered (created)/(expires) has its parameter.
    if CREATED in params.headers and params.created is not None:
        _check_window(datetime.fromtimestamp(params.created, UTC), now, window, "created")
    expires = params.expires if EXPIRES in params.headers else None
    if expires is not None and datetime.fromtimestamp(expires, UTC) < now:
        raise SignatureError(SignatureFailure.DATE_OUT_OF_WINDOW, "the signature has expired")
    if "digest" in params.headers:
        digest = headers.get("digest")
        if digest is None:
            raise SignatureError(SignatureFailure.DIGEST_MISSING, "the Digest header is missing")
        if not digest_matches(digest, request.body):
            raise SignatureError(
                SignatureFailure.DIGEST_MISMATCH, "the Digest header does not match the body"
            )
    return params


def _check_covered(
    params: SignatureParams, request: IncomingRequest, require_digest: bool | None
) -> None:
    covered = params.headers
    needed = [REQUEST_TARGET, "host"]
    # cavage-12 lets hs2019 signatures carry the time in (created) instead of Date.
    if not (params.algorithm == "hs2019" and CREATED in covered):
        needed.append("date")
    if require_digest is None:
        require_digest = needs_digest(request.method, request.body)
    if require_digest:
        needed.append("digest")
    absent = [name for name in needed if name not in covered]
    if absent:
        raise SignatureError(
            SignatureFailure.MISSING_COVERED_HEADER,
            f"the signature must cover {' '.join(needed)}; it lacks {' '.join(absent)}",
        )
    for pseudo, value in ((CREATED, params.created), (EXPIRES, params.expires)):
        if pseudo in covered and params.algorithm != "hs2019":
            # cavage-12 §2.3: (created)/(expires) are an error with rsa-* algorithms.
            raise SignatureError(
                SignatureFailure.MALFORMED, f"{pseudo} cannot be signed with {params.algorithm}"
            )
        if pseudo in covered and value is None:
            raise SignatureError(
                SignatureFailure.MALFORMED, f"{pseudo} is covered but the parameter is missing"
            )
    for name in covered:
        if (
            name not in PSEUDO_HEADERS
            and name not in ("date", "digest")
            and name not in request.headers
        ):
            raise SignatureError(
                SignatureFailure.MISSING_COVERED_HEADER,
                f"the signature covers {name} but the request has no such header",
            )


def _check_date(value: str | None, now: datetime, window: timedelta) -> None:
    if value is None:
        raise SignatureError(SignatureFailure.DATE_MISSING, "the Date header is missing")
    sent = parse_imf_fixdate(value)
    if sent is None:
        raise SignatureError(
            SignatureFailure.DATE_INVALID, f"the Date header {value!r} is not an IMF-fixdate"
        )
    _check_window(sent, now, window, "Date")


def _check_window(sent: datetime, now: datetime, window: timedelta, what: str) -> None:
    skew = sent - now
    if abs(skew) > window:
        direction = "ahead of" if skew > timedelta(0) else "behind"
        raise SignatureError(
            SignatureFailure.DATE_OUT_OF_WINDOW,
            f"{what} is {abs(skew)} {direction} our clock; at most {window} is accepted",
        )


# -- the signing string and the signature itself ------------------------------


def signing_string(
    method: str,
    target: str,
    headers: Mapping[str, str],
    covered: Iterable[str],
    host: str | None = None,
    *,
    created: int | None = None,
    expires: int | None = None,
) -> str:
    """cavage-12 §2.3: one ``name: value`` line per covered header, joined by LF.

    ``host`` replaces the Host header's value (behind a TLS terminator the Host
    we see may not be the one the peer signed).
    """
    lookup = headers if isinstance(headers, Headers) else Headers(headers)
    lines: list[str] = []
    for name in covered:
        if name == REQUEST_TARGET:
            value = f"{method.lower()} {target}"
        elif name in (CREATED, EXPIRES):
            stamp = created if name == CREATED else expires
            if stamp is None:
                raise SignatureError(
                    SignatureFailure.MALFORMED, f"{name} is covered but the parameter is missing"
                )
            value = str(stamp)
        elif name == "host" and host is not None:
            value = host
        elif name in lookup:
            value = lookup[name].strip()
        else:
            raise SignatureError(
                SignatureFailure.MISSING_COVERED_HEADER,
                f"the signature covers {name} but the request has no such header",
            )
        lines.append(f"{name}: {value}")
    return "\n".join(lines)


def encode_signing_string(text: str) -> bytes:
    """Header values arrive decoded as Latin-1 (ASGI), so that recovers the bytes."""
    try:
        return text.encode("latin-1")
    except UnicodeEncodeError:
        return text.encode("utf-8")


def verify_request(
    params: SignatureParams | MessageSignature,
    request: IncomingRequest,
    public_key: rsa.RSAPublicKey,
    *,
    origin: str,
) -> None:
    """Check the signature with the key; raise BAD_SIGNATURE.

    ``origin`` is our BASE_URL's scheme and authority: the host and URI the peer signed,
    which behind a TLS terminator differ from what the request line says.
    """
    if isinstance(params, MessageSignature):
        verify_message_signature(
            params, request.method, request.target, request.headers, public_key, origin=origin
        )
        return
    message = encode_signing_string(
        signing_string(
            request.method,
            request.target,
            request.headers,
            params.headers,
            host=urlsplit(origin).netloc,
            created=params.created,
            expires=params.expires,
        )
    )
    schemes: list[tuple[padding.AsymmetricPadding, hashes.HashAlgorithm]] = [
        (padding.PKCS1v15(), hashes.SHA256())
    ]
    if params.algorithm == "hs2019":
        # Everyone in the Fediverse signs hs2019 with PKCS#1 v1.5/SHA-256, but the
        # draft's registry maps hs2019 to RSASSA-PSS/SHA-512, so accept that too.
        schemes.append(
            (
                padding.PSS(mgf=padding.MGF1(hashes.SHA512()), salt_length=padding.PSS.AUTO),
                hashes.SHA512(),
            )
        )
    for pad, digest in schemes:
        try:
            public_key.verify(params.signature, message, pad, digest)
        except InvalidSignature:
            continue
        return
    raise SignatureError(
        SignatureFailure.BAD_SIGNATURE, f"the signature does not verify with key {params.key_id}"
    )
