"""Object proofs end to end (FEP-8b32, FEP-521a), as a peer observes them: every document the
node publishes or delivers is checked with the tests' independent verifier against the keys
our actor publishes; every proof a peer sends is checked by the node, and a bad one stores
nothing; an object relayed by a third party is accepted on its author's proof alone."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select

from sinet_node.federation import follows, local_publishing
from sinet_node.federation.key_rotation import rotate_keys
from sinet_node.storage import follows as follow_store
from sinet_node.storage import objects as object_store
from sinet_node.storage.models import Following, InboxItem, StoredObject
from tests.conftest import LiveNode
from tests.fakes import data_integrity
from tests.fakes.fediverse import FakeActor
from tests.integration.test_inbox import count, follow_of, post
from tests.integration.test_publishing import follow, load
from tests.integration.test_trust import activity

AS = {"Accept": "application/activity+json"}
PUBLIC = "https://www.w3.org/ns/activitystreams#Public"
SPLIT = "https://split.example/users/youthsplit"
RELAY = "https://relay.example/users/ssf"


async def our_actor(live: LiveNode) -> dict[str, Any]:
    document: dict[str, Any] = (await live.client.get(live.node.urls.actor, headers=AS)).json()
    return document


def practice_of(author: FakeActor, number: int, **fields: Any) -> dict[str, Any]:
    host = author.id.split("/")[2]
    return {
        "id": f"https://{host}/practices/{number}",
        "type": "Article",
        "kind": "practice",
        "attributedTo": author.id,
        "name": f"Practice {number} of {host}",
        "content": "<p>Neighbours repair each other's bikes on Saturdays.</p>",
        "to": [PUBLIC],
        "published": "2026-11-01T09:00:00Z",
    } | fields


async def stored(live: LiveNode, uri: str) -> StoredObject | None:
    async with live.node.sessions() as session:
        return await object_store.by_uri(session, uri)


async def test_our_actors_publish_their_ed25519_key_as_a_multikey(live: LiveNode) -> None:
    for url in (live.node.urls.actor, live.node.urls.instance_actor):
        document = (await live.client.get(url, headers=AS)).json()
        [method] = document["assertionMethod"]
        assert method["type"] == "Multikey"
        assert method["controller"] == url
        assert method["id"] == f"{url}#ed25519-key"
        assert method["publicKeyMultibase"].startswith("z6Mk")
        assert document["publicKey"]["id"] == f"{url}#main-key"  # what Mastodon reads
        # The actor document itself is proven with that key.
        assert data_integrity.verify_with_actor(document, document)


async def test_every_document_we_publish_verifies_with_an_independent_checker(
    live: LiveNode,
) -> None:
    alice = await follow(live, "https://peer.example/users/alice")
    uris = [
        await local_publishing.publish(live.node, kind, load(kind))
        for kind in ("practice", "event", "call")
    ]
    await local_publishing.update(live.node, uris[0], load("practice") | {"name": "Renamed"})
    await local_publishing.delete(live.node, uris[2])
    await live.drain()
    actor = await our_actor(live)

    deliveries = [item.json for item in live.fediverse.posts_to(alice.inbox)]
    assert [item["type"] for item in deliveries] == [
        "Create",
        "Create",
        "Create",
        "Update",
        "Delete",
    ]
    for delivered in deliveries:
        assert data_integrity.verify_with_actor(delivered, actor), delivered["type"]
        embedded = delivered["object"]
        assert data_integrity.verify_with_actor(embedded, actor), embedded["id"]

    for uri in uris:  # the objects on their own URLs (the deleted one as a Tombstone)
        response = await live.client.get(uri, headers=AS)
        assert response.status_code in (200, 410)
        assert data_integrity.verify_with_actor(response.json(), actor), uri
    activity_url = deliveries[0]["id"]
    served = (await live.client.get(activity_url, headers=AS)).json()
    assert data_integrity.verify_with_actor(served, actor)
    outbox = (await live.client.get(f"{live.node.urls.outbox}?page=1", headers=AS)).json()
    assert outbox["orderedItems"]
    for item in outbox["orderedItems"]:
        assert data_integrity.verify_with_actor(item, actor), item["id"]


async def test_a_proven_create_is_stored_with_its_signed_original(live: LiveNode) -> None:
    split = live.fediverse.add_actor(SPLIT)
    await follow_back(live, split)
    practice = split.prove(practice_of(split, 1))
    create = split.prove(activity(split, "Create", practice, to=[PUBLIC]))
    assert await post(live, split, create) == 202
    await live.drain()
    row = await stored(live, practice["id"])
    assert row is not None and row.attributed_to == SPLIT
    assert row.signed_document == practice  # kept exactly as signed, to be relayed


@pytest.mark.parametrize(
    "spoil",
    [
        lambda d: d.update(type="Delete"),  # changed after signing
        lambda d: d["proof"].update(proofValue="z" + "1" * 80),
        lambda d: d["proof"].update(verificationMethod=RELAY + "#ed25519-key"),  # not its key
        lambda d: d["proof"].update(cryptosuite="eddsa-rdfc-2022"),
        lambda d: d.update(proof="signed, trust me"),
    ],
)
async def test_an_activity_with_a_bad_proof_is_refused_and_nothing_stored(
    live: LiveNode, spoil: Any
) -> None:
    split = live.fediverse.add_actor(SPLIT)
    live.fediverse.add_actor(RELAY)
    await follow_back(live, split)
    create = split.prove(activity(split, "Create", practice_of(split, 2), to=[PUBLIC]))
    spoil(create)
    body_status = await post(live, split, create)
    assert body_status == 401
    await live.drain()
    assert await stored(live, "https://split.example/practices/2") is None
    assert await count(live, InboxItem) == 0


async def test_an_object_with_a_bad_proof_is_refused_even_inside_a_good_activity(
    live: LiveNode,
) -> None:
    split = live.fediverse.add_actor(SPLIT)
    await follow_back(live, split)
    practice = split.prove(practice_of(split, 3))
    practice["content"] = "<p>Altered on the way.</p>"
    create = split.prove(activity(split, "Create", practice, to=[PUBLIC]))
    assert await post(live, split, create) == 202  # the activity itself is fine
    await live.drain()
    assert await stored(live, practice["id"]) is None
    async with live.node.sessions() as session:
        item = (await session.scalars(select(InboxItem))).one()
    assert item.state == "failed" and "proof" in (item.last_error or "")


async def test_a_relayed_object_is_accepted_on_its_proof_alone_while_its_origin_is_down(
    live: LiveNode,
) -> None:
    split = live.fediverse.add_actor(SPLIT)
    relay = live.fediverse.add_actor(RELAY)
    await follow_back(live, relay)
    # We learnt Split's key earlier (it followed us); now split.example is down.
    assert await post(live, split, follow_of(split)) == 202
    await live.drain()
    practice = split.prove(practice_of(split, 4))
    live.fediverse.documents.pop(SPLIT)
    gets_before = len(live.fediverse.gets)

    announce = relay.prove(activity(relay, "Announce", practice, to=[PUBLIC]))
    assert await post(live, relay, announce) == 202
    await live.drain()

    row = await stored(live, practice["id"])
    assert row is not None and row.attributed_to == SPLIT  # credited to its author
    assert row.signed_document == practice
    assert not [url for url in live.fediverse.gets[gets_before:] if "split.example" in url]


async def test_a_relayed_object_that_was_altered_is_refused(live: LiveNode) -> None:
    split = live.fediverse.add_actor(SPLIT)
    relay = live.fediverse.add_actor(RELAY)
    await follow_back(live, relay)
    practice = split.prove(practice_of(split, 5))
    practice["name"] = "A practice Split never published"
    announce = relay.prove(activity(relay, "Announce", practice, to=[PUBLIC]))
    assert await post(live, relay, announce) == 202
    await live.drain()
    assert await stored(live, practice["id"]) is None


async def test_a_relay_cannot_sign_an_object_for_its_author(live: LiveNode) -> None:
    live.fediverse.add_actor(SPLIT)
    relay = live.fediverse.add_actor(RELAY)
    await follow_back(live, relay)
    forged = relay.prove(
        practice_of(relay, 6, id="https://split.example/practices/6", attributedTo=SPLIT)
    )
    announce = relay.prove(activity(relay, "Announce", forged, to=[PUBLIC]))
    assert await post(live, relay, announce) == 202
    await live.drain()
    assert await stored(live, "https://split.example/practices/6") is None


async def test_an_activity_forwarded_by_a_third_party_is_taken_on_its_proof(
    live: LiveNode,
) -> None:
    split = live.fediverse.add_actor(SPLIT)
    relay = live.fediverse.add_actor(RELAY)
    await follow_back(live, split)
    create = split.prove(activity(split, "Create", split.prove(practice_of(split, 7)), to=[PUBLIC]))
    # Delivered (HTTP-signed) by the relay, not by Split.
    assert await post(live, relay, create) == 202
    await live.drain()
    row = await stored(live, "https://split.example/practices/7")
    assert row is not None and row.attributed_to == SPLIT
    # Without Split's proof the relay cannot speak for Split.
    unproven = activity(split, "Create", practice_of(split, 8), to=[PUBLIC])
    assert await post(live, relay, unproven) == 401


async def test_share_relays_a_peers_object_exactly_as_its_author_signed_it(
    live: LiveNode,
) -> None:
    split = live.fediverse.add_actor(SPLIT)
    await follow_back(live, split)
    practice = split.prove(practice_of(split, 9))
    assert await post(live, split, split.prove(activity(split, "Create", practice))) == 202
    await live.drain()
    alice = await follow(live, "https://peer.example/users/alice")
    await local_publishing.share(live.node, practice["id"])
    await live.drain()
    [announce] = [item.json for item in live.fediverse.posts_to(alice.inbox)]
    assert announce["type"] == "Announce"
    assert announce["object"] == practice
    assert data_integrity.verify_with_actor(announce["object"], live.fediverse.documents[SPLIT])
    assert data_integrity.verify_with_actor(announce, await our_actor(live))
    # Split hears of it too (cc the author, as Mastodon does for boosts).
    assert [item.json["id"] for item in live.fediverse.posts_to(split.inbox)] == [announce["id"]]


async def test_share_refuses_what_the_node_does_not_hold(live: LiveNode) -> None:
    with pytest.raises(local_publishing.UnknownObject, match="not an object this node holds"):
        await local_publishing.share(live.node, "https://split.example/practices/404")


async def test_rotation_publishes_new_keys_keeps_the_old_ones_for_the_grace_period(
    live: LiveNode,
) -> None:
    alice = await follow(live, "https://peer.example/users/alice")
    uri = await local_publishing.publish(live.node, "practice", load("practice"))
    await live.drain()
    [before] = [item.json for item in live.fediverse.posts_to(alice.inbox)]
    old_actor = await our_actor(live)
    live.fediverse.received.clear()

    new_ids = await rotate_keys(live.node, timedelta(days=7))
    await live.drain()
    actor = await our_actor(live)
    assert actor["publicKey"][0]["id"] in new_ids
    assert [key["id"] for key in actor["publicKey"]][1:] == [old_actor["publicKey"]["id"]]
    assert {m["id"] for m in actor["assertionMethod"]} == (
        {actor["proof"]["verificationMethod"]} | {old_actor["assertionMethod"][0]["id"]}
    )
    # Followers get an Update of the actor, proven and HTTP-signed with the new keys.
    [update] = [item for item in live.fediverse.posts_to(alice.inbox)]
    assert update.json["type"] == "Update" and update.json["object"]["id"] == actor["id"]
    assert update.json["proof"]["verificationMethod"] in new_ids
    assert data_integrity.verify_with_actor(update.json, actor)
    assert "main-key-" in update.headers["signature"]
    # What was signed before the rotation still verifies against the actor as published now.
    assert data_integrity.verify_with_actor(before, actor)
    assert data_integrity.verify_with_actor(before["object"], actor)
    # New documents carry the new key.
    fetched = (await live.client.get(uri, headers=AS)).json()
    assert fetched["proof"]["verificationMethod"] in new_ids

    live.clock.advance(days=7, seconds=1)  # the grace period ends
    await live.drain()  # the worker's pass notices and reloads the keys
    actor = await our_actor(live)
    assert isinstance(actor["publicKey"], dict) and actor["publicKey"]["id"] in new_ids
    assert [m["id"] for m in actor["assertionMethod"]] == [actor["proof"]["verificationMethod"]]
    assert not data_integrity.verify_with_actor(before, actor)


async def follow_back(live: LiveNode, peer: FakeActor) -> None:
    """We follow ``peer`` (its Accept is taken as given): its posts are wanted here."""
    await follows.follow(live.node, peer.id)
    async with live.node.sessions.begin() as session:
        for row in await session.scalars(select(Following)):
            row.state = follow_store.ACCEPTED
    await live.drain()
    live.fediverse.received.clear()
