"""Addressing and URL building (pure): what peers read in to/cc and ids."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from sinet_node.federation import activities, discovery
from sinet_node.federation.urls import AS_PUBLIC, Urls

URLS = Urls(base="https://sinet.ohrid.mk", username="ohrid")
NOW = datetime(2027, 4, 29, 8, 0, tzinfo=UTC)


def test_public_activity_is_public_and_copied_to_followers() -> None:
    obj = {"@context": ["x"], "id": URLS.object("practice", "abc"), "type": "Article"}
    create = activities.public_activity(
        activity_id=URLS.activity("1"),
        activity_type="Create",
        actor=URLS.actor,
        followers=URLS.followers,
        obj=obj,
        published=NOW,
    )
    assert create["to"] == [AS_PUBLIC]
    assert create["cc"] == ["https://sinet.ohrid.mk/users/ohrid/followers"]
    assert "@context" not in create["object"]  # the activity's context covers the object
    assert create["published"] == "2027-04-29T08:00:00Z"


def test_follow_and_answers_are_addressed_to_the_other_actor_only() -> None:
    follow = activities.follow(
        activity_id=URLS.activity("2"),
        actor=URLS.actor,
        target="https://peer.example/u/a",
        published=NOW,
    )
    assert follow["to"] == ["https://peer.example/u/a"] and "cc" not in follow
    incoming = {
        "id": "https://peer.example/f/1",
        "type": "Follow",
        "actor": {"id": "https://peer.example/u/a"},
    }
    accept = activities.answer_follow(
        answer="Accept",
        activity_id=URLS.activity("3"),
        actor=URLS.actor,
        follow_document=incoming,
        published=NOW,
    )
    assert accept["to"] == ["https://peer.example/u/a"]
    assert accept["object"]["id"] == "https://peer.example/f/1"


def test_tombstone_carries_former_type_and_deletion_time() -> None:
    gone = activities.tombstone(URLS.object("event", "e1"), "Event", NOW)
    assert gone["type"] == "Tombstone" and gone["formerType"] == "Event"
    assert gone["deleted"] == "2027-04-29T08:00:00Z"


def test_urls_come_from_base_url_only() -> None:
    urls = Urls(base="http://127.0.0.1:8101", username="ssf")
    assert urls.host == "127.0.0.1:8101"
    assert urls.actor == "http://127.0.0.1:8101/users/ssf"
    assert urls.key_id(urls.actor, "rsa") == "http://127.0.0.1:8101/users/ssf#main-key"
    assert urls.key_id(urls.instance_actor, "rsa") == "http://127.0.0.1:8101/actor#main-key"
    assert (
        urls.key_id(urls.actor, "ed25519", "20261123")
        == "http://127.0.0.1:8101/users/ssf#ed25519-key-20261123"
    )
    assert urls.is_local("http://127.0.0.1:8101/events/x")
    assert not urls.is_local("http://127.0.0.1:8102/events/x")
    assert urls.hashtag("Youth Work") == "http://127.0.0.1:8101/tags/youth%20work"


@pytest.mark.parametrize(
    ("resource", "expected"),
    [
        ("acct:ohrid@sinet.ohrid.mk", URLS.actor),
        ("acct:@ohrid@sinet.ohrid.mk", URLS.actor),
        ("acct:OHRID@SINET.OHRID.MK", URLS.actor),
        ("acct:instance.actor@sinet.ohrid.mk", URLS.instance_actor),
        ("https://sinet.ohrid.mk/", URLS.instance_actor),
        ("https://sinet.ohrid.mk/users/ohrid", URLS.actor),
        ("https://sinet.ohrid.mk/@ohrid", URLS.actor),
    ],
)
def test_webfinger_resources(resource: str, expected: str) -> None:
    assert discovery.resolve_resource(resource, URLS) == expected


@pytest.mark.parametrize(
    "resource", [None, "", "acct:", "acct:ohrid", "acct:@host", "ohrid", "ftp://x/y"]
)
def test_malformed_resources_are_400(resource: str | None) -> None:
    with pytest.raises(discovery.ResourceError):
        discovery.resolve_resource(resource, URLS)


@pytest.mark.parametrize(
    "resource",
    ["acct:other@sinet.ohrid.mk", "acct:ohrid@elsewhere.mk", "https://elsewhere.mk/users/ohrid"],
)
def test_well_formed_but_unknown_resources_are_404(resource: str) -> None:
    with pytest.raises(discovery.UnknownResource):
        discovery.resolve_resource(resource, URLS)
