"""eddsa-jcs-2022 proofs (FEP-8b32) and Ed25519 Multikeys (FEP-521a): the node's code against
FEP-8b32's published test vector and against the tests' independent implementation."""

from __future__ import annotations

import copy
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from sinet_node.federation.keys import KeyFormatError, generate_rsa_key, private_key_to_pem
from sinet_node.federation.multikey import (
    base58_decode,
    base58_encode,
    load_ed25519_private_pem,
    load_public_multibase,
    load_secret_multibase,
    public_multibase,
)
from sinet_node.federation.proofs import ProofError, proof_of, sign_document, verify_document
from tests.fakes import data_integrity

FOREIGN = Path(__file__).parent.parent / "fixtures" / "objects" / "foreign"
# FEP-8b32 (fep-8b32.feature, "Signing document" / "Verifying a signature").
VECTOR_SECRET = "z3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjxq"
VECTOR_PUBLIC = "z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2"
VECTOR_KEY_ID = "https://server.example/users/alice#ed25519-key"
VECTOR_CREATED = datetime(2023, 2, 24, 23, 36, 38, tzinfo=UTC)
VECTOR_PROOF_VALUE = (
    "z42ffGu6AUKPCFcFPiabmUvnGLPJzC7e4DGWC52NUasSSH37UMa9c58tdgVszUcZfytxa4fQ5TYHaJENCxUDe9SdL"
)
VECTOR_DOCUMENT: dict[str, Any] = {
    "@context": [
        "https://www.w3.org/ns/activitystreams",
        "https://w3id.org/security/data-integrity/v2",
    ],
    "id": "https://server.example/activities/1",
    "type": "Create",
    "actor": "https://server.example/users/alice",
    "object": {
        "id": "https://server.example/objects/1",
        "type": "Note",
        "attributedTo": "https://server.example/users/alice",
        "content": "Hello world",
        "location": {"type": "Place", "longitude": -71.184902, "latitude": 25.273962},
    },
}


def _signed_vector() -> dict[str, Any]:
    return sign_document(
        VECTOR_DOCUMENT,
        key_id=VECTOR_KEY_ID,
        private_key=load_secret_multibase(VECTOR_SECRET),
        now=VECTOR_CREATED,
    )


def test_the_vector_key_gives_the_vector_multikey() -> None:
    assert public_multibase(load_secret_multibase(VECTOR_SECRET)) == VECTOR_PUBLIC


def test_signing_the_vector_gives_exactly_the_published_proof() -> None:
    # The published proof repeats the document's @context; ours leaves it to the document
    # (see proofs.sign_document), which signs and verifies the same.
    signed = _signed_vector()
    assert signed["proof"] == {
        "type": "DataIntegrityProof",
        "cryptosuite": "eddsa-jcs-2022",
        "verificationMethod": VECTOR_KEY_ID,
        "proofPurpose": "assertionMethod",
        "proofValue": VECTOR_PROOF_VALUE,
        "created": "2023-02-24T23:36:38Z",
    }
    assert {k: v for k, v in signed.items() if k != "proof"} == VECTOR_DOCUMENT


def test_the_published_vector_verifies() -> None:
    proof = {"@context": VECTOR_DOCUMENT["@context"], **_signed_vector()["proof"]}
    published = {**VECTOR_DOCUMENT, "proof": proof}
    verify_document(published, load_public_multibase(VECTOR_PUBLIC))


def test_the_independent_implementation_agrees_on_the_vector() -> None:
    secret = data_integrity.secret_key_from_multibase(VECTOR_SECRET)
    assert data_integrity.multikey_of(secret) == VECTOR_PUBLIC
    theirs = data_integrity.sign(VECTOR_DOCUMENT, secret, VECTOR_KEY_ID, "2023-02-24T23:36:38Z")
    assert theirs["proof"]["proofValue"] == VECTOR_PROOF_VALUE
    assert data_integrity.verify(_signed_vector(), VECTOR_PUBLIC)


@pytest.mark.parametrize(
    "tamper",
    [
        lambda d: d["object"].update(content="Hello world!"),
        lambda d: d["object"]["location"].update(latitude=25.273963),
        lambda d: d.update(actor="https://server.example/users/mallory"),
        lambda d: d["proof"].update(created="2023-02-24T23:36:39Z"),
        lambda d: d["proof"].update(verificationMethod="https://server.example/users/bob#k"),
        lambda d: d["proof"].update({"@context": ["https://www.w3.org/ns/activitystreams"]}),
        lambda d: d.update({"@context": "https://www.w3.org/ns/activitystreams"}),
        lambda d: d.update({"@context": ["https://www.w3.org/ns/activitystreams"]}),
        lambda d: d.update(extra="added after signing"),
    ],
)
def test_any_change_breaks_the_proof(tamper: Any) -> None:
    document = copy.deepcopy(_signed_vector())
    tamper(document)
    with pytest.raises(ProofError):
        verify_document(document, load_public_multibase(VECTOR_PUBLIC))
    assert not data_integrity.verify(document, VECTOR_PUBLIC)


def test_a_proof_that_repeats_the_context_verifies_as_the_fep_shows_it() -> None:
    signed = _signed_vector()
    signed["proof"]["@context"] = VECTOR_DOCUMENT["@context"]
    verify_document(signed, load_public_multibase(VECTOR_PUBLIC))
    assert data_integrity.verify(signed, VECTOR_PUBLIC)


