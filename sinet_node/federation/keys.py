"""RSA key pairs for HTTP signatures: generate, serialise, load.

Private keys are stored as PKCS#8 PEM (in the database, never regenerated on
restart); public keys are published as SPKI PEM (``BEGIN PUBLIC KEY``), which
is what Mastodon and every other peer expects in ``publicKeyPem``. Loading a
peer's key also accepts PKCS#1 (``BEGIN RSA PUBLIC KEY``) because some servers
publish that form.

Errors:
    KeyFormatError(ValueError) -- the PEM is garbage or does not hold an RSA key.
"""

from __future__ import annotations

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519, rsa
from cryptography.hazmat.primitives.asymmetric.types import PrivateKeyTypes

KEY_SIZE = 2048
PUBLIC_EXPONENT = 65537


class KeyFormatError(ValueError):
    """A PEM document could not be read as an RSA key."""


def generate_rsa_key() -> rsa.RSAPrivateKey:
    """A fresh 2048-bit RSA key: the size every Fediverse server accepts."""
    return rsa.generate_private_key(public_exponent=PUBLIC_EXPONENT, key_size=KEY_SIZE)


def private_key_to_pem(key: rsa.RSAPrivateKey | ed25519.Ed25519PrivateKey) -> str:
    """PKCS#8 PEM without encryption (the database is the protection boundary); RSA and the
    Ed25519 keys of object proofs alike."""
    return key.private_bytes(
        encoding=serialization.Encoding.PEM,
        format=serialization.PrivateFormat.PKCS8,
        encryption_algorithm=serialization.NoEncryption(),
    ).decode("ascii")


def read_private_pem(pem: str) -> PrivateKeyTypes:
    """Any unencrypted PKCS#8 (or PKCS#1) private key; the caller checks its kind."""
    try:
        return serialization.load_pem_private_key(pem.encode("ascii"), password=None)
    except (ValueError, TypeError, UnicodeEncodeError) as exc:
        raise KeyFormatError(f"not a readable private key PEM: {exc}") from exc


def load_private_key_pem(pem: str) -> rsa.RSAPrivateKey:
    """Read an unencrypted PKCS#8 or PKCS#1 RSA private key."""
    key = read_private_pem(pem)
    if not isinstance(key, rsa.RSAPrivateKey):
        raise KeyFormatError(f"expected an RSA private key, got {type(key).__name__}")
    return key


def public_key_pem(key: rsa.RSAPrivateKey | rsa.RSAPublicKey) -> str:
    """SPKI PEM (``-----BEGIN PUBLIC KEY-----``) for an actor's ``publicKeyPem``."""
    public = key.public_key() if isinstance(key, rsa.RSAPrivateKey) else key
    return public.public_bytes(
        encoding=serialization.Encoding.PEM,
        format=serialization.PublicFormat.SubjectPublicKeyInfo,
    ).decode("ascii")


def load_public_key_pem(pem: str) -> rsa.RSAPublicKey:
    """Read a peer's public key: SPKI or PKCS#1 PEM, RSA only."""
    try:
        data = pem.strip().encode("ascii")
    except UnicodeEncodeError as exc:
        raise KeyFormatError("public key PEM contains non-ASCII characters") from exc
    try:
        # cryptography reads both "BEGIN PUBLIC KEY" and "BEGIN RSA PUBLIC KEY".
        key = serialization.load_pem_public_key(data)
    except (ValueError, TypeError) as exc:
        raise KeyFormatError(f"not a readable public key PEM: {exc}") from exc
    if not isinstance(key, rsa.RSAPublicKey):
        raise KeyFormatError(f"expected an RSA public key, got {type(key).__name__}")
    return key
