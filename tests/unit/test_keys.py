"""RSA key handling: PKCS#8 private keys, SPKI public keys, PKCS#1 from peers."""

from __future__ import annotations

from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519, rsa

from sinet_node.federation.keys import (
    KeyFormatError,
    generate_rsa_key,
    load_private_key_pem,
    load_public_key_pem,
    private_key_to_pem,
    public_key_pem,
)

KEYS = Path(__file__).resolve().parent.parent / "fixtures" / "keys"


def fixture(name: str) -> str:
    return (KEYS / name).read_text()


def test_generated_key_is_rsa_2048() -> None:
    """DESIGN §4: RSA-2048 keys, the size every Fediverse peer accepts."""
    key = generate_rsa_key()
    assert isinstance(key, rsa.RSAPrivateKey)
    assert key.key_size == 2048
    assert key.public_key().public_numbers().e == 65537


def test_private_key_round_trips_through_pkcs8_pem() -> None:
    """Keys live in the database as PEM and must come back identical after restart."""
    key = generate_rsa_key()
    pem = private_key_to_pem(key)
    assert pem.startswith("-----BEGIN PRIVATE KEY-----\n")  # PKCS#8, not PKCS#1
    again = load_private_key_pem(pem)
    assert again.private_numbers() == key.private_numbers()


def test_public_pem_is_spki_and_matches_openssl() -> None:
    """ActivityPub publicKeyPem: SPKI "BEGIN PUBLIC KEY", byte-identical to openssl's output."""
    key = load_private_key_pem(fixture("test-rsa-2048.pem"))
    pem = public_key_pem(key)
    assert pem.startswith("-----BEGIN PUBLIC KEY-----\n")
    assert pem == fixture("test-rsa-2048.pub.pem")
    assert public_key_pem(key.public_key()) == pem


def test_load_spki_public_key() -> None:
    key = load_private_key_pem(fixture("test-rsa-2048.pem"))
    public = load_public_key_pem(fixture("test-rsa-2048.pub.pem"))
    assert public.public_numbers() == key.public_key().public_numbers()


def test_load_pkcs1_public_key() -> None:
    """Some servers publish "BEGIN RSA PUBLIC KEY" (PKCS#1); we accept it."""
    assert fixture("test-rsa-2048.pkcs1.pub.pem").startswith("-----BEGIN RSA PUBLIC KEY-----")
    spki = load_public_key_pem(fixture("test-rsa-2048.pub.pem"))
    pkcs1 = load_public_key_pem(fixture("test-rsa-2048.pkcs1.pub.pem"))
    assert pkcs1.public_numbers() == spki.public_numbers()


def test_load_public_key_tolerates_surrounding_whitespace() -> None:
    public = load_public_key_pem("\n  " + fixture("test-rsa-2048.pub.pem") + "\n\n")
    assert public.key_size == 2048


@pytest.mark.parametrize(
    "pem",
    [
        "",
        "garbage",
        "-----BEGIN PUBLIC KEY-----\nnot base64 at all\n-----END PUBLIC KEY-----\n",
        "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n",
        "-----BEGIN PUBLIC KEY-----\nMIIBIjé\n-----END PUBLIC KEY-----\n",
    ],
)
def test_garbage_public_key_raises_key_format_error(pem: str) -> None:
    with pytest.raises(KeyFormatError):
        load_public_key_pem(pem)


def test_non_rsa_public_key_raises_key_format_error() -> None:
    """An Ed25519 key is valid PEM but cannot verify rsa-sha256 signatures."""
    with pytest.raises(KeyFormatError, match="RSA"):
        load_public_key_pem(fixture("test-ed25519.pub.pem"))


def test_non_rsa_private_key_raises_key_format_error() -> None:
    pem = (
        ed25519.Ed25519PrivateKey.generate()
        .private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
        .decode()
    )
    with pytest.raises(KeyFormatError, match="RSA"):
        load_private_key_pem(pem)


def test_garbage_private_key_raises_key_format_error() -> None:
    with pytest.raises(KeyFormatError):
        load_private_key_pem("-----BEGIN PRIVATE KEY-----\nxx\n-----END PRIVATE KEY-----\n")


def test_key_format_error_is_a_value_error() -> None:
    """Callers that only know ValueError still catch it."""
    assert issubclass(KeyFormatError, ValueError)
