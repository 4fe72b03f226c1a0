"""Verifying RFC 9421 HTTP Message Signatures on incoming requests.

Fedify (and Mastodon since 4.5) knock first with RFC 9421 and fall back to draft-cavage only
on a 401, so verifying these saves a round trip per delivery and spares peers a workaround.
Like ``signatures`` for cavage, the work is split in two:

1. ``check_message_signature`` -- everything knowable without the key: ``Signature-Input`` and
   ``Signature`` parse as RFC 8941 Dictionaries, one label's components cover ``@method``,
   ``@target-uri`` and (with a body) ``content-digest``, its ``created`` is inside the window,
   it has not expired, the Content-Digest matches the exact body, and ``alg`` is one we accept.
2. ``verify_message_signature`` -- rebuilds the signature base (RFC 9421 §2.5) and checks it
   with the key the caller found (RSA PKCS#1 v1.5 or PSS, or Ed25519).

Derived components come from the node's own BASE_URL (``origin``), never from the request
line the node saw: behind a TLS terminator the request arrives as plain HTTP for another host.

Errors: ``SignatureError`` (from ``signature_header``); a label that asks for something we
do not implement raises ``UNSUPPORTED_SCHEME``, which the inbox answers with 401 so the
sender falls back to cavage.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ed25519, padding, rsa

from .digest import content_digest_matches
from .signature_header import SignatureError, SignatureFailure
from .structured_fields import (
    InnerList,
    Item,
    StructuredFieldError,
    parse_dictionary,
    serialize_inner_list,
)

__all__ = [
    "MESSAGE_SIGNATURE_ALGORITHMS",
    "MessageSignature",
    "PublicKey",
    "check_message_signature",
    "signature_base",
    "verify_message_signature",
]

PublicKey = rsa.RSAPublicKey | ed25519.Ed25519PublicKey

# RFC 9421 §6.2.2 names; ``alg`` may be absent, then the key's type decides.
MESSAGE_SIGNATURE_ALGORITHMS = frozenset({"rsa-v1_5-sha256", "rsa-pss-sha512", "ed25519"})
_DERIVED = frozenset(
    {"@method", "@target-uri", "@authority", "@scheme", "@request-target", "@path", "@query"}
)
_REQUIRED = ("@method", "@target-uri")


@dataclass(frozen=True)
class MessageSignature:
    """One verified-to-be-well-formed label of a Signature-Input / Signature pair."""

    label: str
    components: tuple[str, ...]
    params: InnerList  # the parsed Signature-Input member, re-serialised for the base
    key_id: str
    algorithm: str | None
    created: int
    signature: bytes


def check_message_signature(
    method: str,
    headers: Mapping[str, str],
    body: bytes,
    *,
    now: datetime,
    window: timedelta,
    require_digest: bool,
) -> MessageSignature:
    """The first label that meets our policy; if none does, the first label's failure."""
    try:
        inputs = parse_dictionary(headers.get("signature-input", ""))
        values = parse_dictionary(headers.get("signature", ""))
    except StructuredFieldError as exc:
        raise SignatureError(
            SignatureFailure.MALFORMED, f"Signature-Input/Signature: {exc}"
        ) from exc
    if not inputs:
        raise SignatureError(SignatureFailure.MISSING, "Signature-Input names no signature")
    policy = _Policy(now, window, require_digest or bool(body) or method.upper() == "POST")
    first_error: SignatureError | None = None
    for label, member in inputs.items():
        try:
            return _check_label(label, member, values.get(label), headers, body, policy)
        except SignatureError as exc:
            first_error = first_error or exc
    assert first_error is not None
    raise first_error


@dataclass(frozen=True)
class _Policy:
    now: datetime
    window: timedelta
    require_digest: bool


