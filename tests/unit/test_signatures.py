"""draft-cavage-12 HTTP signatures: fixed openssl vectors, window edges, every rejection reason.

The expected signatures below were computed with the openssl command line from
tests/fixtures/keys/test-rsa-2048.pem, independently of our code (see the README
there): ``printf '%s' "$SIGNING_STRING" | openssl dgst -sha256 -sign key.pem | base64 -w0``.
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from sinet_node.federation.keys import generate_rsa_key, load_private_key_pem, load_public_key_pem
from sinet_node.federation.signatures import (
    Headers,
    IncomingRequest,
    SignatureError,
    SignatureFailure,
    SignatureParams,
    check_request,
    parse_signature_header,
    signing_string,
    verify_request,
)
from sinet_node.federation.signing import sign_request_headers

KEYS = Path(__file__).resolve().parent.parent / "fixtures" / "keys"
PRIVATE_KEY = load_private_key_pem((KEYS / "test-rsa-2048.pem").read_text())
PUBLIC_KEY = load_public_key_pem((KEYS / "test-rsa-2048.pub.pem").read_text())

KEY_ID = "https://peer.example/users/alice#main-key"
HOST = "sinet.example.org"
ORIGIN = f"https://{HOST}"
INBOX = "/users/ohrid/inbox"
DATE = "Tue, 07 Jan 2025 10:00:00 GMT"
NOW = datetime(2025, 1, 7, 10, 0, 0, tzinfo=UTC)
CREATED = 1736244000  # == NOW
WINDOW = timedelta(hours=1)
BODY = (
    b'{"@context":"https://www.w3.org/ns/activitystreams","id":"https://peer.example/activities/1",'
    b'"type":"Follow","actor":"https://peer.example/users/alice",'
    b'"object":"https://sinet.example.org/users/ohrid"}'
)
DIGEST = "SHA-256=lCLDo/EqqNKF0F8ZwP2clefnW3CjhRsObkSedYz2ex8="
BOVINE_DIGEST = "sha-256=lCLDo/EqqNKF0F8ZwP2clefnW3CjhRsObkSedYz2ex8="

# Signing string: (request-target) host date digest, Digest "SHA-256=..."
POST_SIGNATURE = (
    "NHbKGGxKP1i3mmDaugu7TN63FFSAtaoEbTnfonVAaTD0hYYNbUSTet7yzGYZPy5wJVA6UUVdup25cZt3xuKMqX3zKIhA"
    "iFQZK7RlcqjEqeybx6BY26qykPqPFdDpJ0e4XfX5QULmI9WN1s5a1bj76HQAJHk5/San+0E55exFyFaP8ilzFiH9dC9/"
    "fEr4gxN6k9IFNYVQ67Tfuddo36sJoMjBjxpMpna1hdGW4gjqJH9uF9Oi7WkTrA0SC0jGJQK4cTf3jD5/Hcck5TKQkFD5"
    "gaHe5qe2T12XtAnTEJTivLsgflSw2JiIpm8v1G/mi8TKRx8Cd1jPLgZIgo2gPt9aPg=="
)
# Same, but the Digest header is bovine's lower-case "sha-256=..."
BOVINE_SIGNATURE = (
    "qmbkB/Jb3q8ot9kSCoRwd1rQf6G9QUE6fONEZHmUBKybZH+rKlGCGUHbodn4GaDA1PV8wXJ+EmZaMWN5pWrX83fg0Hfh"
    "92svwUyvKrS0x16v7c0vz9GdRZBm6+RrdKqS564bln4ESC8ZAu3J0nWpG2L+3tm5u0TT+9j2VIir6A7hRxbozERD0+rd"
    "6Z7LGeCiQ3yLi6V61zL6KcaE15U8HeimlyvrnAVR604PM5wDLr/C+7BMVUx5OrCKYuyd1wZ5TKYxHsfaohW0PXDUoURZ"
    "Qzk09Ohn893sWGdTWGePCMgr/izpxN1dlNvAwUmcn7H/1K+OxxyFLAUGU33gcKcmNg=="
)
# GET /users/ohrid/outbox?page=2, covering (request-target) host date
GET_SIGNATURE = (
    "dAdeLKOltAX7FtjBmoUhqGCNq9qT3u+D3Yk7rR5cPRF3kAVmuKxd4lYcYDwvWBMzeVqIgrEpdiToCHJdWXvMdCNqIiWD"
    "P4WS/BngaREe30HSQSIZU1d6RBNUW1Swjg8AAB0zBeybdAJP89rQXVzcAWK8KL/rMLJDQRhYezUFEpM+jsmmq/xxLqYJ"
    "sW+xL49C3Lffy+6eWH9Q2XU7gAkbuKx3/RVitFLgPDS7288l0u8VPt/RdZY4nTYzFJvw58MLl41s/YPo6znhjM4y/0Up"
    "2rH7y/5mjnujtzBjNNW0sEuxGoM5lOOsay9EDrFPyHlwKTQb5vcOMXdDq3I6LkpyRg=="
)
# hs2019 covering (request-target) host (created) digest, created=1736244000, no Date
HS2019_CREATED_SIGNATURE = (
    "gX08bP6kPkKe7Xfwj4UNxMfq08bxZ3f8nBy21SJChgM87amaLRs144c/qY8mT4I0E0A4VJM0Dajt49wUj58SuYs8vIAk"
    "whILi3wtrQ2PYGn5CewWVWFop4Xx7KkTjUDlBPu0sTsSetpdBCY8ogieApb0nHUPqxZTTM1QDW1ZW0cA0elda5pp1y5E"
    "HsG60gPYy8HPYT89O/lrTTD1RNTksQg5o7VsR7RRrtRhMaH0Pvg0IP26pzjuOfU8SaXPOSeCYHzHPRyBIx3chhc5sEbf"
    "IrS6AId3TzlozI2l0sxLXoyn0Lyums+Ab5wSuwJDTBX6F1yemI4Cjcu9HDwOkLby4Q=="
)
# hs2019 over the POST signing string with RSASSA-PSS/SHA-512 (salt 64)
HS2019_PSS_SIGNATURE = (
    "Q6Ym5zexxBQ4VTzapwjE5N2MNILEGEm63LZxBOATnyn2314wd+ocFj9x/dctfrzO4tjv+AdLhQ8GrfSBg5LAX7LXeQKp"
    "pbC6JwGg/G9HBZHSAIwyqVWyPDqvNtDSvFAlh0UOemfv1pKL/GbC5sikmct0ec4W90Z52Bs0RuZGZ4maHvprw47nkFZb"
    "poZQ/F7qM2mqOb4358QEXm5W0ZLZJXxMr59ilkoFUn4lcFLeBMaF/ZqGZMpOnH20Mg4L4RkeNWfsvJpN5pyt/iPtJaa5"
    "R2jGfDgk+iolwwhIqk1Czvl/PrNKXobheYsBi6B9qUyyeOu8sAAw94kUOuEwpjWnGQ=="
)
POST_COVERS = "(request-target) host date digest"


def sig_header(
    signature: str = POST_SIGNATURE,
    *,
    headers: str | None = POST_COVERS,
    algorithm: str | None = "rsa-sha256",
    key_id: str | None = KEY_ID,
    extra: str = "",
) -> str:
    parts = []
    if key_id is not None:
        parts.append(f'keyId="{key_id}"')
    if algorithm is not None:
        parts.append(f'algorithm="{algorithm}"')
    if headers is not None:
        parts.append(f'headers="{headers}"')
    parts.append(f'signature="{signature}"')
    if extra:
        parts.append(extra)
    return ",".join(parts)


def post(
    signature_header: str | None = None,
    *,
    body: bytes = BODY,
    target: str = INBOX,
    drop: tuple[str, ...] = (),
    **overrides: str,
) -> IncomingRequest:
    """The POST of the openssl vector, with headers overridden or dropped."""
    headers = {
        "Host": HOST,
        "Date": DATE,
        "Digest": DIGEST,
        "Content-Type": "application/activity+json",
        "Signature": sig_header() if signature_header is None else signature_header,
    }
    headers.update({name.replace("_", "-"): value for name, value in overrides.items()})
    for name in drop:
        headers.pop(name)
    return IncomingRequest(method="POST", target=target, headers=headers, body=body)


def accept(request: IncomingRequest, now: datetime = NOW, origin: str = ORIGIN) -> None:
    params = check_request(request, now=now, window=WINDOW)
    verify_request(params, request, PUBLIC_KEY, origin=origin)


def reason_of(action: Callable[[], object]) -> SignatureFailure:
    with pytest.raises(SignatureError) as caught:
        action()
    assert caught.value.detail  # every refusal explains itself for the problem+json body
    return caught.value.reason


# -- fixed vectors -------------------------------------------------------------


def test_signing_string_of_post_vector() -> None:
    """cavage-12 §2.3: "name: value" lines in covered order, joined by LF, no trailing LF."""
    request = post()
    text = signing_string(
        "POST", INBOX, request.headers, ("(request-target)", "host", "date", "digest")
    )
    assert text == (f"(request-target): post {INBOX}\nhost: {HOST}\ndate: {DATE}\ndigest: {DIGEST}")


def test_we_produce_the_openssl_post_signature() -> None:
    """cavage-12 §2.1 + Mastodon: POST signs (request-target) host date digest with rsa-sha256."""
    headers = sign_request_headers(
        method="POST",
        url=f"https://{HOST}{INBOX}",
        body=BODY,
        key_id=KEY_ID,
        private_key=PRIVATE_KEY,
        now=NOW,
    )
    assert headers == {
        "Host": HOST,
        "Date": DATE,
        "Digest": DIGEST,
        "Signature": sig_header(POST_SIGNATURE),
    }


def test_we_produce_the_openssl_get_signature() -> None:
    """DESIGN §4: GETs are signed over (request-target) host date, the query included."""
    headers = sign_request_headers(
        method="GET",
        url=f"https://{HOST}/users/ohrid/outbox?page=2",
        body=None,
        key_id=KEY_ID,
        private_key=PRIVATE_KEY,
        now=NOW,
    )
    assert headers == {
        "Host": HOST,
        "Date": DATE,
        "Signature": sig_header(GET_SIGNATURE, headers="(request-target) host date"),
    }


def test_openssl_post_vector_verifies() -> None:
    """cavage-12 §2.5: an rsa-sha256 signature made by openssl verifies."""
    accept(post())


def test_openssl_get_vector_verifies() -> None:
    request = IncomingRequest(
        method="GET",
        target="/users/ohrid/outbox?page=2",
        headers={
            "Host": HOST,
            "Date": DATE,
            "Signature": sig_header(GET_SIGNATURE, headers="(request-target) host date"),
        },
    )
    accept(request)


def test_bovine_lower_case_digest_vector_verifies() -> None:
    """bovine sends "Digest: sha-256=..."; the name compares case-insensitively."""
    accept(post(sig_header(BOVINE_SIGNATURE), Digest=BOVINE_DIGEST))


def test_hs2019_vector_with_date_verifies() -> None:
    """cavage-12 hs2019: Mastodon and others sign it with PKCS#1 v1.5 / SHA-256."""
    accept(post(sig_header(POST_SIGNATURE, algorithm="hs2019")))


