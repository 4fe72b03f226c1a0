"""The inbox pipeline in-process: what a peer observes (status codes, the Accept it gets),
and that nothing from a rejected request is stored."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import func, select

from sinet_node.storage.models import Follower, InboxItem, RemoteActor
from tests.conftest import LiveNode
from tests.fakes.fediverse import FakeActor, signed_post_headers, verify_node_signature
from tests.fakes.rfc9421 import rfc9421_headers

INBOX = "https://node.example/users/ohrid/inbox"
ACTOR = "https://node.example/users/ohrid"


def follow_of(actor: FakeActor, number: int = 1) -> dict[str, object]:
    return {
        "@context": "https://www.w3.org/ns/activitystreams",
        "id": f"{actor.id}/follows/{number}",
        "type": "Follow",
        "actor": actor.id,
        "object": ACTOR,
    }


async def post(
    live: LiveNode, actor: FakeActor, activity: dict[str, object], url: str = INBOX
) -> int:
    body = json.dumps(activity).encode()
    headers = signed_post_headers(actor, url, body, now=live.clock())
    response = await live.client.post(url, content=body, headers=headers)
    return response.status_code


async def count(live: LiveNode, model: type) -> int:
    async with live.node.sessions() as session:
        return int(await session.scalar(select(func.count()).select_from(model)) or 0)


async def test_an_rfc9421_follow_is_verified_and_accepted(live: LiveNode) -> None:
    """Fedify's first knock: RFC 9421, verified at once (no 401 and fallback)."""
    alice = live.fediverse.add_actor("https://peer.example/users/alice")
    body = json.dumps(follow_of(alice)).encode()
    headers = rfc9421_headers(
        "POST", INBOX, body, key_id=alice.key_id, key=alice.key, now=live.clock()
    )
    response = await live.client.post(INBOX, content=body, headers=headers)
    assert response.status_code == 202, response.text
    await live.drain()
    assert [p.json["type"] for p in live.fediverse.posts_to(alice.inbox)] == ["Accept"]


@pytest.mark.parametrize(
    ("case", "reason"),
    [
        ("signed for another URL", "bad_signature"),
        ("another key", "bad_signature"),
        ("digest not covered", "missing_covered_header"),
        ("created two hours ago", "date_out_of_window"),
    ],
)
async def test_a_bad_rfc9421_signature_is_refused_and_nothing_stored(
    live: LiveNode, case: str, reason: str
) -> None:
    alice = live.fediverse.add_actor("https://peer.example/users/alice")
    mallory = live.fediverse.add_actor("https://peer.example/users/mallory")
    body = json.dumps(follow_of(alice)).encode()
    options: dict[str, Any] = {"key_id": alice.key_id, "key": alice.key, "now": live.clock()}
    if case == "signed for another URL":
        options["signed_url"] = "https://node.example/inbox"
    elif case == "another key":
        options["key"] = mallory.key
    elif case == "digest not covered":
        options["components"] = ("@method", "@target-uri", "date")
    else:
        options["now"] = live.clock() - timedelta(hours=2)
    headers = rfc9421_headers("POST", INBOX, body, **options)
    response = await live.client.post(INBOX, content=body, headers=headers)
    assert response.status_code == 401, response.text
    assert response.json()["reason"] == reason
    assert await count(live, InboxItem) == 0


async def test_follow_is_accepted_and_the_accept_is_signed(live: LiveNode) -> None:
    alice = live.fediverse.add_actor("https://peer.example/users/alice")
    assert await post(live, alice, follow_of(alice)) == 202
    await live.drain()
    accepts = live.fediverse.posts_to(alice.inbox)
    assert len(accepts) == 1
    accept = accepts[0].json
    assert accept["type"] == "Accept"
    assert accept["actor"] == ACTOR
    assert accept["object"]["id"] == f"{alice.id}/follows/1"
    verify_node_signature(accepts[0], live.node.organisation_key.public_pem, "peer.example")
    followers = (
        await live.client.get(
            f"{ACTOR}/followers?page=1", headers={"Accept": "application/activity+json"}
        )
    ).json()
    assert followers["orderedItems"] == [alice.id]


async def test_repeated_follow_gets_a_fresh_accept(live: LiveNode) -> None:
    alice = live.fediverse.add_actor("https://peer.example/users/alice")
    assert await post(live, alice, follow_of(alice, 1)) == 202
    assert await post(live, alice, follow_of(alice, 2)) == 202
    await live.drain()
    assert [p.json["object"]["id"] for p in live.fediverse.posts_to(alice.inbox)] == [
        f"{alice.id}/follows/1",
        f"{alice.id}/follows/2",
    ]
    assert await count(live, Follower) == 1


