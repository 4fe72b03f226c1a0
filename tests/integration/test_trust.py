"""Federation trust rules (DESIGN.md §4-5), as a peer or an attacker would probe them.

Who may create, update, delete or undo what; when an embedded object is believed and
when it is fetched from its origin; that remote HTML is stored sanitised; how an Accept
or Reject is matched to our Follow; and authorized fetch.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import AsyncIterator
from itertools import count
from typing import Any

import httpx
import pytest
from sqlalchemy import select

from sinet_node.config import Settings
from sinet_node.federation import follows, local_publishing
from sinet_node.federation.signing import sign_request_headers
from sinet_node.federation.worker import Worker
from sinet_node.node import create_node_files, open_node
from sinet_node.storage import follows as follow_store
from sinet_node.storage import objects as object_store
from sinet_node.storage.models import InboxItem, Interaction, StoredObject
from sinet_node.web.app import create_app
from tests.conftest import BASE_URL, Clock, LiveNode
from tests.fakes.fediverse import FakeActor, FakeFediverse
from tests.integration.test_inbox import post
from tests.integration.test_publishing import load

PUBLIC = "https://www.w3.org/ns/activitystreams#Public"
AS = {"Accept": "application/activity+json"}
_serial = count(1)


def activity(actor: FakeActor, kind: str, obj: Any, **fields: Any) -> dict[str, Any]:
    return {
        "@context": "https://www.w3.org/ns/activitystreams",
        "id": f"{actor.id}/activities/{next(_serial)}",
        "type": kind,
        "actor": actor.id,
        "object": obj,
        **fields,
    }


def note(
    author: str, number: int, content: str, *, host: str | None = None, **fields: Any
) -> dict[str, Any]:
    base = f"https://{host}/notes" if host else f"{author}/notes"
    return {
        "id": f"{base}/{number}",
        "type": "Note",
        "attributedTo": author,
        "content": content,
        "to": [PUBLIC],
        "published": "2026-01-10T10:00:00Z",
        **fields,
    }


async def stored(live: LiveNode) -> dict[str, StoredObject]:
    """What `objects --json` lists: stored objects, deleted ones left out."""
    async with live.node.sessions() as session:
        return {row.uri: row for row in await object_store.listing(session)}


async def following_state(live: LiveNode, actor_id: str) -> str | None:
    async with live.node.sessions() as session:
        row = await follow_store.following(session, live.node.urls.actor, actor_id)
    return row.state if row is not None else None


async def followed(live: LiveNode, actor_id: str, *, accept: bool = True) -> tuple[FakeActor, str]:
    """A fake actor this node follows; returns it and the id of our Follow."""
    actor = live.fediverse.add_actor(actor_id)
    await follows.follow(live.node, actor.id)
    await live.drain()
    [sent] = live.fediverse.posts_to(actor.inbox)
    follow_id = str(sent.json["id"])
    assert sent.json["type"] == "Follow"
    if accept:
        assert await post(live, actor, activity(actor, "Accept", follow_id)) == 202
        await live.drain()
        assert await following_state(live, actor.id) == follow_store.ACCEPTED
    return actor, follow_id


# Embedded objects and who may create them -------------------------------------------


async def test_an_embedded_object_on_another_host_is_fetched_from_its_origin(
    live: LiveNode,
) -> None:
    alice, _ = await followed(live, "https://peer.example/users/alice")
    origin = note(alice.id, 1, "<p>What the origin says.</p>", host="other.example")
    live.fediverse.add_document(origin)
    forged = origin | {"content": "<p>FORGED by the sender</p>", "name": "forged"}
    live.fediverse.gets.clear()

    assert await post(live, alice, activity(alice, "Create", forged, to=[PUBLIC])) == 202
    await live.drain()

    assert origin["id"] in live.fediverse.gets
    row = (await stored(live))[origin["id"]]
    assert row.content == "<p>What the origin says.</p>"
    assert row.name is None
    assert "FORGED" not in json.dumps(row.document)


async def test_a_create_of_someone_elses_object_on_another_host_is_not_stored(
    live: LiveNode,
) -> None:
    alice, _ = await followed(live, "https://peer.example/users/alice")
    origin = note("https://other.example/users/carol", 7, "<p>Carol's words.</p>")
    live.fediverse.add_document(origin)
    forged = origin | {"attributedTo": alice.id, "content": "<p>Now Alice's.</p>"}

    assert await post(live, alice, activity(alice, "Create", forged, to=[PUBLIC])) == 202
    await live.drain()

    assert origin["id"] in live.fediverse.gets
    assert origin["id"] not in await stored(live)


async def test_an_embedded_object_whose_origin_does_not_answer_is_not_stored(
    live: LiveNode,
) -> None:
    alice, _ = await followed(live, "https://peer.example/users/alice")
    forged = note(alice.id, 2, "<p>nobody vouches for this</p>", host="other.example")

    create = activity(alice, "Create", forged, to=[PUBLIC])
    assert await post(live, alice, create) == 202
    await live.drain()

    assert forged["id"] in live.fediverse.gets
    assert await stored(live) == {}
    # The origin said 404: asking again cannot help, so the item fails at once, no retries.
    assert await inbox_state(live, create["id"]) == ("failed", 1)


async def test_an_object_without_id_fails_at_once(live: LiveNode) -> None:
    alice, _ = await followed(live, "https://peer.example/users/alice")
    nameless = {"type": "Note", "attributedTo": alice.id, "content": "<p>no id</p>"}

    create = activity(alice, "Create", nameless, to=[PUBLIC])
    assert await post(live, alice, create) == 202
    await live.drain()

    assert await stored(live) == {}
    assert await inbox_state(live, create["id"]) == ("failed", 1)


async def inbox_state(live: LiveNode, activity_id: str) -> tuple[str, int]:
    async with live.node.sessions() as session:
        row = (
            await session.execute(
                select(InboxItem.state, InboxItem.attempts).where(
                    InboxItem.activity_uri == activity_id
                )
            )
        ).one()
    return row.state, row.attempts


async def test_a_create_from_a_stranger_is_stored_only_when_addressed_to_us(
    live: LiveNode,
) -> None:
    stranger = live.fediverse.add_actor("https://peer.example/users/stranger")
    unsolicited = note(stranger.id, 1, "<p>Buy now</p>")
    addressed = note(stranger.id, 2, "<p>Hello Ohrid</p>")

    assert await post(live, stranger, activity(stranger, "Create", unsolicited, to=[PUBLIC])) == 202
    create_to_us = activity(stranger, "Create", addressed, to=[live.node.urls.actor])
    assert await post(live, stranger, create_to_us) == 202
    await live.drain()

    assert list(await stored(live)) == [addressed["id"]]


async def test_a_create_cannot_take_over_an_object_stored_for_another_author(
    live: LiveNode,
) -> None:
    # Same host, so the embedded object is "vouched for" by the host: the author must match.
    bob, _ = await followed(live, "https://peer.example/users/bob")
    mallory = live.fediverse.add_actor("https://peer.example/users/mallory")
    original = note(bob.id, 1, "<p>Bob's practice notes.</p>")
    assert await post(live, bob, activity(bob, "Create", original, to=[PUBLIC])) == 202
    await live.drain()

    hijack = original | {"attributedTo": mallory.id, "content": "<p>Mallory's now</p>"}
    takeover = activity(mallory, "Create", hijack, to=[live.node.urls.actor])
    assert await post(live, mallory, takeover) == 202
    await live.drain()

    row = (await stored(live))[original["id"]]
    assert row.attributed_to == bob.id
    assert row.content == "<p>Bob's practice notes.</p>"


async def test_a_late_create_does_not_bring_a_deleted_object_back(live: LiveNode) -> None:
    # Retries reorder: a Create can reach us after the Delete (a late retry, or a peer
    # that re-sends under a fresh activity id). A deleted object stays deleted.
    bob, _ = await followed(live, "https://peer.example/users/bob")
    posted = note(bob.id, 1, "<p>short-lived</p>")
    create = activity(bob, "Create", posted, to=[PUBLIC])
    assert await post(live, bob, create) == 202
    await live.drain()
    assert await post(live, bob, activity(bob, "Delete", posted["id"], to=[PUBLIC])) == 202
    await live.drain()
    assert posted["id"] not in await stored(live)

    retried = create | {"id": f"{create['id']}/retry"}
    assert await post(live, bob, retried) == 202
    await live.drain()
    assert posted["id"] not in await stored(live)


async def test_remote_html_is_stored_sanitised(live: LiveNode) -> None:
    bob, _ = await followed(live, "https://peer.example/users/bob")
    dirty = note(
        bob.id,
        1,
        '<p>Hello <b>neighbours</b></p><script>alert("xss")</script>'
        '<img src="https://peer.example/x.png" onerror="alert(2)">'
        '<a href="javascript:alert(3)">click me</a>'
        '<a href="https://peer.example/ok" onclick="steal()">a real link</a>',
        summary='<span onmouseover="steal()">A teaser</span><script>steal()</script>',
        name="Tips & tricks<script>alert(4)</script>",
    )
    assert await post(live, bob, activity(bob, "Create", dirty, to=[PUBLIC])) == 202
    await live.drain()

    row = (await stored(live))[dirty["id"]]
    for html in (row.content or "", row.summary or "", row.name or ""):
        lowered = html.lower()
        for bad in ("<script", "alert(", "onerror", "onclick", "onmouseover", "javascript:"):
            assert bad not in lowered, f"{bad!r} survived in {html!r}"
    assert "<p>Hello <b>neighbours</b></p>" in (row.content or "")
    assert 'href="https://peer.example/ok"' in (row.content or "")
    assert "A teaser" in (row.summary or "")
    assert row.name == "Tips & tricks"  # plain text: markup gone, nothing escaped twice
    # The stored document (what our pages render) is the sanitised one too.
    assert row.document["content"] == row.content
    assert row.document["summary"] == row.summary


# Accept and Reject of our Follow ---------------------------------------------------


async def test_an_accept_naming_our_follow_only_by_its_id_is_matched(live: LiveNode) -> None:
    bob, follow_id = await followed(live, "https://peer.example/users/bob", accept=False)
    assert await following_state(live, bob.id) == follow_store.PENDING

    assert await post(live, bob, activity(bob, "Accept", follow_id)) == 202
    await live.drain()

    assert await following_state(live, bob.id) == follow_store.ACCEPTED


async def test_an_accept_of_an_unknown_follow_id_falls_back_to_the_actor(live: LiveNode) -> None:
    # Mastodon's fallback: the Follow's id is not one we know, but we follow this actor.
    bob, _ = await followed(live, "https://peer.example/users/bob", accept=False)
    unknown = {"id": "https://peer.example/lost-follow", "type": "Follow", "object": bob.id}

    assert await post(live, bob, activity(bob, "Accept", unknown)) == 202
    await live.drain()

    assert await following_state(live, bob.id) == follow_store.ACCEPTED


@pytest.mark.parametrize("embedded", [False, True])
async def test_an_accept_by_another_actor_is_not_matched(live: LiveNode, embedded: bool) -> None:
    bob, follow_id = await followed(live, "https://peer.example/users/bob", accept=False)
    mallory = live.fediverse.add_actor("https://evil.example/users/mallory")
    named: Any = (
        {"id": follow_id, "type": "Follow", "actor": live.node.urls.actor, "object": bob.id}
        if embedded
        else follow_id
    )

    assert await post(live, mallory, activity(mallory, "Accept", named)) == 202
    await live.drain()

    assert await following_state(live, bob.id) == follow_store.PENDING
    assert await following_state(live, mallory.id) is None


async def test_a_reject_after_an_accept_ends_the_follow(live: LiveNode) -> None:
    bob, follow_id = await followed(live, "https://peer.example/users/bob")

    assert await post(live, bob, activity(bob, "Reject", follow_id)) == 202
    await live.drain()

    assert await following_state(live, bob.id) == follow_store.REJECTED
    # We no longer follow Bob: his public posts are no longer taken in.
    later = note(bob.id, 9, "<p>after the reject</p>")
    assert await post(live, bob, activity(bob, "Create", later, to=[PUBLIC])) == 202
    await live.drain()
    assert later["id"] not in await stored(live)


# Update and Delete ------------------------------------------------------------------


async def test_an_older_update_is_ignored_and_a_newer_one_replaces(live: LiveNode) -> None:
    bob, _ = await followed(live, "https://peer.example/users/bob")
    v1 = note(bob.id, 1, "<p>version 1</p>", updated="2026-02-01T12:00:00Z")
    assert await post(live, bob, activity(bob, "Create", v1, to=[PUBLIC])) == 202
    await live.drain()

    older = v1 | {"content": "<p>version 0</p>", "updated": "2026-01-15T12:00:00Z"}
    assert await post(live, bob, activity(bob, "Update", older, to=[PUBLIC])) == 202
    await live.drain()
    assert (await stored(live))[v1["id"]].content == "<p>version 1</p>"

    newer = v1 | {"content": "<p>version 2</p>", "updated": "2026-02-02T09:00:00+01:00"}
    assert await post(live, bob, activity(bob, "Update", newer, to=[PUBLIC])) == 202
    await live.drain()
    assert (await stored(live))[v1["id"]].content == "<p>version 2</p>"

    # A retry of the version-1 Update arriving late changes nothing.
    late = v1 | {"content": "<p>version 1 again</p>"}
    assert await post(live, bob, activity(bob, "Update", late, to=[PUBLIC])) == 202
    await live.drain()
    assert (await stored(live))[v1["id"]].content == "<p>version 2</p>"


@pytest.mark.parametrize(
    ("attacker", "claims_author"),
    [
        ("https://peer.example/users/mallory", "attacker"),  # same host, claims the object
        ("https://peer.example/users/mallory", "bob"),  # same host, pretends to be Bob
        ("https://evil.example/users/mallory", "bob"),  # other host: fetched from origin
    ],
)
async def test_an_update_by_someone_other_than_the_author_is_ignored(
    live: LiveNode, attacker: str, claims_author: str
) -> None:
    bob, _ = await followed(live, "https://peer.example/users/bob")
    original = note(bob.id, 1, "<p>Bob's original</p>", updated="2026-02-01T12:00:00Z")
    live.fediverse.add_document(original)
    assert await post(live, bob, activity(bob, "Create", original, to=[PUBLIC])) == 202
    await live.drain()
    mallory = live.fediverse.add_actor(attacker)

    author = mallory.id if claims_author == "attacker" else bob.id
    changed = original | {
        "attributedTo": author,
        "content": "<p>defaced</p>",
        "updated": "2026-03-01T12:00:00Z",
    }
    assert await post(live, mallory, activity(mallory, "Update", changed, to=[PUBLIC])) == 202
    await live.drain()

    row = (await stored(live))[original["id"]]
    assert row.content == "<p>Bob's original</p>"
    assert row.attributed_to == bob.id


@pytest.mark.parametrize(
    "attributed",
    ["plain", "object", "list"],
    ids=["attributedTo-string", "attributedTo-object", "attributedTo-list"],
)
async def test_a_delete_by_the_author_removes_the_object_and_nobody_elses_does(
    live: LiveNode, attributed: str
) -> None:
    bob, _ = await followed(live, "https://peer.example/users/bob")
    mallory = live.fediverse.add_actor("https://peer.example/users/mallory")
    author: Any = {
        "plain": bob.id,
        "object": {"type": "Person", "id": bob.id},
        "list": [{"type": "Person", "id": bob.id}, "https://peer.example/groups/g"],
    }[attributed]
    posted = note(bob.id, 1, "<p>soon gone</p>", attributedTo=author)
    assert await post(live, bob, activity(bob, "Create", posted, to=[PUBLIC])) == 202
    await live.drain()
    assert (await stored(live))[posted["id"]].attributed_to == bob.id

    assert await post(live, mallory, activity(mallory, "Delete", posted["id"])) == 202
    await live.drain()
    assert posted["id"] in await stored(live)

    tombstone = {"id": posted["id"], "type": "Tombstone"}
    assert await post(live, bob, activity(bob, "Delete", tombstone, to=[PUBLIC])) == 202
    await live.drain()
    assert posted["id"] not in await stored(live)


# Likes, boosts and Undo ------------------------------------------------------------


async def interactions(live: LiveNode) -> set[tuple[str, str, str]]:
    async with live.node.sessions() as session:
        rows = (await session.scalars(select(Interaction))).all()
    return {(row.type, row.actor_uri, row.object_uri) for row in rows}


async def test_likes_and_boosts_of_our_object_are_recorded_and_only_their_actor_undoes_them(
    live: LiveNode,
) -> None:
    ours = await local_publishing.publish(live.node, "practice", load("practice"))
    alice = live.fediverse.add_actor("https://peer.example/users/alice")
    carol = live.fediverse.add_actor("https://other.example/users/carol")
    mallory = live.fediverse.add_actor("https://evil.example/users/mallory")
    like = activity(alice, "Like", ours)
    boost = activity(carol, "Announce", ours, to=[PUBLIC])
    assert await post(live, alice, like) == 202
    assert await post(live, carol, boost) == 202
    await live.drain()
    both = {("Like", alice.id, ours), ("Announce", carol.id, ours)}
    assert await interactions(live) == both

    # Mallory names Alice's Like by id, then embeds it: neither removes it.
    assert await post(live, mallory, activity(mallory, "Undo", like["id"])) == 202
    assert await post(live, mallory, activity(mallory, "Undo", like)) == 202
    assert await post(live, mallory, activity(mallory, "Undo", boost)) == 202
    await live.drain()
    assert await interactions(live) == both

    assert await post(live, alice, activity(alice, "Undo", like)) == 202
    assert await post(live, carol, activity(carol, "Undo", boost["id"])) == 202
    await live.drain()
    assert await interactions(live) == set()


# Authorized fetch -------------------------------------------------------------------


@pytest.fixture
async def strict(
    settings: Settings, fediverse: FakeFediverse, clock: Clock
) -> AsyncIterator[LiveNode]:
    """A node with authorized fetch on."""
    strict_settings = dataclasses.replace(settings, authorized_fetch=True)
    await create_node_files(strict_settings)
    async with open_node(strict_settings, clock=clock, transport=fediverse.transport()) as node:
        transport = httpx.ASGITransport(app=create_app(node))
        async with httpx.AsyncClient(transport=transport, base_url=BASE_URL) as client:
            yield LiveNode(node, client, Worker(node), fediverse, clock)


def signed_get(actor: FakeActor, url: str, clock: Clock) -> dict[str, str]:
    headers = sign_request_headers(
        method="GET", url=url, body=None, key_id=actor.key_id, private_key=actor.key, now=clock()
    )
    return headers | AS


async def test_authorized_fetch_refuses_unsigned_gets_of_the_organisation(
    strict: LiveNode,
) -> None:
    actor_url = strict.node.urls.actor
    unsigned = await strict.client.get(actor_url, headers=AS)
    assert unsigned.status_code == 401
    assert unsigned.headers["content-type"] == "application/problem+json"
    assert unsigned.json()["status"] == 401

    alice = strict.fediverse.add_actor("https://peer.example/users/alice")
    signed = await strict.client.get(actor_url, headers=signed_get(alice, actor_url, strict.clock))
    assert signed.status_code == 200, signed.text
    assert signed.json()["id"] == actor_url

    # A signature made for another URL does not open this one.
    outbox = strict.node.urls.outbox
    replayed = await strict.client.get(actor_url, headers=signed_get(alice, outbox, strict.clock))
    assert replayed.status_code == 401


async def test_authorized_fetch_protects_objects_but_not_the_instance_actor(
    strict: LiveNode,
) -> None:
    uri = await local_publishing.publish(strict.node, "practice", load("practice"))
    assert (await strict.client.get(uri, headers=AS)).status_code == 401
    alice = strict.fediverse.add_actor("https://peer.example/users/alice")
    assert (await strict.client.get(uri, headers=signed_get(alice, uri, strict.clock))).json()[
        "id"
    ] == uri

    # The instance actor answers unsigned, or two such servers deadlock fetching keys.
    instance = await strict.client.get(strict.node.urls.instance_actor, headers=AS)
    assert instance.status_code == 200
    assert instance.json()["type"] == "Application"
    assert instance.json()["publicKey"]["publicKeyPem"].startswith("-----BEGIN PUBLIC KEY-----")


async def test_without_authorized_fetch_the_organisation_answers_unsigned(live: LiveNode) -> None:
    # The default (pasture and crawlers need it): the 401 above is the setting's doing.
    response = await live.client.get(live.node.urls.actor, headers=AS)
    assert response.status_code == 200