def test_hs2019_vector_with_created_instead_of_date_verifies() -> None:
    """cavage-12 §2.1.4/§2.3: hs2019 may carry the time as (created) and send no Date."""
    header = sig_header(
        HS2019_CREATED_SIGNATURE,
        algorithm="hs2019",
        headers="(request-target) host (created) digest",
        extra=f"created={CREATED}",
    )
    accept(post(header, drop=("Date",)))


def test_hs2019_pss_sha512_vector_verifies() -> None:
    """The hs2019 registry entry is RSASSA-PSS/SHA-512: accepted as well."""
    accept(post(sig_header(HS2019_PSS_SIGNATURE, algorithm="hs2019")))


def test_pss_signature_is_not_accepted_as_rsa_sha256() -> None:
    """rsa-sha256 means PKCS#1 v1.5 only."""
    request = post(sig_header(HS2019_PSS_SIGNATURE))
    assert reason_of(lambda: accept(request)) is SignatureFailure.BAD_SIGNATURE


def test_authorization_signature_form_verifies() -> None:
    """cavage-12 §3: the same parameters may come as "Authorization: Signature ..."."""
    request = post(drop=("Signature",), Authorization="Signature " + sig_header())
    accept(request)


def test_host_override_uses_our_base_url_host() -> None:
    """Behind a TLS terminator the Host we see differs; the node verifies with its own host."""
    request = post(Host="127.0.0.1:8000")
    accept(request)
    assert (
        reason_of(lambda: accept(request, origin="http://127.0.0.1:8000"))
        is SignatureFailure.BAD_SIGNATURE
    )