def test_another_key_does_not_verify() -> None:
    other = public_multibase(Ed25519PrivateKey.generate())
    with pytest.raises(ProofError, match="altered or another key"):
        verify_document(_signed_vector(), load_public_multibase(other))


def test_an_object_without_context_as_embedded_in_an_activity_signs_and_verifies() -> None:
    document = {k: v for k, v in VECTOR_DOCUMENT.items() if k != "@context"}
    signed = sign_document(
        document,
        key_id=VECTOR_KEY_ID,
        private_key=load_secret_multibase(VECTOR_SECRET),
        now=VECTOR_CREATED,
    )
    verify_document(signed, load_public_multibase(VECTOR_PUBLIC))
    assert data_integrity.verify(signed, VECTOR_PUBLIC)


@pytest.mark.parametrize(
    ("proof", "message"),
    [
        ("a string", "not an eddsa-jcs-2022"),
        ({"type": "DataIntegrityProof", "cryptosuite": "eddsa-rdfc-2022"}, "not an eddsa-jcs"),
        ({"type": "Ed25519Signature2020", "cryptosuite": "eddsa-jcs-2022"}, "unsupported proof"),
        (
            {"type": "DataIntegrityProof", "cryptosuite": "eddsa-jcs-2022", "proofPurpose": "x"},
            "purpose",
        ),
        (
            {
                "type": "DataIntegrityProof",
                "cryptosuite": "eddsa-jcs-2022",
                "proofPurpose": "assertionMethod",
                "proofValue": "zNot0Base58!",
            },
            "unreadable proofValue",
        ),
        (
            {
                "type": "DataIntegrityProof",
                "cryptosuite": "eddsa-jcs-2022",
                "proofPurpose": "assertionMethod",
                "proofValue": "z" + base58_encode(b"short"),
            },
            "not an Ed25519 signature",
        ),
        (
            {
                "type": "DataIntegrityProof",
                "cryptosuite": "eddsa-jcs-2022",
                "proofPurpose": "assertionMethod",
                "proofValue": "m" + "A" * 86,
            },
            "unreadable proofValue",
        ),
    ],
)
def test_malformed_proofs_are_refused_with_the_reason(proof: Any, message: str) -> None:
    document = {**VECTOR_DOCUMENT, "proof": proof}
    with pytest.raises(ProofError, match=message):
        verify_document(document, load_public_multibase(VECTOR_PUBLIC))


def test_a_proof_set_is_read_for_its_eddsa_jcs_member() -> None:
    signed = _signed_vector()
    other = {"type": "DataIntegrityProof", "cryptosuite": "ecdsa-jcs-2019"}
    document = {**signed, "proof": [other, signed["proof"]]}
    assert proof_of(document) == signed["proof"]


def test_a_document_without_proof_has_none() -> None:
    assert proof_of(VECTOR_DOCUMENT) is None
    with pytest.raises(ProofError, match="no proof"):
        verify_document(VECTOR_DOCUMENT, load_public_multibase(VECTOR_PUBLIC))


def test_numbers_jcs_cannot_represent_are_a_proof_error_not_a_crash() -> None:
    document = {**_signed_vector(), "big": 2**70}
    with pytest.raises(ProofError, match="cannot be canonicalised"):
        verify_document(document, load_public_multibase(VECTOR_PUBLIC))


def test_base58_round_trips_with_leading_zeros() -> None:
    for data in (b"", b"\0", b"\0\0\x01", bytes(range(40))):
        assert base58_decode(base58_encode(data)) == data
        assert base58_encode(data) == data_integrity.b58encode(data)


@pytest.mark.parametrize(
    "value", ["", "6Mk", "z0OIl", "z" + "1" * 300, "z" + base58_encode(b"\xed\x01" + b"x" * 31)]
)
def test_bad_multikeys_are_a_key_format_error(value: str) -> None:
    with pytest.raises(KeyFormatError):
        load_public_multibase(value)


def test_a_generated_key_round_trips_through_its_multikey() -> None:
    key = Ed25519PrivateKey.generate()
    multibase = public_multibase(key)
    assert multibase.startswith("z6Mk")
    assert multibase == data_integrity.multikey_of(key)
    signature = key.sign(b"hello")
    load_public_multibase(multibase).verify(signature, b"hello")


def test_a_create_as_fedify_sent_it_verifies_with_its_ld_signature_set_aside() -> None:
    # Captured from Fedify 2.3.6 (tests/interop glue): a proof, then an RsaSignature2017
    # `signature` added over the proven document.
    vector = json.loads((FOREIGN / "fedify_proven_create.json").read_text(encoding="utf-8"))
    document, key = vector["document"], load_public_multibase(vector["publicKeyMultibase"])
    assert document["signature"]["type"] == "RsaSignature2017"
    verify_document(document, key)
    altered = copy.deepcopy(document)
    altered["object"]["content"] = "changed"
    with pytest.raises(ProofError):
        verify_document(altered, key)


def test_an_ed25519_key_is_stored_as_pkcs8_pem_and_read_back_only_as_ed25519() -> None:
    key = Ed25519PrivateKey.generate()
    pem = private_key_to_pem(key)
    assert pem.startswith("-----BEGIN PRIVATE KEY-----")
    assert public_multibase(load_ed25519_private_pem(pem)) == public_multibase(key)
    with pytest.raises(KeyFormatError, match="expected an Ed25519 private key"):
        load_ed25519_private_pem(private_key_to_pem(generate_rsa_key()))
