"""Body digests: the ``Digest`` header (RFC 3230) and ``Content-Digest`` (RFC 9530).

Cavage signatures cover ``Digest: SHA-256=<base64>``; RFC 9421 signatures cover
``Content-Digest: sha-256=:<base64>:``. Both are checked against the exact
bytes received. Algorithm names compare case-insensitively in ``Digest``
(bovine sends ``sha-256=``). When a header lists several digests, every one we
know must match and at least one must be known, so an attacker cannot slip a
wrong SHA-256 past us by adding an algorithm we skip.

Errors: none raised; the matchers answer ``False`` for unreadable headers.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
from collections.abc import Callable

from .structured_fields import Item, StructuredFieldError, parse_dictionary

_ALGORITHMS: dict[str, Callable[[bytes], bytes]] = {
    "sha-256": lambda body: hashlib.sha256(body).digest(),
    "sha-512": lambda body: hashlib.sha512(body).digest(),
}


def make_digest(body: bytes) -> str:
    """The ``Digest`` header value we send: ``SHA-256=<base64>``."""
    return "SHA-256=" + base64.b64encode(hashlib.sha256(body).digest()).decode("ascii")


def make_content_digest(body: bytes) -> str:
    """The ``Content-Digest`` header value (RFC 9530): ``sha-256=:<base64>:``."""
    return "sha-256=:" + base64.b64encode(hashlib.sha256(body).digest()).decode("ascii") + ":"


def digest_matches(header_value: str, body: bytes) -> bool:
    """True if every known digest in a ``Digest`` header matches ``body``."""
    pairs: list[tuple[str, bytes]] = []
    for entry in header_value.split(","):
        # base64 ends in '=' padding, so split on the first '=' only.
        name, sep, encoded = entry.strip().partition("=")
        if not sep or not name:
            return False
        try:
            expected = base64.b64decode(encoded.strip(), validate=True)
        except (binascii.Error, ValueError):
            expected = b""
        pairs.append((name.strip().lower(), expected))
    return _all_known_match(pairs, body)


def content_digest_matches(header_value: str, body: bytes) -> bool:
    """True if every known digest in a ``Content-Digest`` header matches ``body``."""
    try:
        members = parse_dictionary(header_value)
    except StructuredFieldError:
        return False
    pairs: list[tuple[str, bytes]] = []
    for name, member in members.items():
        if name in _ALGORITHMS and not (
            isinstance(member, Item) and isinstance(member.value, bytes)
        ):
            return False  # a known algorithm must carry a byte sequence
        value = member.value if isinstance(member, Item) else b""
        pairs.append((name, value if isinstance(value, bytes) else b""))
    return _all_known_match(pairs, body)


def _all_known_match(pairs: list[tuple[str, bytes]], body: bytes) -> bool:
    known = [(name, expected) for name, expected in pairs if name in _ALGORITHMS]
    if not known:
        return False
    return all(hmac.compare_digest(_ALGORITHMS[name](body), expected) for name, expected in known)