# -- window edges (injected clock) ----------------------------------------------


@pytest.mark.parametrize("offset", [WINDOW, -WINDOW, timedelta(0)])
def test_date_at_window_edge_is_accepted(offset: timedelta) -> None:
    """DESIGN §4: Date up to the window off either way is accepted, inclusive."""
    accept(post(), now=NOW + offset)


@pytest.mark.parametrize("offset", [WINDOW + timedelta(seconds=1), -WINDOW - timedelta(seconds=1)])
def test_date_one_second_beyond_window_is_rejected(offset: timedelta) -> None:
    """DESIGN §4: one second beyond the window either way is refused."""
    request = post()
    reason = reason_of(lambda: check_request(request, now=NOW + offset, window=WINDOW))
    assert reason is SignatureFailure.DATE_OUT_OF_WINDOW


def _created_request() -> IncomingRequest:
    header = sig_header(
        HS2019_CREATED_SIGNATURE,
        algorithm="hs2019",
        headers="(request-target) host (created) digest",
        extra=f"created={CREATED}",
    )
    return post(header, drop=("Date",))


@pytest.mark.parametrize("offset", [WINDOW, -WINDOW])
def test_created_at_window_edge_is_accepted(offset: timedelta) -> None:
    accept(_created_request(), now=NOW + offset)