async def test_duplicate_activity_is_stored_once(live: LiveNode) -> None:
    alice = live.fediverse.add_actor("https://peer.example/users/alice")
    assert await post(live, alice, follow_of(alice)) == 202
    assert await post(live, alice, follow_of(alice)) == 202
    assert await count(live, InboxItem) == 1


async def test_shared_inbox_accepts_too(live: LiveNode) -> None:
    alice = live.fediverse.add_actor("https://peer.example/users/alice")
    assert await post(live, alice, follow_of(alice), "https://node.example/inbox") == 202


async def test_undo_follow_only_by_the_follower(live: LiveNode) -> None:
    alice = live.fediverse.add_actor("https://peer.example/users/alice")
    mallory = live.fediverse.add_actor("https://evil.example/users/mallory")
    await post(live, alice, follow_of(alice))
    await live.drain()
    forged = {
        "id": f"{mallory.id}/undo/1",
        "type": "Undo",
        "actor": mallory.id,
        "object": follow_of(alice),
    }
    assert await post(live, mallory, forged) == 202
    await live.drain()
    assert await count(live, Follower) == 1
    real = {
        "id": f"{alice.id}/undo/1",
        "type": "Undo",
        "actor": alice.id,
        "object": follow_of(alice),
    }
    assert await post(live, alice, real) == 202
    await live.drain()
    assert await count(live, Follower) == 0


async def test_delete_of_unknown_actor_fetches_nothing(live: LiveNode) -> None:
    ghost = live.fediverse.add_actor("https://gone.example/users/ghost")
    activity = {"id": f"{ghost.id}#delete", "type": "Delete", "actor": ghost.id, "object": ghost.id}
    assert await post(live, ghost, activity) == 202
    assert live.fediverse.gets == []
    assert await count(live, InboxItem) == 0


def _body_and_headers(live: LiveNode, actor: FakeActor) -> tuple[bytes, dict[str, str]]:
    body = json.dumps(follow_of(actor)).encode()
    return body, signed_post_headers(actor, INBOX, body, now=live.clock())


@pytest.mark.parametrize(
    ("case", "status"),
    [
        ("unsigned", 401),
        ("wrong digest", 401),
        ("stale date", 401),
        ("foreign key owner", 401),
        ("rfc9421 created long ago", 401),
        ("oversize", 413),
        ("wrong content type", 415),
        ("invalid json", 400),
        ("not an activity", 400),
    ],
)
async def test_bad_requests_are_refused_and_nothing_is_stored(
    live: LiveNode, case: str, status: int
) -> None:
    alice = live.fediverse.add_actor("https://peer.example/users/alice")
    mallory = live.fediverse.add_actor("https://evil.example/users/mallory")
    body, headers = _body_and_headers(live, alice)
    if case == "unsigned":
        headers = {"Content-Type": "application/activity+json"}
    elif case == "wrong digest":
        body = body.replace(b"Follow", b"Folloq")
    elif case == "stale date":
        headers = signed_post_headers(alice, INBOX, body, now=live.clock() - timedelta(hours=2))
    elif case == "foreign key owner":
        headers = signed_post_headers(mallory, INBOX, body, now=live.clock())
    elif case == "rfc9421 created long ago":
        headers = {
            "Content-Type": "application/activity+json",
            "Signature-Input": 'sig1=("@method" "@target-uri");created=1;keyid="x"',
            "Signature": "sig1=:AAAA:",
        }
    elif case == "oversize":
        body = b"{" + b" " * (1024 * 1024 + 10) + b"}"
        headers = signed_post_headers(alice, INBOX, body, now=live.clock())
    elif case == "wrong content type":
        headers["Content-Type"] = "text/plain"
    elif case == "invalid json":
        body = b"{not json"
        headers = signed_post_headers(alice, INBOX, body, now=live.clock())
    elif case == "not an activity":
        body = b'["a list"]'
        headers = signed_post_headers(alice, INBOX, body, now=live.clock())
    response = await live.client.post(INBOX, content=body, headers=headers)
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["status"] == status
    assert await count(live, InboxItem) == 0
    assert await count(live, Follower) == 0
    # The node still serves.
    assert (await live.client.get("/.well-known/nodeinfo")).status_code == 200


async def test_key_rotation_by_the_peer_is_picked_up_with_one_refetch(live: LiveNode) -> None:
    alice = live.fediverse.add_actor("https://peer.example/users/alice")
    assert await post(live, alice, follow_of(alice, 1)) == 202
    # The peer rotates its key (same key id): our cached key no longer verifies.
    from sinet_node.federation.keys import generate_rsa_key

    alice.key = generate_rsa_key()
    live.fediverse.documents[alice.id] = alice.document()
    assert await post(live, alice, follow_of(alice, 2)) == 202
    async with live.node.sessions() as session:
        cached = (await session.scalars(select(RemoteActor))).one()
    assert "BEGIN PUBLIC KEY" in (cached.public_key_pem or "")
