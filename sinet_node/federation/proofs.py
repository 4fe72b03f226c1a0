"""Data Integrity proofs with the eddsa-jcs-2022 cryptosuite (FEP-8b32, W3C vc-di-eddsa).

A proof travels inside the document it proves (``proof``), so a copy relayed by anyone, or
found in a backfill, can be checked against its author's key without asking the origin.

Signing: the proof configuration (type, cryptosuite, verificationMethod, proofPurpose,
created, and the document's ``@context`` when it has one) and the document without ``proof``
are each canonicalised with JCS (RFC 8785) and hashed with SHA-256; the Ed25519 signature of
the two hashes, configuration first, is the ``proofValue`` (multibase base58btc).

Pure functions: no I/O, no key lookup (``proof_check`` finds the key).

Errors: ``ProofError`` (the reason says what is wrong; nothing here is retried).
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime
from typing import Any

import rfc8785
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric import ed25519

from .keys import KeyFormatError
from .multikey import base58_encode, multibase_decode

PROOF_TYPE = "DataIntegrityProof"
CRYPTOSUITE = "eddsa-jcs-2022"
PURPOSE = "assertionMethod"
SIGNATURE_BYTES = 64


class ProofError(ValueError):
    """The proof is missing, malformed, of another kind, or does not verify."""


def _hash(value: Any) -> bytes:
    try:
        canonical = rfc8785.dumps(value)
    except (rfc8785.CanonicalizationError, TypeError, ValueError) as exc:
        raise ProofError(f"the document cannot be canonicalised (JCS): {exc}") from exc
    return hashlib.sha256(canonical).digest()


def _created(now: datetime) -> str:
    if now.tzinfo is None:
        raise ValueError("a proof's creation time must carry a time zone")
    return now.astimezone(UTC).replace(microsecond=0).strftime("%Y-%m-%dT%H:%M:%SZ")


def unsecured(document: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in document.items() if key != "proof"}


def _is_ld_signature(value: Any) -> bool:
    return isinstance(value, dict) and "signatureValue" in value


def _proven_part(document: dict[str, Any]) -> dict[str, Any]:
    """The document as its proof covers it. A Linked Data Signature (`signature`,
    RsaSignature2017, as Mastodon reads it) is added after the proof, over the proven
    document (Fedify sends both): it is set aside, as every verifier does."""
    body = unsecured(document)
    if _is_ld_signature(body.get("signature")):
        del body["signature"]
    return body


def sign_document(
    document: dict[str, Any],
    *,
    key_id: str,
    private_key: ed25519.Ed25519PrivateKey,
    now: datetime,
) -> dict[str, Any]:
    """A copy of ``document`` with its proof (replacing any it had)."""
    body = unsecured(document)
    options: dict[str, Any] = {
        "type": PROOF_TYPE,
        "cryptosuite": CRYPTOSUITE,
        "verificationMethod": key_id,
        "proofPurpose": PURPOSE,
        "created": _created(now),
    }
    config = {**options, "@context": body["@context"]} if "@context" in body else options
    signature = private_key.sign(_hash(config) + _hash(body))
    # The configuration's @context is not repeated in the proof we send: inside the proof,
    # security/v1's terms would redefine data-integrity's protected ones and JSON-LD
    # processors (Fedify's) refuse the document. Verifiers take it from the document.
    return {**body, "proof": {**options, "proofValue": "z" + base58_encode(signature)}}


def proof_of(document: dict[str, Any]) -> dict[str, Any] | None:
    """The document's proof, or None when it has none. A list of proofs (proof sets) is
    not something we sign; we read its first eddsa-jcs-2022 member."""
    value = document.get("proof")
    if value is None:
        return None
    candidates = value if isinstance(value, list) else [value]
    for candidate in candidates:
        if isinstance(candidate, dict) and candidate.get("cryptosuite") == CRYPTOSUITE:
            return candidate
    raise ProofError("the document's proof is not an eddsa-jcs-2022 DataIntegrityProof")


def verification_method(proof: dict[str, Any]) -> str:
    method = proof.get("verificationMethod")
    if isinstance(method, dict):
        method = method.get("id")
    if not isinstance(method, str) or not method:
        raise ProofError("the proof names no verificationMethod")
    return method


def verify_document(document: dict[str, Any], public_key: ed25519.Ed25519PublicKey) -> None:
    """Raise ProofError unless the document's proof is a valid eddsa-jcs-2022 proof made
    with ``public_key`` for the assertionMethod purpose."""
    proof = proof_of(document)
    if proof is None:
        raise ProofError("the document carries no proof")
    if proof.get("type") != PROOF_TYPE:
        raise ProofError(f"unsupported proof type {proof.get('type')!r}")
    if proof.get("proofPurpose") != PURPOSE:
        raise ProofError(f"the proof's purpose must be {PURPOSE!r}")
    value = proof.get("proofValue")
    if not isinstance(value, str):
        raise ProofError("the proof has no proofValue")
    try:
        signature = multibase_decode(value)
    except KeyFormatError as exc:
        raise ProofError(f"unreadable proofValue: {exc}") from exc
    if len(signature) != SIGNATURE_BYTES:
        raise ProofError("the proofValue is not an Ed25519 signature")
    options = {key: item for key, item in proof.items() if key != "proofValue"}
    body = _proven_part(document)
    if "@context" in options and options["@context"] != body.get("@context"):
        # The proof must be about the document as its author framed it.
        raise ProofError("the proof's @context differs from the document's")
    for candidate in _proof_configs(options, body):
        try:
            public_key.verify(signature, _hash(candidate) + _hash(body))
            return
        except InvalidSignature:
            continue
    raise ProofError("the proof does not match the document (altered or another key)")


def _proof_configs(options: dict[str, Any], body: dict[str, Any]) -> list[dict[str, Any]]:
    """The proof configuration as vc-di-eddsa builds it: the document's @context included,
    whether or not the proof on the wire repeats it (Fedify's does not). Proofs made by
    implementations of the earlier FEP text, which left it out, are accepted too."""
    if "@context" not in body:
        return [options]
    with_context = {**options, "@context": body["@context"]}
    without = {key: item for key, item in options.items() if key != "@context"}
    return [with_context, without]