@pytest.mark.parametrize("offset", [WINDOW + timedelta(seconds=1), -WINDOW - timedelta(seconds=1)])
def test_created_beyond_window_is_rejected(offset: timedelta) -> None:
    request = _created_request()
    reason = reason_of(lambda: check_request(request, now=NOW + offset, window=WINDOW))
    assert reason is SignatureFailure.DATE_OUT_OF_WINDOW


def test_expires_in_the_future_is_accepted() -> None:
    """cavage-12 §2.1.5: (expires) only refuses once the moment has passed."""
    header = sig_header(
        algorithm="hs2019", headers=POST_COVERS + " (expires)", extra=f"expires={CREATED + 60}"
    )
    request = post(header)
    params = check_request(request, now=NOW + timedelta(seconds=60), window=WINDOW)
    assert params.expires == CREATED + 60
    reason = reason_of(
        lambda: check_request(request, now=NOW + timedelta(seconds=61), window=WINDOW)
    )
    assert reason is SignatureFailure.DATE_OUT_OF_WINDOW


def test_window_is_configurable() -> None:
    request = post()
    check_request(request, now=NOW + timedelta(minutes=5), window=timedelta(minutes=5))
    reason = reason_of(
        lambda: check_request(request, now=NOW + timedelta(minutes=6), window=timedelta(minutes=5))
    )
    assert reason is SignatureFailure.DATE_OUT_OF_WINDOW


def test_naive_clock_is_a_programming_error() -> None:
    with pytest.raises(ValueError):
        check_request(post(), now=NOW.replace(tzinfo=None), window=WINDOW)


