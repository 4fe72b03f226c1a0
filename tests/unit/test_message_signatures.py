# ruff: noqa: E501  (RFC 9421 vectors are quoted whole, so they can be compared with the RFC)
"""RFC 9421 HTTP Message Signatures: the RFC's own test vectors, then our policy.

The vectors (keys, signature bases and signatures) are RFC 9421 Appendix B.1/B.2, made by the
RFC's authors: they check our signature base and verification independently of our code.
The policy tests sign with a throwaway key; the base they sign is the one the vectors proved.
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import pytest
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ed25519, padding, rsa

from sinet_node.federation.digest import make_content_digest
from sinet_node.federation.keys import generate_rsa_key
from sinet_node.federation.message_signatures import (
    MessageSignature,
    check_message_signature,
    signature_base,
    verify_message_signature,
)
from sinet_node.federation.signatures import (
    Headers,
    IncomingRequest,
    SignatureError,
    SignatureFailure,
    check_request,
    verify_request,
)
from sinet_node.federation.structured_fields import InnerList, Item, parse_dictionary

# -- RFC 9421 Appendix B --------------------------------------------------------------

RSA_PSS_PUBLIC = """-----BEGIN PUBLIC KEY-----
MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAr4tmm3r20Wd/PbqvP1s2
+QEtvpuRaV8Yq40gjUR8y2Rjxa6dpG2GXHbPfvMs8ct+Lh1GH45x28Rw3Ry53mm+
oAXjyQ86OnDkZ5N8lYbggD4O3w6M6pAvLkhk95AndTrifbIFPNU8PPMO7OyrFAHq
gDsznjPFmTOtCEcN2Z1FpWgchwuYLPL+Wokqltd11nqqzi+bJ9cvSKADYdUAAN5W
Utzdpiy6LbTgSxP7ociU4Tn0g5I6aDZJ7A8Lzo0KSyZYoA485mqcO0GVAdVw9lq4
aOT9v6d+nb4bnNkQVklLQ3fVAvJm+xdDOp9LCNCN48V2pnDOkFV6+U9nV5oyc6XI
2wIDAQAB
-----END PUBLIC KEY-----
"""
ED25519_PUBLIC = "JrQLj5P_89iXES9-vFgrIy29clF9CC_oPPsw3c5D0bs"

# B.2's test-request: POST /foo?param=Value&Pet=dog to example.com.
VECTOR_TARGET = "/foo?param=Value&Pet=dog"
VECTOR_HEADERS = Headers(
    {
        "Host": "example.com",
        "Date": "Tue, 20 Apr 2021 02:07:55 GMT",
        "Content-Type": "application/json",
        "Content-Digest": "sha-512=:WZDPaVn/7XgHaAy8pmojAkGWoRx2UFChF41A2svX+TaPm+AbwAgBWnrIiYllu7BNNyealdVLvRwEmTHWXvJwew==:",
        "Content-Length": "18",
    }
)
VECTORS = {
    "B.2.1 minimal, rsa-pss-sha512": (
        'sig-b21=();created=1618884473;keyid="test-key-rsa-pss";nonce="b3k2pp5k7z-50gnwp.yemd"',
        "sig-b21=:d2pmTvmbncD3xQm8E9ZV2828BjQWGgiwAaw5bAkgibUopemLJcWDy/lkbbHAve4cRAtx31Iq786U7it++wgGxbtRxf8Udx7zFZsckzXaJMkA7ChG52eSkFxykJeNqsrWH5S+oxNFlD4dzVuwe8DhTSja8xxbR/Z2cOGdCbzR72rgFWhzx2VjBqJzsPLMIQKhO4DGezXehhWwE56YCE+O6c0mKZsfxVrogUvA4HELjVKWmAvtl6UnCh8jYzuVG5WSb/QEVPnP5TmcAnLH1g+s++v6d4s8m0gCw1fV5/SITLq9mhho8K3+7EPYTU8IU1bLhdxO5Nyt8C8ssinQ98Xw9Q==:",
        '"@signature-params": ();created=1618884473;keyid="test-key-rsa-pss";nonce="b3k2pp5k7z-50gnwp.yemd"',
        "rsa-pss",
    ),
    "B.2.3 full coverage, rsa-pss-sha512": (
        'sig-b23=("date" "@method" "@path" "@query" "@authority" "content-type" "content-digest" "content-length");created=1618884473;keyid="test-key-rsa-pss"',
        "sig-b23=:bbN8oArOxYoyylQQUU6QYwrTuaxLwjAC9fbY2F6SVWvh0yBiMIRGOnMYwZ/5MR6fb0Kh1rIRASVxFkeGt683+qRpRRU5p2voTp768ZrCUb38K0fUxN0O0iC59DzYx8DFll5GmydPxSmme9v6ULbMFkl+V5B1TP/yPViV7KsLNmvKiLJH1pFkh/aYA2HXXZzNBXmIkoQoLd7YfW91kE9o/CCoC1xMy7JA1ipwvKvfrs65ldmlu9bpG6A9BmzhuzF8Eim5f8ui9eH8LZH896+QIF61ka39VBrohr9iyMUJpvRX2Zbhl5ZJzSRxpJyoEZAFL2FUo5fTIztsDZKEgM4cUA==:",
        "\n".join(
            [
                '"date": Tue, 20 Apr 2021 02:07:55 GMT',
                '"@method": POST',
                '"@path": /foo',
                '"@query": ?param=Value&Pet=dog',
                '"@authority": example.com',
                '"content-type": application/json',
                '"content-digest": sha-512=:WZDPaVn/7XgHaAy8pmojAkGWoRx2UFChF41A2svX+TaPm+AbwAgBWnrIiYllu7BNNyealdVLvRwEmTHWXvJwew==:',
                '"content-length": 18',
                '"@signature-params": ("date" "@method" "@path" "@query" "@authority" "content-type" "content-digest" "content-length");created=1618884473;keyid="test-key-rsa-pss"',
            ]
        ),
        "rsa-pss",
    ),
    "B.2.6 ed25519": (
        'sig-b26=("date" "@method" "@path" "@authority" "content-type" "content-length");created=1618884473;keyid="test-key-ed25519"',
        "sig-b26=:wqcAqbmYJ2ji2glfAMaRy4gruYYnx2nEFN2HN6jrnDnQCK1u02Gb04v9EDgwUPiu4A0w6vuQv5lIp5WPpBKRCw==:",
        "\n".join(
            [
                '"date": Tue, 20 Apr 2021 02:07:55 GMT',
                '"@method": POST',
                '"@path": /foo',
                '"@authority": example.com',
                '"content-type": application/json',
                '"content-length": 18',
                '"@signature-params": ("date" "@method" "@path" "@authority" "content-type" "content-length");created=1618884473;keyid="test-key-ed25519"',
            ]
        ),
        "ed25519",
    ),
}


def vector_key(kind: str) -> rsa.RSAPublicKey | ed25519.Ed25519PublicKey:
    if kind == "ed25519":
        raw = base64.urlsafe_b64decode(ED25519_PUBLIC + "=")
        return ed25519.Ed25519PublicKey.from_public_bytes(raw)
    key = serialization.load_pem_public_key(RSA_PSS_PUBLIC.encode())
    assert isinstance(key, rsa.RSAPublicKey)
    return key


def parsed(signature_input: str, signature: str) -> MessageSignature:
    """A MessageSignature straight from the fields, without our policy (the vectors lack it)."""
    (label, member), (_, value) = (
        next(iter(parse_dictionary(signature_input).items())),
        next(iter(parse_dictionary(signature).items())),
    )
    assert isinstance(member, InnerList) and isinstance(value, Item)
    assert isinstance(value.value, bytes)
    key_id, created = member.params.get("keyid", ""), member.params.get("created", 0)
    assert isinstance(key_id, str) and isinstance(created, int)
    return MessageSignature(
        label=label,
        components=tuple(str(item.value) for item in member.items),
        params=member,
        key_id=key_id,
        algorithm=None,
        created=created,
        signature=value.value,
    )


@pytest.mark.parametrize("name", sorted(VECTORS))
def test_rfc_vectors_rebuild_the_base_and_verify(name: str) -> None:
    signature_input, signature, expected_base, key_kind = VECTORS[name]
    message = parsed(signature_input, signature)
    base = signature_base(
        message, "POST", VECTOR_TARGET, VECTOR_HEADERS, origin="https://example.com"
    )
    assert base.decode() == expected_base
    verify_message_signature(
        message,
        "POST",
        VECTOR_TARGET,
        VECTOR_HEADERS,
        vector_key(key_kind),
        origin="https://example.com",
    )


@pytest.mark.parametrize("name", [name for name in sorted(VECTORS) if "B.2.1" not in name])
def test_rfc_vectors_fail_for_another_authority(name: str) -> None:
    """The B.4 lesson: a covered derived component that changed breaks the signature."""
    signature_input, signature, _, key_kind = VECTORS[name]
    message = parsed(signature_input, signature)
    assert "@authority" in message.components
    with pytest.raises(SignatureError) as caught:
        verify_message_signature(
            message,
            "POST",
            VECTOR_TARGET,
            VECTOR_HEADERS,
            vector_key(key_kind),
            origin="https://example.org",
        )
    assert caught.value.reason is SignatureFailure.BAD_SIGNATURE


# -- our policy: what an inbox accepts ------------------------------------------------

ORIGIN = "https://sinet.example.org"
INBOX = "/users/ohrid/inbox"
NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
WINDOW = timedelta(hours=1)
BODY = b'{"type":"Follow","id":"https://peer.example/f/1"}'
KEY = generate_rsa_key()
COMPONENTS = '("@method" "@target-uri" "content-digest")'


def fedify_like_request(
    *,
    components: str = COMPONENTS,
    params: str | None = None,
    origin: str = ORIGIN,
    body: bytes = BODY,
    digest_body: bytes = BODY,
    sign_with: rsa.RSAPrivateKey = KEY,
    extra_labels: str = "",
) -> IncomingRequest:
    """A POST signed the way Fedify's first knock is (rsa-v1_5-sha256, label sig1)."""
    created = int(NOW.timestamp())
    params = (
        params
        or f';alg="rsa-v1_5-sha256";keyid="https://peer.example/u/carol#key";created={created}'
    )
    headers = Headers(
        {
            "Host": "127.0.0.1:8000",  # what a TLS terminator passes on
            "Content-Type": "application/activity+json",
            "Content-Digest": make_content_digest(digest_body),
            "Signature-Input": f"{extra_labels}sig1={components}{params}",
        }
    )
    message = check_message_signature_unchecked(headers)
    base = signature_base(message, "POST", INBOX, headers, origin=origin)
    raw = sign_with.sign(base, padding.PKCS1v15(), hashes.SHA256())
    signature = f"sig1=:{base64.b64encode(raw).decode()}:"
    if extra_labels:
        signature = "sig0=:AAAA:, " + signature
    headers = Headers({**headers, "Signature": signature})
    return IncomingRequest(method="POST", target=INBOX, headers=headers, body=body)


