"""Ed25519 keys for object proofs, and their Multikey form (FEP-521a).

A Multikey's ``publicKeyMultibase`` is ``z`` (multibase base58btc) followed by the base58
encoding of the multicodec prefix ``0xed 0x01`` and the 32 raw bytes of the public key.
Private keys are stored as PKCS#8 PEM, like the RSA keys (``keys.private_key_to_pem``).

Errors: ``KeyFormatError`` (from keys) for a multibase or PEM that is not an Ed25519 key.
"""

from __future__ import annotations

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519

from .keys import KeyFormatError, read_private_pem

_ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_INDEX = {char: value for value, char in enumerate(_ALPHABET)}
_ED25519_PUB = b"\xed\x01"
_ED25519_PRIV = b"\x80\x26"
# Enough for any key or signature we read; refuses pathological input before the bignum work.
_MAX_ENCODED = 200


def base58_encode(data: bytes) -> str:
    zeros = len(data) - len(data.lstrip(b"\0"))
    number = int.from_bytes(data, "big")
    digits = []
    while number:
        number, remainder = divmod(number, 58)
        digits.append(_ALPHABET[remainder])
    return "1" * zeros + "".join(reversed(digits))


def base58_decode(text: str) -> bytes:
    if len(text) > _MAX_ENCODED:
        raise KeyFormatError("base58 value too long")
    number = 0
    for char in text:
        if char not in _INDEX:
            raise KeyFormatError(f"not base58: {char!r}")
        number = number * 58 + _INDEX[char]
    zeros = len(text) - len(text.lstrip("1"))
    body = number.to_bytes((number.bit_length() + 7) // 8, "big") if number else b""
    return b"\0" * zeros + body


def multibase_decode(value: str) -> bytes:
    """The bytes of a base58btc multibase string (`z...`), the only base we accept."""
    if not isinstance(value, str) or not value.startswith("z"):
        raise KeyFormatError("expected a base58btc multibase value starting with 'z'")
    return base58_decode(value[1:])


def generate_ed25519_key() -> ed25519.Ed25519PrivateKey:
    return ed25519.Ed25519PrivateKey.generate()


def public_multibase(key: ed25519.Ed25519PrivateKey | ed25519.Ed25519PublicKey) -> str:
    public = key.public_key() if isinstance(key, ed25519.Ed25519PrivateKey) else key
    raw = public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return "z" + base58_encode(_ED25519_PUB + raw)


def load_public_multibase(value: str) -> ed25519.Ed25519PublicKey:
    data = multibase_decode(value)
    if not data.startswith(_ED25519_PUB) or len(data) != len(_ED25519_PUB) + 32:
        raise KeyFormatError("the Multikey is not an Ed25519 public key")
    return ed25519.Ed25519PublicKey.from_public_bytes(data[len(_ED25519_PUB) :])


def load_secret_multibase(value: str) -> ed25519.Ed25519PrivateKey:
    """A secret key as the FEP test vectors give it (multicodec 0x8026 + 32 bytes)."""
    data = multibase_decode(value)
    if not data.startswith(_ED25519_PRIV) or len(data) != len(_ED25519_PRIV) + 32:
        raise KeyFormatError("not an Ed25519 secret key multibase")
    return ed25519.Ed25519PrivateKey.from_private_bytes(data[len(_ED25519_PRIV) :])


def load_ed25519_private_pem(pem: str) -> ed25519.Ed25519PrivateKey:
    key = read_private_pem(pem)
    if not isinstance(key, ed25519.Ed25519PrivateKey):
        raise KeyFormatError(f"expected an Ed25519 private key, got {type(key).__name__}")
    return key