# -- one case per rejection reason ------------------------------------------------

RSA_9421_INPUT = 'sig1=("@method" "@target-uri" "content-digest";sf);created=1736244000;keyid="k"'

REJECTIONS: list[tuple[SignatureFailure, str, IncomingRequest]] = [
    (SignatureFailure.MISSING, "no signature at all", post(drop=("Signature",))),
    (
        SignatureFailure.MISSING,
        "an Authorization header of another scheme",
        post(drop=("Signature",), Authorization="Bearer abc"),
    ),
    (
        SignatureFailure.UNSUPPORTED_SCHEME,
        "RFC 9421 with component parameters we do not implement",
        post(Signature="sig1=:" + POST_SIGNATURE + ":", Signature_Input=RSA_9421_INPUT),
    ),
    (
        SignatureFailure.MALFORMED,
        "RFC 9421 Signature-Input without a Signature header",
        post(drop=("Signature",), Signature_Input=RSA_9421_INPUT),
    ),
    (SignatureFailure.MALFORMED, "not a parameter list", post("hello world")),
    (SignatureFailure.MALFORMED, "keyId missing", post(sig_header(key_id=None))),
    (SignatureFailure.MALFORMED, "signature not base64", post(sig_header("***"))),
    (SignatureFailure.MALFORMED, "parameter twice", post(sig_header(extra='keyId="x"'))),
    (SignatureFailure.MALFORMED, "unterminated quote", post(f'keyId="{KEY_ID}",signature="abc')),
    (SignatureFailure.MALFORMED, "empty headers", post(sig_header(headers=""))),
    (
        SignatureFailure.MALFORMED,
        "unknown pseudo-header",
        post(sig_header(headers=POST_COVERS + " (foo)")),
    ),
    (
        SignatureFailure.MALFORMED,
        "created not a timestamp",
        post(sig_header(algorithm="hs2019", extra="created=yesterday")),
    ),
    (
        SignatureFailure.MALFORMED,
        "created beyond any datetime",
        post(sig_header(algorithm="hs2019", extra="created=999999999999")),
    ),
    (
        SignatureFailure.MALFORMED,
        "(created) with rsa-sha256 (cavage-12 §2.3)",
        post(sig_header(headers=POST_COVERS + " (created)", extra=f"created={CREATED}")),
    ),
    (
        SignatureFailure.MALFORMED,
        "(created) covered without a created parameter",
        post(sig_header(algorithm="hs2019", headers=POST_COVERS + " (created)")),
    ),
    (
        SignatureFailure.UNSUPPORTED_ALGORITHM,
        "rsa-sha1",
        post(sig_header(algorithm="rsa-sha1")),
    ),
    (
        SignatureFailure.UNSUPPORTED_ALGORITHM,
        "hmac-sha256",
        post(sig_header(algorithm="hmac-sha256")),
    ),
    (
        SignatureFailure.MISSING_COVERED_HEADER,
        "POST without digest covered",
        post(sig_header(headers="(request-target) host date")),
    ),
    (
        SignatureFailure.MISSING_COVERED_HEADER,
        "(request-target) not covered",
        post(sig_header(headers="host date digest")),
    ),
    (
        SignatureFailure.MISSING_COVERED_HEADER,
        "host not covered",
        post(sig_header(headers="(request-target) date digest")),
    ),
    (
        SignatureFailure.MISSING_COVERED_HEADER,
        "no headers parameter: defaults to date only",
        post(sig_header(headers=None)),
    ),
    (
        SignatureFailure.MISSING_COVERED_HEADER,
        "rsa-sha256 cannot replace date by (created)",
        post(
            sig_header(headers="(request-target) host (created) digest", extra=f"created={CREATED}")
        ),
    ),
    (
        SignatureFailure.MISSING_COVERED_HEADER,
        "a covered header the request lacks",
        post(sig_header(headers=POST_COVERS + " content-length")),
    ),
    (SignatureFailure.DATE_MISSING, "no Date header", post(drop=("Date",))),
    (
        SignatureFailure.DATE_INVALID,
        "ISO 8601 instead of IMF-fixdate",
        post(Date="2025-01-07T10:00:00Z"),
    ),
    (
        SignatureFailure.DATE_INVALID,
        "numeric zone",
        post(Date="Tue, 07 Jan 2025 10:00:00 +0000"),
    ),
    (
        SignatureFailure.DATE_OUT_OF_WINDOW,
        "a day old",
        post(Date="Mon, 06 Jan 2025 10:00:00 GMT"),
    ),
    (
        SignatureFailure.DATE_OUT_OF_WINDOW,
        "(expires) in the past",
        post(
            sig_header(
                algorithm="hs2019",
                headers=POST_COVERS + " (expires)",
                extra=f"expires={CREATED - 1}",
            )
        ),
    ),
    (SignatureFailure.DIGEST_MISSING, "digest covered, header absent", post(drop=("Digest",))),
    (
        SignatureFailure.DIGEST_MISMATCH,
        "body altered after signing",
        post(body=BODY.replace(b"alice", b"mallory")),
    ),
    (
        SignatureFailure.DIGEST_MISMATCH,
        "Digest of another body",
        post(Digest="SHA-256=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="),
    ),
    (
        SignatureFailure.BAD_SIGNATURE,
        "signature bytes altered",
        post(sig_header(base64.b64encode(b"\x00" * 256).decode())),
    ),
    (SignatureFailure.BAD_SIGNATURE, "another target", post(target="/users/other/inbox")),
    (SignatureFailure.BAD_SIGNATURE, "query added to target", post(target=INBOX + "?x=1")),
    (
        SignatureFailure.BAD_SIGNATURE,
        "a signature over another Date, both in the window",
        post(Date="Tue, 07 Jan 2025 10:00:01 GMT"),
    ),
    (
        SignatureFailure.BAD_SIGNATURE,
        "the bovine signature over the upper-case Digest",
        post(sig_header(BOVINE_SIGNATURE)),
    ),
]


