"""An independent eddsa-jcs-2022 signer and verifier for the tests, written from the W3C
vc-di-eddsa specification (§3.3) and checked against FEP-8b32's test vector, sharing no code
with sinet_node: it checks the node's proofs, and makes the proofs of fake peers.

Steps (spec): proofConfig = proof options (+ the document's @context, when present);
hashData = SHA-256(JCS(proofConfig)) || SHA-256(JCS(document without proof));
proofValue = "z" + base58btc(Ed25519 signature of hashData).
"""

from __future__ import annotations

import hashlib
from typing import Any

import rfc8785
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

BTC = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"


def b58encode(data: bytes) -> str:
    value = int.from_bytes(data, "big")
    out = ""
    while value > 0:
        value, digit = divmod(value, 58)
        out = BTC[digit] + out
    pad = 0
    for byte in data:
        if byte != 0:
            break
        pad += 1
    return "1" * pad + out


def b58decode(text: str) -> bytes:
    value = 0
    for char in text:
        value = value * 58 + BTC.index(char)
    pad = len(text) - len(text.lstrip("1"))
    return b"\x00" * pad + value.to_bytes((value.bit_length() + 7) // 8, "big")


def multikey_of(key: Ed25519PrivateKey) -> str:
    raw = key.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return "z" + b58encode(bytes([0xED, 0x01]) + raw)


def public_key_from_multikey(multibase: str) -> Ed25519PublicKey:
    assert multibase.startswith("z"), multibase
    data = b58decode(multibase[1:])
    assert data[:2] == bytes([0xED, 0x01]) and len(data) == 34, "not an Ed25519 Multikey"
    return Ed25519PublicKey.from_public_bytes(data[2:])


def secret_key_from_multibase(multibase: str) -> Ed25519PrivateKey:
    data = b58decode(multibase[1:])
    assert data[:2] == bytes([0x80, 0x26]) and len(data) == 34, "not an Ed25519 secret key"
    return Ed25519PrivateKey.from_private_bytes(data[2:])


def _hash_data(proof_config: dict[str, Any], document: dict[str, Any]) -> bytes:
    return (
        hashlib.sha256(rfc8785.dumps(proof_config)).digest()
        + hashlib.sha256(rfc8785.dumps(document)).digest()
    )


def sign(
    document: dict[str, Any], key: Ed25519PrivateKey, key_id: str, created: str
) -> dict[str, Any]:
    unsecured = {k: v for k, v in document.items() if k != "proof"}
    config: dict[str, Any] = {
        "type": "DataIntegrityProof",
        "cryptosuite": "eddsa-jcs-2022",
        "verificationMethod": key_id,
        "proofPurpose": "assertionMethod",
        "created": created,
    }
    if "@context" in unsecured:
        config["@context"] = unsecured["@context"]
    value = "z" + b58encode(key.sign(_hash_data(config, unsecured)))
    return {**unsecured, "proof": {**config, "proofValue": value}}


def verify(document: dict[str, Any], public_multibase: str) -> bool:
    """True when the document's single proof is valid for the given Ed25519 Multikey."""
    proof = document.get("proof")
    if not isinstance(proof, dict) or proof.get("cryptosuite") != "eddsa-jcs-2022":
        return False
    config = {k: v for k, v in proof.items() if k != "proofValue"}
    unsecured = {k: v for k, v in document.items() if k != "proof"}
    if "@context" in config and config["@context"] != unsecured.get("@context"):
        return False
    if "@context" in unsecured:  # the spec's proof configuration carries the document's
        config["@context"] = unsecured["@context"]
    signature = b58decode(str(proof.get("proofValue", "z"))[1:])
    try:
        public_key_from_multikey(public_multibase).verify(signature, _hash_data(config, unsecured))
    except Exception:
        return False
    return True


def keys_of(actor_document: dict[str, Any]) -> dict[str, str]:
    """{key id: multibase} of the Multikeys an actor lists in assertionMethod."""
    methods = actor_document.get("assertionMethod") or []
    return {
        method["id"]: method["publicKeyMultibase"]
        for method in methods
        if isinstance(method, dict)
        and method.get("type") == "Multikey"
        and method.get("controller") == actor_document.get("id")
    }


def verify_with_actor(document: dict[str, Any], actor_document: dict[str, Any]) -> bool:
    """Verified by a key the (claimed) author lists in its assertionMethod."""
    proof = document.get("proof")
    method = proof.get("verificationMethod") if isinstance(proof, dict) else None
    key = keys_of(actor_document).get(str(method))
    return key is not None and verify(document, key)
