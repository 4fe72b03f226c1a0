"""Body digests: Digest (RFC 3230, as used by cavage signatures) and Content-Digest (RFC 9530)."""

from __future__ import annotations

import base64
import hashlib

import pytest

from sinet_node.federation.digest import (
    content_digest_matches,
    digest_matches,
    make_content_digest,
    make_digest,
)

BODY = (
    b'{"@context":"https://www.w3.org/ns/activitystreams","id":"https://peer.example/activities/1",'
    b'"type":"Follow","actor":"https://peer.example/users/alice",'
    b'"object":"https://sinet.example.org/users/ohrid"}'
)
# Computed with: printf '%s' "$BODY" | openssl dgst -sha256 -binary | base64 -w0
SHA256_B64 = "lCLDo/EqqNKF0F8ZwP2clefnW3CjhRsObkSedYz2ex8="
# ... | openssl dgst -sha512 -binary | base64 -w0
SHA512_B64 = (
    "BDGmvmHcdq0aoBWmMy0B5IFF99hue/nmH8qegz5hlBavVaq7GWJ4d4v+YBvE9TpEZfqO4V3b7CaatjTDuEvYXw=="
)
OTHER_B64 = base64.b64encode(hashlib.sha256(b"something else").digest()).decode()


def test_make_digest_matches_openssl_vector() -> None:
    """RFC 3230 / cavage-12 §2.1: Digest is "SHA-256=" + base64(sha256(body))."""
    assert make_digest(BODY) == f"SHA-256={SHA256_B64}"


def test_make_digest_of_empty_body() -> None:
    assert make_digest(b"") == "SHA-256=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="


@pytest.mark.parametrize(
    "header",
    [
        f"SHA-256={SHA256_B64}",
        f"sha-256={SHA256_B64}",  # bovine
        f"Sha-256={SHA256_B64}",
        f"  SHA-256={SHA256_B64}  ",
        f"SHA-512={SHA512_B64}",
        f"SHA-256={SHA256_B64},SHA-512={SHA512_B64}",
        f"SHA-256={SHA256_B64}, SHA-512={SHA512_B64}",
        f"MD5=rL0Y20zC+Fzt72VPzMSk2A==, SHA-256={SHA256_B64}",  # unknown ones are skipped
    ],
)
def test_digest_matches_accepts(header: str) -> None:
    """RFC 3230 §4.1.1: algorithm names are case-insensitive; several digests may be listed."""
    assert digest_matches(header, BODY)


@pytest.mark.parametrize(
    "header",
    [
        f"SHA-256={OTHER_B64}",
        f"SHA-256={SHA256_B64}, SHA-512={OTHER_B64}",  # every known digest must match
        f"SHA-512={SHA512_B64}, SHA-256={OTHER_B64}",
        "MD5=rL0Y20zC+Fzt72VPzMSk2A==",  # nothing we can check
        "",
        "SHA-256",
        f"={SHA256_B64}",
        "SHA-256=not*base64",
        f"SHA-256={SHA256_B64[:-2]}",  # truncated
        f"SHA256={SHA256_B64}",  # not the registered name
    ],
)
def test_digest_matches_rejects(header: str) -> None:
    assert not digest_matches(header, BODY)


def test_digest_detects_a_one_byte_change() -> None:
    """Digest covers the exact bytes: re-serialised JSON must not pass."""
    assert not digest_matches(make_digest(BODY), BODY.replace(b'"Follow"', b'"Folloe"'))
    assert not digest_matches(make_digest(BODY), BODY + b"\n")


def test_make_content_digest() -> None:
    """RFC 9530 §2: sha-256 as a structured-field byte sequence."""
    assert make_content_digest(BODY) == f"sha-256=:{SHA256_B64}:"


@pytest.mark.parametrize(
    "header",
    [
        f"sha-256=:{SHA256_B64}:",
        f"sha-512=:{SHA512_B64}:",
        f"sha-256=:{SHA256_B64}:, sha-512=:{SHA512_B64}:",
        f"sha-256=:{SHA256_B64}:;foo=1",  # parameters are allowed and ignored
        f"md5=:rL0Y20zC+Fzt72VPzMSk2A==:, sha-256=:{SHA256_B64}:",
        f'unixsum="1234", sha-256=:{SHA256_B64}:',
    ],
)
def test_content_digest_matches_accepts(header: str) -> None:
    assert content_digest_matches(header, BODY)


@pytest.mark.parametrize(
    "header",
    [
        f"sha-256=:{OTHER_B64}:",
        f"sha-256=:{SHA256_B64}:, sha-512=:{OTHER_B64}:",
        f"SHA-256=:{SHA256_B64}:",  # RFC 8941 keys are lower-case: not a valid field
        f"sha-256={SHA256_B64}",  # a token, not a byte sequence
        f'sha-256="{SHA256_B64}"',  # a string, not a byte sequence
        f"sha-256=(:{SHA256_B64}:)",  # an inner list
        "md5=:rL0Y20zC+Fzt72VPzMSk2A==:",
        "",
        f"sha-256=:{SHA256_B64}:,",
        f"sha-256=:{SHA256_B64}",
    ],
)
def test_content_digest_matches_rejects(header: str) -> None:
    assert not content_digest_matches(header, BODY)
