"""Followers, follow requests and following from the admin pages, as the peers see it:
an accepted request sends an Accept, a declined one a Reject, a follow a Follow, an
unfollow an Undo, each signed by the organisation."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from sinet_node.storage import follows as follow_store
from tests.conftest import LiveNode
from tests.fakes.fediverse import FakeActor, signed_post_headers, verify_node_signature
from tests.integration.staff import PASSWORD, banner, get, log_in, make_account, submit

FOLLOWERS = "/admin/followers"
FOLLOWING = "/admin/following"


async def admin(live: LiveNode) -> None:
    await make_account(live, "admin@ohrid.example")
    assert (await log_in(live.client, "admin@ohrid.example", PASSWORD)).status_code == 303


async def asks_to_follow(live: LiveNode, actor_id: str) -> FakeActor:
    """A peer sends a Follow to a node that approves followers by hand."""
    live.node.settings = replace(live.node.settings, manually_approves_followers=True)
    actor = live.fediverse.add_actor(actor_id)
    live.fediverse.documents[actor_id]["name"] = "Youth Centre Split"
    body = json.dumps(
        {
            "id": f"{actor_id}/follows/1",
            "type": "Follow",
            "actor": actor_id,
            "object": live.node.urls.actor,
        }
    ).encode()
    url = live.node.urls.inbox
    response = await live.client.post(
        url, content=body, headers=signed_post_headers(actor, url, body)
    )
    assert response.status_code == 202
    await live.drain()
    assert live.fediverse.posts_to(actor.inbox) == []  # held: no Accept yet
    return actor


@pytest.mark.parametrize(("button", "answer"), [("accept", "Accept"), ("reject", "Reject")])
async def test_answering_a_follow_request(live: LiveNode, button: str, answer: str) -> None:
    split = await asks_to_follow(live, "https://split.example/users/youth")
    await admin(live)
    page = await get(live.client, FOLLOWERS)
    assert "Youth Centre Split" in page.text and "youth@split.example" in page.text
    response = await submit(
        live.client, FOLLOWERS, f"/admin/followers/{button}", {"actor": split.id}
    )
    assert response.status_code == 303 and response.headers["location"] == FOLLOWERS
    after = await get(live.client, FOLLOWERS)
    assert split.id in banner(after.text)
    assert "No follow request is waiting." in after.text
    await live.drain()
    [received] = live.fediverse.posts_to(split.inbox)
    verify_node_signature(received, live.node.organisation_key.public_pem, "split.example")
    assert received.json["type"] == answer
    assert received.json["object"]["id"] == f"{split.id}/follows/1"
    async with live.node.sessions() as session:
        followers = await follow_store.followers(session, live.node.urls.actor)
    assert [row.actor_uri for row in followers] == ([split.id] if answer == "Accept" else [])
    if answer == "Accept":
        assert "1 follower" in after.text


async def test_answering_a_request_that_is_not_there(live: LiveNode) -> None:
    await admin(live)
    response = await submit(
        live.client, FOLLOWERS, "/admin/followers/accept", {"actor": "https://nobody.example/u"}
    )
    assert response.status_code == 409
    assert "no pending follow request" in banner(response.text)


async def test_following_and_unfollowing_an_organisation(live: LiveNode) -> None:
    alcorcon = live.fediverse.add_actor("https://alcorcon.example/users/ayto")
    live.fediverse.documents[alcorcon.id]["name"] = "Municipality of Alcorcón"
    await admin(live)
    response = await submit(live.client, FOLLOWING, FOLLOWING, {"target": alcorcon.id})
    assert response.status_code == 303
    page = await get(live.client, FOLLOWING)
    assert "Follow request sent" in banner(page.text)
    assert "Municipality of Alcorcón" in page.text and "waiting for an answer" in page.text
    await live.drain()
    [follow] = live.fediverse.posts_to(alcorcon.inbox)
    verify_node_signature(follow, live.node.organisation_key.public_pem, "alcorcon.example")
    assert follow.json["type"] == "Follow" and follow.json["object"] == alcorcon.id

    response = await submit(
        live.client, FOLLOWING, "/admin/following/unfollow", {"actor": alcorcon.id}
    )
    assert response.status_code == 303
    page = await get(live.client, FOLLOWING)
    assert "no longer follow" in banner(page.text)
    assert "follows nobody yet" in page.text
    await live.drain()
    undo = live.fediverse.posts_to(alcorcon.inbox)[-1].json
    assert undo["type"] == "Undo" and undo["object"]["id"] == follow.json["id"]


@pytest.mark.parametrize(
    ("target", "says"),
    [("", "Enter a handle"), ("https://gone.example/users/x", "could not fetch actor")],
)
async def test_a_target_that_is_not_an_actor(live: LiveNode, target: str, says: str) -> None:
    await admin(live)
    response = await submit(live.client, FOLLOWING, FOLLOWING, {"target": target})
    assert response.status_code == 400
    assert 'id="target-error"' in response.text and says in response.text
    async with live.node.sessions() as session:
        assert await follow_store.all_following(session, live.node.urls.actor) == []


@pytest.mark.parametrize("path", [FOLLOWERS, FOLLOWING])
async def test_editors_do_not_manage_follows(live: LiveNode, path: str) -> None:
    await make_account(live, "editor@ohrid.example", "editor")
    await log_in(live.client, "editor@ohrid.example", PASSWORD)
    page = await get(live.client, path)
    assert page.status_code == 403 and "This page is for admins" in page.text