def check_message_signature_unchecked(headers: Headers) -> MessageSignature:
    """The label as parsed, to sign it (the signer side has no policy to pass)."""
    text = headers["signature-input"]
    last = text.rsplit(", ", 1)[-1]
    return parsed(last, "x=:AAAA:")


def accept(request: IncomingRequest, origin: str = ORIGIN) -> MessageSignature:
    params = check_request(request, now=NOW, window=WINDOW, require_digest=True)
    assert isinstance(params, MessageSignature)
    verify_request(params, request, KEY.public_key(), origin=origin)
    return params


def reason_of(action: Callable[[], object]) -> SignatureFailure:
    with pytest.raises(SignatureError) as caught:
        action()
    assert caught.value.detail
    return caught.value.reason


def test_a_fedify_style_knock_verifies_against_our_base_url() -> None:
    params = accept(fedify_like_request())
    assert params.key_id == "https://peer.example/u/carol#key"
    assert params.components == ("@method", "@target-uri", "content-digest")


def test_target_uri_comes_from_base_url_not_from_the_request() -> None:
    """Signed for the plain-HTTP address the node sees behind TLS: refused."""
    request = fedify_like_request(origin="http://127.0.0.1:8000")
    assert reason_of(lambda: accept(request)) is SignatureFailure.BAD_SIGNATURE


