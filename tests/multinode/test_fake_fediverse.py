"""The fake Fediverse itself: the fan-out test is only as good as its recorders.

Two fake hosts talk to each other: actors are served as ActivityStreams documents, a
signed POST is recorded with its verified signer, a tampered or unsigned one is recorded
as unverified, and the response delay holds each answer back.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator

import httpx
import pytest

from tests.multinode.fake_fediverse import AS_JSON, FakeFediverse


@pytest.fixture(scope="module")
def fediverse() -> Iterator[FakeFediverse]:
    with FakeFediverse(servers=2, actors_per_server=2) as fake:
        yield fake


def test_actors_are_served_on_separate_hosts(fediverse: FakeFediverse) -> None:
    assert len(set(fediverse.hosts)) == 2
    for actor in fediverse.actors:
        response = httpx.get(actor.id, headers={"Accept": AS_JSON})
        assert response.status_code == 200
        assert response.headers["content-type"].startswith(AS_JSON)
        document = response.json()
        assert document["id"] == actor.id
        assert document["type"] == "Person"
        assert document["inbox"] == actor.inbox
        assert "sharedInbox" not in json.dumps(document)
        assert document["publicKey"] == {
            "id": f"{actor.id}#main-key",
            "owner": actor.id,
            "publicKeyPem": actor.public_key_pem,
        }


def test_signed_post_is_recorded_with_its_signer(fediverse: FakeFediverse) -> None:
    sender, recipient = fediverse.actors[0], fediverse.actors[-1]
    follow = sender.follow(recipient.id)
    response = fediverse.run(fediverse.post(sender, recipient.inbox, follow), timeout=10)
    assert response.status_code == 202
    [received] = [item for item in recipient.received("Follow") if item.id == follow["id"]]
    assert received.signer == sender.key_id, received.problem
    assert received.object_id == recipient.id


def test_tampered_and_unsigned_posts_are_recorded_unverified(fediverse: FakeFediverse) -> None:
    sender, recipient = fediverse.actors[1], fediverse.actors[2]
    signed_body = json.dumps(sender.follow(recipient.id)).encode()
    headers = sender.sign("POST", recipient.inbox, signed_body)
    other = sender.follow(recipient.id)
    tampered = httpx.post(
        recipient.inbox,
        content=json.dumps(other).encode(),
        headers={**headers, "Content-Type": AS_JSON},
    )
    unsigned_follow = sender.follow(recipient.id)
    unsigned = httpx.post(recipient.inbox, json=unsigned_follow)
    assert (tampered.status_code, unsigned.status_code) == (202, 202)
    by_id = {item.id: item for item in recipient.received("Follow")}
    assert by_id[other["id"]].signer is None
    assert "DIGEST_MISMATCH" in by_id[other["id"]].problem
    assert by_id[unsigned_follow["id"]].signer is None
    assert "MISSING" in by_id[unsigned_follow["id"]].problem


def test_response_delay_holds_the_answer_back(fediverse: FakeFediverse) -> None:
    sender, recipient = fediverse.actors[2], fediverse.actors[3]
    fediverse.response_delay = 0.3
    try:
        started = time.monotonic()
        response = fediverse.run(
            fediverse.post(sender, recipient.inbox, sender.follow(recipient.id)), timeout=10
        )
        elapsed = time.monotonic() - started
    finally:
        fediverse.response_delay = 0.0
    assert response.status_code == 202
    assert elapsed >= 0.3