@pytest.mark.parametrize(
    ("expected", "request_"),
    [pytest.param(reason, req, id=f"{reason.name}: {why}") for reason, why, req in REJECTIONS],
)
def test_rejection_reason(expected: SignatureFailure, request_: IncomingRequest) -> None:
    """DESIGN §5: each refusal carries a typed reason, checked in the documented order."""
    assert reason_of(lambda: accept(request_)) is expected


def test_every_reason_the_module_raises_is_covered() -> None:
    """fedify-style typed failures: all but the two raised by callers appear above."""
    covered = {reason for reason, _, _ in REJECTIONS}
    raised_by_callers = {SignatureFailure.KEY_UNAVAILABLE, SignatureFailure.KEY_OWNER_MISMATCH}
    assert covered == set(SignatureFailure) - raised_by_callers


def test_signature_with_another_key_is_rejected() -> None:
    request = post()
    params = check_request(request, now=NOW, window=WINDOW)
    other = generate_rsa_key().public_key()
    reason = reason_of(lambda: verify_request(params, request, other, origin=ORIGIN))
    assert reason is SignatureFailure.BAD_SIGNATURE


def test_caller_reasons_exist() -> None:
    """The inbox raises these itself once it has tried to fetch the key."""
    error = SignatureError(SignatureFailure.KEY_OWNER_MISMATCH, "key owner is not the actor")
    assert error.reason is SignatureFailure.KEY_OWNER_MISMATCH
    assert "key owner" in str(error)
    assert SignatureFailure.KEY_UNAVAILABLE.value == "key_unavailable"


# -- digest requirement ------------------------------------------------------------


def test_get_without_body_needs_no_digest() -> None:
    request = IncomingRequest(
        "GET",
        "/users/ohrid/outbox?page=2",
        {
            "Host": HOST,
            "Date": DATE,
            "Signature": sig_header(GET_SIGNATURE, headers="(request-target) host date"),
        },
    )
    check_request(request, now=NOW, window=WINDOW)
    reason = reason_of(lambda: check_request(request, now=NOW, window=WINDOW, require_digest=True))
    assert reason is SignatureFailure.MISSING_COVERED_HEADER