def test_a_second_label_may_carry_the_good_signature() -> None:
    request = fedify_like_request(extra_labels='sig0=("@method");created=1;keyid="x", ')
    assert accept(request).label == "sig1"


def test_another_key_does_not_verify() -> None:
    request = fedify_like_request(sign_with=generate_rsa_key())
    assert reason_of(lambda: accept(request)) is SignatureFailure.BAD_SIGNATURE


created = int(NOW.timestamp())
KEYID = 'keyid="https://peer.example/u/carol#key"'
POLICY: list[tuple[SignatureFailure, str, Callable[[], IncomingRequest]]] = [
    (
        SignatureFailure.MISSING_COVERED_HEADER,
        "@target-uri not covered",
        lambda: fedify_like_request(components='("@method" "@authority" "@path" "content-digest")'),
    ),
    (
        SignatureFailure.MISSING_COVERED_HEADER,
        "@method not covered",
        lambda: fedify_like_request(components='("@target-uri" "content-digest")'),
    ),
    (
        SignatureFailure.MISSING_COVERED_HEADER,
        "a POST without content-digest covered",
        lambda: fedify_like_request(components='("@method" "@target-uri")'),
    ),
    (
        SignatureFailure.DIGEST_MISMATCH,
        "Content-Digest of another body",
        lambda: fedify_like_request(digest_body=b"{}"),
    ),
    (
        SignatureFailure.DATE_MISSING,
        "no created parameter",
        lambda: fedify_like_request(params=f";{KEYID}"),
    ),
    (
        SignatureFailure.DATE_OUT_OF_WINDOW,
        "created two hours ago",
        lambda: fedify_like_request(params=f";{KEYID};created={created - 7200}"),
    ),
    (
        SignatureFailure.DATE_OUT_OF_WINDOW,
        "expired",
        lambda: fedify_like_request(params=f";{KEYID};created={created};expires={created - 1}"),
    ),
    (
        SignatureFailure.UNSUPPORTED_ALGORITHM,
        "hmac-sha256 (a shared secret is no proof of an actor)",
        lambda: fedify_like_request(params=f';{KEYID};created={created};alg="hmac-sha256"'),
    ),
    (
        SignatureFailure.MALFORMED,
        "no keyid",
        lambda: fedify_like_request(params=f";created={created}"),
    ),
    (
        SignatureFailure.UNSUPPORTED_SCHEME,
        "@query-param (not implemented: 401 makes the peer fall back to cavage)",
        lambda: fedify_like_request(
            components='("@method" "@target-uri" "content-digest" "@query-param";name="a")'
        ),
    ),
]


@pytest.mark.parametrize(("reason", "case", "make"), POLICY, ids=[case for _, case, _ in POLICY])
def test_policy_refusals(
    reason: SignatureFailure, case: str, make: Callable[[], IncomingRequest]
) -> None:
    request = make()
    assert reason_of(lambda: accept(request)) is reason


@pytest.mark.parametrize(
    ("signature_input", "signature"),
    [
        ("sig1=(", "sig1=:AAAA:"),
        ('sig1=("@method" "@target-uri")', "sig1=not-bytes"),
        ("sig1=1", "sig1=:AAAA:"),
        ('sig1=("@Method")', "sig1=:AAAA:"),
        ("", "sig1=:AAAA:"),
    ],
)
def test_garbage_fields_are_refused_cleanly(signature_input: str, signature: str) -> None:
    headers = {"Signature-Input": signature_input, "Signature": signature}
    with pytest.raises(SignatureError) as caught:
        check_message_signature(
            "POST", Headers(headers), BODY, now=NOW, window=WINDOW, require_digest=True
        )
    assert caught.value.reason in (SignatureFailure.MALFORMED, SignatureFailure.MISSING)
