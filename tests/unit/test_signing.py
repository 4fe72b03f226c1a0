"""Outgoing signatures: sign_request_headers and HttpSignatureAuth, verified by our own checker
on exactly what an httpx transport receives."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest

from sinet_node.federation.keys import load_private_key_pem, load_public_key_pem
from sinet_node.federation.signatures import (
    Headers,
    IncomingRequest,
    SignatureError,
    check_request,
    parse_signature_header,
    verify_request,
)
from sinet_node.federation.signing import HttpSignatureAuth, sign_request_headers

KEYS = Path(__file__).resolve().parent.parent / "fixtures" / "keys"
PRIVATE_KEY = load_private_key_pem((KEYS / "test-rsa-2048.pem").read_text())
PUBLIC_KEY = load_public_key_pem((KEYS / "test-rsa-2048.pub.pem").read_text())
KEY_ID = "https://sinet.example.org/users/ohrid#main-key"
NOW = datetime(2025, 1, 7, 10, 0, 0, tzinfo=UTC)
WINDOW = timedelta(hours=1)


class Clock:
    """An injected clock the test moves by hand."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


class Seen(list[tuple[httpx.Request, str]]):
    """What the fake peer received, with its verdict."""


def verifying_peer(clock: Clock, seen: Seen) -> Callable[[httpx.Request], httpx.Response]:
    """A fake peer: verifies the request it receives the way our inbox would."""

    def handler(request: httpx.Request) -> httpx.Response:
        incoming = IncomingRequest(
            method=request.method,
            target=request.url.raw_path.decode("ascii"),
            headers=Headers(request.headers.multi_items()),
            body=request.read(),
        )
        try:
            params = check_request(incoming, now=clock(), window=WINDOW)
            verify_request(
                params, incoming, PUBLIC_KEY, origin=f"https://{request.headers['host']}"
            )
        except SignatureError as exc:
            seen.append((request, exc.reason.value))
            return httpx.Response(401, json={"reason": exc.reason.value, "detail": exc.detail})
        seen.append((request, "ok"))
        return httpx.Response(202)

    return handler


def test_signed_get_verifies_on_the_receiving_side() -> None:
    """DESIGN §4: every GET is signed over (request-target) host date."""
    clock, seen = Clock(NOW), Seen()
    auth = HttpSignatureAuth(KEY_ID, PRIVATE_KEY, clock)
    transport = httpx.MockTransport(verifying_peer(clock, seen))
    with httpx.Client(transport=transport, auth=auth) as client:
        response = client.get(
            "https://peer.example/users/alice/outbox",
            params={"page": "true", "min_id": "0"},
            headers={"Accept": "application/activity+json"},
        )
    assert response.status_code == 202, response.text
    request, verdict = seen[0]
    assert verdict == "ok"
    params = parse_signature_header(request.headers["signature"])
    assert params.key_id == KEY_ID
    assert params.algorithm == "rsa-sha256"
    assert params.headers == ("(request-target)", "host", "date")
    assert request.headers["date"] == "Tue, 07 Jan 2025 10:00:00 GMT"
    assert "digest" not in request.headers


async def test_signed_post_verifies_on_the_receiving_side() -> None:
    """DESIGN §4: every POST is signed over (request-target) host date digest of the real body."""
    clock, seen = Clock(NOW), Seen()
    auth = HttpSignatureAuth(KEY_ID, PRIVATE_KEY, clock)
    activity = {"type": "Create", "id": "https://sinet.example.org/activities/ü", "to": []}
    body = json.dumps(activity, ensure_ascii=False).encode("utf-8")
    async with httpx.AsyncClient(
        transport=httpx.MockTransport(verifying_peer(clock, seen)), auth=auth
    ) as client:
        response = await client.post(
            "https://peer.example:8443/inbox",
            content=body,
            headers={"Content-Type": "application/activity+json"},
        )
    assert response.status_code == 202, response.text
    request, verdict = seen[0]
    assert verdict == "ok"
    assert request.content == body
    assert request.headers["host"] == "peer.example:8443"
    params = parse_signature_header(request.headers["signature"])
    assert params.headers == ("(request-target)", "host", "date", "digest")
    assert request.headers["digest"].startswith("SHA-256=")


def test_each_request_is_signed_at_the_clock_time() -> None:
    """The Date comes from the injected clock at send time, not from construction time."""
    clock, seen = Clock(NOW), Seen()
    auth = HttpSignatureAuth(KEY_ID, PRIVATE_KEY, clock)
    with httpx.Client(transport=httpx.MockTransport(verifying_peer(clock, seen)), auth=auth) as c:
        c.post("https://peer.example/inbox", content=b"{}")
        clock.now = NOW + timedelta(hours=3)
        c.post("https://peer.example/inbox", content=b"{}")
    assert [verdict for _, verdict in seen] == ["ok", "ok"]
    assert seen[1][0].headers["date"] == "Tue, 07 Jan 2025 13:00:00 GMT"
    assert seen[0][0].headers["signature"] != seen[1][0].headers["signature"]


