"""The membership protocol inside one node: what it serves, and what it makes of news.

The peers are fake actors whose statements are signed with the tests' own signer
(tests/fakes/data_integrity.py); the node's answers are checked the same way.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from sinet_node.federation.membership.keeper import UNREACHABLE_AFTER, Keeper
from sinet_node.federation.membership.registry import answer_introduction
from sinet_node.storage import follows as follow_store
from sinet_node.storage import members as member_store
from tests.conftest import LiveNode
from tests.fakes import data_integrity
from tests.fakes.fediverse import FakeActor

AS = {"Accept": "application/activity+json"}
PEER = "https://peer.example"


def statement(
    instance: FakeActor, *, state: str = "active", updated: str = "2026-11-23T08:00:00Z"
) -> dict[str, Any]:
    return instance.prove(
        {
            "@context": [
                "https://www.w3.org/ns/activitystreams",
                {"sinet": "https://w3id.org/sinet/ns#"},
            ],
            "id": f"{PEER}/actor/membership",
            "type": "Membership",
            "attributedTo": instance.id,
            "node": PEER,
            "organisation": f"{PEER}/users/peer",
            "membershipState": state,
            "published": "2026-11-23T08:00:00Z",
            "updated": updated,
        }
    )


def news(
    sender: FakeActor, activity_type: str, document: dict[str, Any], n: int = 1
) -> dict[str, Any]:
    return {
        "@context": "https://www.w3.org/ns/activitystreams",
        "id": f"{sender.id}/news/{activity_type}-{n}",
        "type": activity_type,
        "actor": sender.id,
        "object": document,
        "target": f"{PEER}/actor/members",
    }


def peer_actors(live: LiveNode) -> tuple[FakeActor, FakeActor]:
    instance = live.fediverse.add_actor(f"{PEER}/actor")
    organisation = live.fediverse.add_actor(f"{PEER}/users/peer")
    return instance, organisation


def sent_types(live: LiveNode, inbox: str) -> list[str]:
    return [str(item.json["type"]) for item in live.fediverse.posts_to(inbox)]


async def state_of(live: LiveNode, node: str) -> str | None:
    async with live.node.sessions() as session:
        row = await member_store.by_node(session, node)
    return row.state if row else None


async def test_the_directory_and_our_statement_are_served_unsigned_and_proven(
    live: LiveNode,
) -> None:
    actor = (await live.client.get("/actor", headers=AS)).json()
    assert actor["members"] == "https://node.example/actor/members"
    assert actor["membershipProtocol"] == "0.1"
    info = (await live.client.get("/nodeinfo/2.1")).json()
    assert info["metadata"]["sinet-membership"]["members"] == actor["members"]

    collection = (await live.client.get("/actor/members", headers=AS)).json()
    assert collection["type"] == "OrderedCollection" and collection["totalItems"] == 1
    page = (await live.client.get(collection["first"], headers=AS)).json()
    [own] = page["orderedItems"]
    assert own["node"] == "https://node.example" and own["membershipState"] == "active"
    assert own["organisation"] == "https://node.example/users/ohrid"
    assert data_integrity.verify_with_actor(own, actor)
    served = (await live.client.get("/actor/membership", headers=AS)).json()
    assert data_integrity.verify_with_actor(served, actor)
    assert served["updated"] == own["updated"]


async def test_a_member_introduced_by_anyone_is_welcomed_automatically(live: LiveNode) -> None:
    instance, organisation = peer_actors(live)
    relay = live.fediverse.add_actor("https://relay.example/actor")
    await live.deliver(relay, news(relay, "Add", statement(instance)))
    await live.drain()
    assert await state_of(live, PEER) == "active"
    # Our two actors follow its two, and it is told that we are a member.
    assert sent_types(live, organisation.inbox) == ["Follow"]
    assert sorted(sent_types(live, instance.inbox)) == ["Add", "Follow"]
    [add] = [
        item.json for item in live.fediverse.posts_to(instance.inbox) if item.json["type"] == "Add"
    ]
    assert add["object"]["node"] == "https://node.example"
    instance_actor = (await live.client.get("/actor", headers=AS)).json()
    assert data_integrity.verify_with_actor(add["object"], instance_actor)
    assert data_integrity.verify_with_actor(add, instance_actor)


async def test_with_approval_an_introduction_waits_for_an_admin(live: LiveNode) -> None:
    live.node.settings = replace(live.node.settings, introductions="approval")
    instance, organisation = peer_actors(live)
    await live.deliver(instance, news(instance, "Add", statement(instance)))
    await live.drain()
    assert await state_of(live, PEER) == "pending"
    assert live.fediverse.posts_to(organisation.inbox) == []  # nothing until an admin says so
    await answer_introduction(live.node, PEER, approve=True)
    await live.drain()
    assert await state_of(live, PEER) == "active"
    assert sent_types(live, organisation.inbox) == ["Follow"]
    with pytest.raises(LookupError):
        await answer_introduction(live.node, PEER, approve=True)


async def test_a_member_that_stops_answering_is_unreachable_until_it_writes(
    live: LiveNode,
) -> None:
    instance, organisation = peer_actors(live)
    await live.deliver(instance, news(instance, "Add", statement(instance)))
    await live.drain()
    keeper = Keeper(live.node)
    # Its instance actor names no directory any more: every read fails.
    for _ in range(UNREACHABLE_AFTER):
        live.clock.advance(hours=2)
        assert await keeper.run_once() == 1
        assert await keeper.run_once() == 0  # not due again before its backoff
    assert await state_of(live, PEER) == "unreachable"
    listed = await live.client.get("/actor/members?page=1", headers=AS)
    assert PEER in [entry["node"] for entry in listed.json()["orderedItems"]]

    like = {
        "@context": "https://www.w3.org/ns/activitystreams",
        "id": f"{organisation.id}/likes/1",
        "type": "Like",
        "actor": organisation.id,
        "object": "https://node.example/practices/unknown",
    }
    await live.deliver(organisation, like)
    await live.drain()
    assert await state_of(live, PEER) == "active"


async def test_leaving_is_believed_only_from_the_member_itself(live: LiveNode) -> None:
    instance, organisation = peer_actors(live)
    await live.deliver(instance, news(instance, "Add", statement(instance)))
    await live.drain()
    await live.deliver(organisation, {
        "@context": "https://www.w3.org/ns/activitystreams",
        "id": f"{organisation.id}/follows/1",
        "type": "Follow",
        "actor": organisation.id,
        "object": "https://node.example/users/ohrid",
    })  # fmt: skip
    await live.drain()
    relay = live.fediverse.add_actor("https://relay.example/actor")
    left = statement(instance, state="left", updated="2026-11-23T09:00:00Z")
    forged = relay.prove({key: value for key, value in left.items() if key != "proof"})
    await live.deliver(relay, news(relay, "Remove", forged, 1))
    await live.drain()
    assert await state_of(live, PEER) == "active"

    await live.deliver(relay, news(relay, "Remove", left, 2))  # relayed, but its own
    await live.drain()
    assert await state_of(live, PEER) == "left"
    async with live.node.sessions() as session:
        followers = await follow_store.followers(session, live.node.urls.actor)
        assert organisation.id not in [row.actor_uri for row in followers]
        assert await follow_store.following(session, live.node.urls.actor, organisation.id) is None
    # An older statement does not bring it back.
    await live.deliver(relay, news(relay, "Add", statement(instance), 3))
    await live.drain()
    assert await state_of(live, PEER) == "left"


async def test_a_statement_nobody_can_check_is_kept_only_on_a_members_word(
    live: LiveNode,
) -> None:
    instance, _ = peer_actors(live)
    await live.deliver(instance, news(instance, "Add", statement(instance)))
    await live.drain()
    # A statement for a node whose instance actor cannot be fetched (it is down).
    absent = live.fediverse.add_actor("https://absent.example/actor")
    claim = absent.prove(
        {
            "@context": "https://www.w3.org/ns/activitystreams",
            "id": "https://absent.example/actor/membership",
            "type": "Membership",
            "attributedTo": absent.id,
            "node": "https://absent.example",
            "organisation": "https://absent.example/users/absent",
            "membershipState": "active",
            "updated": "2026-11-23T08:00:00Z",
        }
    )
    del live.fediverse.documents[absent.id]
    stranger = live.fediverse.add_actor("https://stranger.example/actor")
    await live.deliver(stranger, news(stranger, "Add", claim, 1))
    await live.drain()
    assert await state_of(live, "https://absent.example") is None

    await live.deliver(instance, news(instance, "Add", claim, 2))  # a member vouches
    await live.drain()
    assert await state_of(live, "https://absent.example") == "unverified"
    page = (await live.client.get("/actor/members?page=1", headers=AS)).json()
    assert "https://absent.example" not in [entry["node"] for entry in page["orderedItems"]]

    live.fediverse.add_document(absent.document())  # it is back: the keeper checks it
    live.clock.advance(hours=1)
    await Keeper(live.node).run_once()
    assert await state_of(live, "https://absent.example") == "active"
