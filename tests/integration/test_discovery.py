"""WebFinger, host-meta, NodeInfo and the actor documents, as Mastodon reads them."""

from __future__ import annotations

from tests.conftest import LiveNode

AS = {"Accept": "application/activity+json"}


async def test_webfinger_acct_round_trip(live: LiveNode) -> None:
    response = await live.client.get(
        "/.well-known/webfinger", params={"resource": "acct:ohrid@node.example"}
    )
    assert response.status_code == 200
    assert response.headers["access-control-allow-origin"] == "*"
    jrd = response.json()
    assert jrd["subject"] == "acct:ohrid@node.example"
    self_link = next(link for link in jrd["links"] if link["rel"] == "self")
    assert self_link == {
        "rel": "self",
        "type": "application/activity+json",
        "href": "https://node.example/users/ohrid",
    }
    # Mastodon WebFingers preferredUsername@host again: it must land on the same actor.
    actor = (await live.client.get(self_link["href"], headers=AS)).json()
    again = await live.client.get(
        "/.well-known/webfinger",
        params={"resource": f"acct:{actor['preferredUsername']}@node.example"},
    )
    assert next(x for x in again.json()["links"] if x["rel"] == "self")["href"] == actor["id"]


async def test_webfinger_bad_resources(live: LiveNode) -> None:
    for params, status in (
        ({}, 400),
        ({"resource": "acct:nobody"}, 400),
        ({"resource": "mailto:x@y"}, 400),
        ({"resource": "acct:someone@node.example"}, 404),
        ({"resource": "acct:ohrid@elsewhere.example"}, 404),
    ):
        response = await live.client.get("/.well-known/webfinger", params=params)
        assert response.status_code == status, params
        assert response.headers["content-type"] == "application/problem+json"
        assert response.json()["status"] == status


async def test_webfinger_for_the_server_itself_names_the_instance_actor(live: LiveNode) -> None:
    response = await live.client.get("/.well-known/webfinger", params={"resource": BASE + "/"})
    assert (
        next(x for x in response.json()["links"] if x["rel"] == "self")["href"] == BASE + "/actor"
    )


BASE = "https://node.example"


async def test_nodeinfo_links_to_schema_and_instance_actor(live: LiveNode) -> None:
    links = (await live.client.get("/.well-known/nodeinfo")).json()["links"]
    by_rel = {link["rel"]: link["href"] for link in links}
    assert by_rel["https://www.w3.org/ns/activitystreams#Application"] == BASE + "/actor"
    document = (
        await live.client.get(by_rel["http://nodeinfo.diaspora.software/ns/schema/2.1"])
    ).json()
    assert document["version"] == "2.1"
    assert document["software"]["name"] == "sinet-node"
    assert document["protocols"] == ["activitypub"]
    assert document["metadata"]["sinet-membership"]["version"]


async def test_host_meta_points_at_webfinger(live: LiveNode) -> None:
    response = await live.client.get("/.well-known/host-meta")
    assert response.status_code == 200
    assert f"{BASE}/.well-known/webfinger?resource={{uri}}" in response.text


async def test_organisation_actor_has_what_mastodon_needs(live: LiveNode) -> None:
    response = await live.client.get("/users/ohrid", headers=AS)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/activity+json")
    assert response.headers["vary"] == "Accept"
    actor = response.json()
    assert actor["type"] == "Organization"
    assert actor["id"] == BASE + "/users/ohrid"
    assert actor["preferredUsername"] == "ohrid"
    assert actor["name"] == "Municipality of Ohrid"
    for field in ("inbox", "outbox", "followers", "following", "featured", "url"):
        assert actor[field].startswith(BASE), field
    assert actor["endpoints"]["sharedInbox"] == BASE + "/inbox"
    assert actor["publicKey"]["id"] == BASE + "/users/ohrid#main-key"
    assert actor["publicKey"]["owner"] == actor["id"]
    assert actor["publicKey"]["publicKeyPem"].startswith("-----BEGIN PUBLIC KEY-----")
    assert actor["manuallyApprovesFollowers"] is False
    assert actor["discoverable"] is True
    assert any(item["type"] == "PropertyValue" for item in actor["attachment"])
    assert not any(BASE in str(entry) for entry in actor["@context"])


async def test_ld_json_profile_also_gets_the_document(live: LiveNode) -> None:
    accept = 'application/ld+json; profile="https://www.w3.org/ns/activitystreams"'
    response = await live.client.get("/users/ohrid", headers={"Accept": accept})
    assert response.json()["type"] == "Organization"


async def test_browser_gets_html_profile(live: LiveNode) -> None:
    response = await live.client.get(
        "/users/ohrid", headers={"Accept": "text/html"}, follow_redirects=True
    )
    assert response.status_code == 200
    assert "text/html" in response.headers["content-type"]
    assert "Municipality of Ohrid" in response.text
    assert "@ohrid@node.example" in response.text


async def test_instance_actor_is_an_application(live: LiveNode) -> None:
    actor = (await live.client.get("/actor", headers=AS)).json()
    assert actor["type"] == "Application"
    assert actor["publicKey"]["id"] == BASE + "/actor#main-key"


async def test_collections_are_paged(live: LiveNode) -> None:
    for name in ("outbox", "followers", "following"):
        collection = (await live.client.get(f"/users/ohrid/{name}", headers=AS)).json()
        assert collection["type"] == "OrderedCollection"
        assert collection["totalItems"] == 0
        page = (await live.client.get(collection["first"], headers=AS)).json()
        assert page["type"] == "OrderedCollectionPage"
        assert page["partOf"] == collection["id"]
    bad = await live.client.get("/users/ohrid/outbox?page=abc", headers=AS)
    assert bad.status_code == 400
    featured = (await live.client.get("/users/ohrid/featured", headers=AS)).json()
    assert featured["type"] == "OrderedCollection"


async def test_unknown_user_is_404_problem(live: LiveNode) -> None:
    response = await live.client.get("/users/nobody", headers=AS)
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