def test_path_that_needs_encoding_is_signed_as_sent() -> None:
    """(request-target) is the path exactly as it goes on the wire, percent-encoded."""
    clock, seen = Clock(NOW), Seen()
    auth = HttpSignatureAuth(KEY_ID, PRIVATE_KEY, clock)
    with httpx.Client(transport=httpx.MockTransport(verifying_peer(clock, seen)), auth=auth) as c:
        response = c.get("https://peer.example/users/a b/outbox?q=x y")
    assert response.status_code == 202, response.text
    assert seen[0][0].url.raw_path == b"/users/a%20b/outbox?q=x%20y"


def test_explicit_host_header_is_kept_and_signed() -> None:
    clock, seen = Clock(NOW), Seen()
    auth = HttpSignatureAuth(KEY_ID, PRIVATE_KEY, clock)
    with httpx.Client(transport=httpx.MockTransport(verifying_peer(clock, seen)), auth=auth) as c:
        response = c.get("https://127.0.0.1/users/alice", headers={"Host": "peer.example"})
    assert response.status_code == 202, response.text
    assert seen[0][0].headers["host"] == "peer.example"


def test_receiving_peer_with_a_late_clock_refuses() -> None:
    """The fake peer really checks: a clock two hours ahead makes it answer 401."""
    sender_clock, receiver_clock = Clock(NOW), Clock(NOW + timedelta(hours=2))
    seen = Seen()
    auth = HttpSignatureAuth(KEY_ID, PRIVATE_KEY, sender_clock)
    transport = httpx.MockTransport(verifying_peer(receiver_clock, seen))
    with httpx.Client(transport=transport, auth=auth) as client:
        response = client.get("https://peer.example/users/alice")
    assert response.status_code == 401
    assert response.json()["reason"] == "date_out_of_window"


# -- sign_request_headers ----------------------------------------------------------------


def sign(method: str, url: str, body: bytes | None = None) -> dict[str, str]:
    return sign_request_headers(
        method=method, url=url, body=body, key_id=KEY_ID, private_key=PRIVATE_KEY, now=NOW
    )


@pytest.mark.parametrize(
    ("url", "host"),
    [
        ("https://peer.example/inbox", "peer.example"),
        ("https://peer.example:443/inbox", "peer.example"),
        ("http://peer.example:80/inbox", "peer.example"),
        ("https://peer.example:8443/inbox", "peer.example:8443"),
        ("http://127.0.0.1:8101/inbox", "127.0.0.1:8101"),
        ("https://PEER.Example/inbox", "peer.example"),
        ("https://[::1]:8443/inbox", "[::1]:8443"),
    ],
)
def test_host_header_like_httpx_sends_it(url: str, host: str) -> None:
    """RFC 9110 §7.2: Host omits the scheme's default port; it must equal what httpx sends."""
    assert sign("GET", url)["Host"] == host
    assert httpx.Request("GET", url).headers["host"].lower() == host


def test_post_with_empty_body_still_covers_digest() -> None:
    """Receivers (and our inbox) demand digest on every POST."""
    headers = sign("POST", "https://peer.example/inbox", b"")
    assert headers["Digest"] == "SHA-256=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU="
    assert 'headers="(request-target) host date digest"' in headers["Signature"]


def test_target_defaults_to_slash() -> None:
    headers = sign("GET", "https://peer.example")
    request = IncomingRequest("GET", "/", {**headers})
    params = check_request(request, now=NOW, window=WINDOW)
    verify_request(params, request, PUBLIC_KEY, origin="https://peer.example")


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"url": "/no/host"}, "no host"),
        ({"key_id": 'https://x.example/"quoted"'}, "quoted"),
        ({"now": NOW.replace(tzinfo=None)}, "aware"),
    ],
)
def test_sign_request_headers_refuses_bad_arguments(
    kwargs: dict[str, object], message: str
) -> None:
    arguments: dict[str, object] = {
        "method": "GET",
        "url": "https://peer.example/",
        "body": None,
        "key_id": KEY_ID,
        "private_key": PRIVATE_KEY,
        "now": NOW,
    }
    arguments.update(kwargs)
    with pytest.raises(ValueError, match=message):
        sign_request_headers(**arguments)  # type: ignore[arg-type]