def _check_label(
    label: str,
    member: InnerList | Item,
    value: InnerList | Item | None,
    headers: Mapping[str, str],
    body: bytes,
    policy: _Policy,
) -> MessageSignature:
    if not isinstance(member, InnerList):
        raise SignatureError(SignatureFailure.MALFORMED, f"Signature-Input {label} is not a list")
    if not (isinstance(value, Item) and isinstance(value.value, bytes)):
        raise SignatureError(SignatureFailure.MALFORMED, f"no Signature value for label {label}")
    components: list[str] = []
    for item in member.items:
        if not isinstance(item.value, str) or item.value != item.value.lower():
            raise SignatureError(SignatureFailure.MALFORMED, f"bad component {item.value!r}")
        if item.params:
            # ;sf ;bs ;key ;req ;name change how a value is taken; none of our peers uses them.
            raise SignatureError(
                SignatureFailure.UNSUPPORTED_SCHEME,
                f"component parameters ({item.value}) are not supported; sign with draft-cavage-12",
            )
        if item.value.startswith("@") and item.value not in _DERIVED:
            raise SignatureError(
                SignatureFailure.UNSUPPORTED_SCHEME, f"component {item.value} is not supported"
            )
        components.append(item.value)
    needed = [*_REQUIRED, *(["content-digest"] if policy.require_digest else [])]
    absent = [name for name in needed if name not in components]
    if absent:
        raise SignatureError(
            SignatureFailure.MISSING_COVERED_HEADER,
            f"signature {label} must cover {' '.join(needed)}; it lacks {' '.join(absent)}",
        )
    for name in components:
        if not name.startswith("@") and name not in headers:
            raise SignatureError(
                SignatureFailure.MISSING_COVERED_HEADER,
                f"signature {label} covers {name} but the request has no such header",
            )

    params = member.params
    key_id, algorithm = params.get("keyid"), params.get("alg")
    created, expires = params.get("created"), params.get("expires")
    if not isinstance(key_id, str) or not key_id:
        raise SignatureError(SignatureFailure.MALFORMED, f"signature {label} has no keyid")
    if algorithm is not None and algorithm not in MESSAGE_SIGNATURE_ALGORITHMS:
        raise SignatureError(
            SignatureFailure.UNSUPPORTED_ALGORITHM,
            f"alg {algorithm!r} is not accepted; use one of "
            + ", ".join(sorted(MESSAGE_SIGNATURE_ALGORITHMS)),
        )
    if not isinstance(created, int) or isinstance(created, bool):
        raise SignatureError(
            SignatureFailure.DATE_MISSING, f"signature {label} needs an integer created parameter"
        )
    now, window = policy.now, policy.window
    skew = datetime.fromtimestamp(created, UTC) - now
    if abs(skew) > window:
        direction = "ahead of" if skew > timedelta(0) else "behind"
        raise SignatureError(
            SignatureFailure.DATE_OUT_OF_WINDOW,
            f"created is {abs(skew)} {direction} our clock; at most {window} is accepted",
        )
    if isinstance(expires, int) and datetime.fromtimestamp(expires, UTC) < now:
        raise SignatureError(SignatureFailure.DATE_OUT_OF_WINDOW, "the signature has expired")
    if "content-digest" in components and not content_digest_matches(
        headers["content-digest"], body
    ):
        raise SignatureError(
            SignatureFailure.DIGEST_MISMATCH, "the Content-Digest header does not match the body"
        )
    return MessageSignature(
        label=label,
        components=tuple(components),
        params=member,
        key_id=key_id,
        algorithm=algorithm if isinstance(algorithm, str) else None,
        created=created,
        signature=value.value,
    )


def _derived(name: str, method: str, target: str, origin: str) -> str:
    scheme, authority = urlsplit(origin)[:2]
    path, _, query = target.partition("?")
    match name:
        case "@method":
            return method.upper()
        case "@target-uri":
            return origin.rstrip("/") + target
        case "@authority":
            return authority.lower()
        case "@scheme":
            return scheme.lower()
        case "@request-target":
            return target
        case "@path":
            return path or "/"
        case _:  # "@query"
            return "?" + query


def signature_base(
    signature: MessageSignature,
    method: str,
    target: str,
    headers: Mapping[str, str],
    *,
    origin: str,
) -> bytes:
    """RFC 9421 §2.5: one ``"name": value`` line per component, then ``@signature-params``."""
    lines = []
    for name in signature.components:
        if name.startswith("@"):
            value = _derived(name, method, target, origin)
        elif name == "host":
            # As for cavage: the Host the peer signed is ours, whatever a proxy passed on.
            value = urlsplit(origin).netloc.lower()
        else:
            value = headers[name].strip()
        lines.append(f'"{name}": {value}')
    lines.append(f'"@signature-params": {serialize_inner_list(signature.params)}')
    # Header values reach us decoded as Latin-1 (ASGI); that recovers the bytes that were signed.
    return "\n".join(lines).encode("latin-1", errors="replace")


def verify_message_signature(
    signature: MessageSignature,
    method: str,
    target: str,
    headers: Mapping[str, str],
    public_key: PublicKey,
    *,
    origin: str,
) -> None:
    """Raise ``BAD_SIGNATURE`` unless the signature verifies over the rebuilt base."""
    base = signature_base(signature, method, target, headers, origin=origin)
    algorithm = signature.algorithm
    if isinstance(public_key, ed25519.Ed25519PublicKey):
        if algorithm in (None, "ed25519"):
            try:
                public_key.verify(signature.signature, base)
                return
            except InvalidSignature:
                pass
    else:
        # Without ``alg`` the key decides (§3.2); an RSA key admits both RSA schemes.
        names = [algorithm] if algorithm else ["rsa-v1_5-sha256", "rsa-pss-sha512"]
        for name in names:
            scheme = _RSA_SCHEMES.get(name)
            if scheme is None:
                continue
            pad, digest = scheme
            try:
                public_key.verify(signature.signature, base, pad, digest)
                return
            except InvalidSignature:
                continue
    raise SignatureError(
        SignatureFailure.BAD_SIGNATURE,
        f"signature {signature.label} does not verify with key {signature.key_id}",
    )


_RSA_SCHEMES: dict[str, tuple[padding.AsymmetricPadding, hashes.HashAlgorithm]] = {
    "rsa-v1_5-sha256": (padding.PKCS1v15(), hashes.SHA256()),
    # RFC 9421 §3.3.1: MGF1 with SHA-512 and a 64-byte salt.
    "rsa-pss-sha512": (
        padding.PSS(mgf=padding.MGF1(hashes.SHA512()), salt_length=64),
        hashes.SHA512(),
    ),
}