def test_require_digest_false_lets_the_caller_waive_it() -> None:
    request = post(sig_header(headers="(request-target) host date"))
    params = check_request(request, now=NOW, window=WINDOW, require_digest=False)
    assert params.headers == ("(request-target)", "host", "date")


# -- parsing -------------------------------------------------------------------------


def test_parse_tolerates_whitespace_case_and_unquoted_numbers() -> None:
    """cavage-12 §4.1: a comma-separated parameter list; be liberal in spacing."""
    params = parse_signature_header(
        f' keyid = "{KEY_ID}" ,  Algorithm="RSA-SHA256",headers="(request-target) Host Date",'
        f' created = {CREATED}, expires=1736247600.5, signature="{GET_SIGNATURE}" '
    )
    assert params == SignatureParams(
        key_id=KEY_ID,
        algorithm="rsa-sha256",
        headers=("(request-target)", "host", "date"),
        signature=base64.b64decode(GET_SIGNATURE),
        created=CREATED,
        expires=1736247600,
    )


def test_parse_defaults() -> None:
    """cavage-12: headers defaults to a single entry (Mastodon: date); no algorithm = hs2019."""
    params = parse_signature_header(f'keyId="{KEY_ID}",signature="{GET_SIGNATURE}"')
    assert params.headers == ("date",)
    assert params.algorithm == "hs2019"
    assert params.created is None and params.expires is None


def test_parse_bare_value_starting_with_signature_parameter() -> None:
    """A bare value whose first parameter is "signature" is not the Authorization scheme."""
    params = parse_signature_header(f'signature  = "{GET_SIGNATURE}", keyId="{KEY_ID}"')
    assert params.key_id == KEY_ID
    assert params.signature == base64.b64decode(GET_SIGNATURE)


def test_parse_authorization_value() -> None:
    params = parse_signature_header("Signature " + sig_header())
    assert params.key_id == KEY_ID
    assert params.headers == ("(request-target)", "host", "date", "digest")


def test_parse_keeps_commas_inside_quoted_values() -> None:
    params = parse_signature_header(f'keyId="https://x.example/a,b#k",signature="{GET_SIGNATURE}"')
    assert params.key_id == "https://x.example/a,b#k"


def test_headers_mapping_is_case_insensitive_and_joins_repeats() -> None:
    """cavage-12 §2.3: repeated fields are signed joined by ", "."""
    headers = Headers([("Accept", "a"), ("X-Thing", "1"), ("x-thing", "2")])
    assert headers["ACCEPT"] == "a"
    assert headers["x-thing"] == "1, 2"
    assert "X-THING" in headers
    assert sorted(headers) == ["accept", "x-thing"]


def test_incoming_request_stores_lower_case_header_names() -> None:
    request = IncomingRequest("POST", INBOX, {"Content-Type": "x"}, b"")
    assert list(request.headers) == ["content-type"]
    assert request.headers["CONTENT-TYPE"] == "x"


def test_signing_string_reports_a_missing_header() -> None:
    reason = reason_of(lambda: signing_string("GET", "/", {"host": HOST}, ("host", "date")))
    assert reason is SignatureFailure.MISSING_COVERED_HEADER


def test_verify_uses_only_the_covered_headers() -> None:
    """Headers outside the covered list may change in transit without breaking the signature."""
    request = post(Content_Type="application/ld+json", User_Agent="changed")
    accept(request)
    # ... but the covered ones may not:
    params = check_request(post(), now=NOW, window=WINDOW)
    changed = replace(params, headers=(*params.headers, "content-type"))
    assert (
        reason_of(lambda: verify_request(changed, post(), PUBLIC_KEY, origin=ORIGIN))
        is SignatureFailure.BAD_SIGNATURE
    )
