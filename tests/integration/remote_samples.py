"""A peer organisation and what it publishes, delivered to the node under test as signed Creates.

The documents are written by hand in the shape another SINet node sends (not built with our
own encoder), with a few things a hostile or careless peer might send: markup in names, script
in content, javascript: links.

Errors: AssertionError when the node does not take a delivery (its inbox answer is not 202).
"""

from __future__ import annotations

from typing import Any

from sinet_node.storage import objects as object_store
from sinet_node.storage.models import StoredObject
from tests.conftest import LiveNode
from tests.fakes.fediverse import FakeActor
from tests.integration.test_inbox import post

PUBLIC = "https://www.w3.org/ns/activitystreams#Public"
SPLIT = "https://split.example/users/youthsplit"
SPLIT_PROFILE = "https://split.example/@youthsplit"
CONTEXT = [
    "https://www.w3.org/ns/activitystreams",
    {"sinet": "https://w3id.org/sinet/ns#", "kind": "sinet:kind"},
]


def youth_centre(live: LiveNode) -> FakeActor:
    """Youth Centre Split, an Organization with a display name and a profile page."""
    actor = live.fediverse.add_actor(SPLIT)
    live.fediverse.documents[SPLIT] |= {
        "type": "Organization",
        "name": "Youth Centre Split",
        "url": SPLIT_PROFILE,
    }
    return actor


def _common(kind: str, number: int, fields: dict[str, Any]) -> dict[str, Any]:
    """The document: the kind's own fields over the ones every publication has."""
    path = {"practice": "practices", "event": "events", "call": "calls"}[kind]
    object_id = f"https://split.example/{path}/{number}"
    return {
        "id": object_id,
        "type": {"practice": "Article", "event": "Event", "call": "Page"}[kind],
        "kind": kind,
        "attributedTo": SPLIT,
        "url": object_id,
        "to": [PUBLIC],
        "cc": [f"{SPLIT}/followers", "https://node.example/users/ohrid"],
        "published": "2026-03-02T09:00:00Z",
    } | fields


def practice(number: int = 1, **fields: Any) -> dict[str, Any]:
    return _common(
        "practice",
        number,
        {
            "name": "Youth Guarantee desk in Split",
            "content": "<p>Every young person who leaves school without a job gets an offer within "
            "four months.</p><script>alert('x')</script>"
            '<p><a href="javascript:alert(1)">bad link</a> <a href="https://split.example/yg">'
            "good link</a></p>",
            "summary": "<p>One desk for young people &amp; their first job.</p>",
            "nameMap": {"en": "Youth Guarantee desk in Split", "hr": "<b>Jamstvo</b> za mlade"},
            "contentMap": {
                "en": "<p>Every young person who leaves school without a job gets an offer.</p>",
                "hr": "<p>Svaka mlada osoba dobiva ponudu.</p><img src=x onerror=alert(2)>",
            },
            "challenge": "youth unemployment",
            "targetGroups": ["young people", "unemployed people"],
            "country": "HR",
            "city": "Split",
            "innovationType": "improve",
            "evidenceLevel": "attribution",
            "toolkit": ["https://split.example/toolkit.pdf", "javascript:alert(3)"],
            "partners": ["City of Split", "Croatian Employment Service"],
            "tag": [
                {"type": "Hashtag", "name": "#youth", "href": "https://split.example/tags/youth"}
            ],
        }
        | fields,
    )


def event(number: int = 2, **fields: Any) -> dict[str, Any]:
    return _common(
        "event",
        number,
        {
            "name": "Webinar: the Youth Guarantee after five years",
            "content": "<p>What worked, what did not, and what we changed.</p>",
            "summary": "An hour with the team behind the desk.",
            "startTime": "2027-05-20T16:00:00Z",
            "endTime": "2027-05-20T17:30:00Z",
            "timezone": "Europe/Zagreb",
            "location": {"type": "VirtualLocation", "url": "https://meet.split.example/yg"},
            "joinMode": "free",
        }
        | fields,
    )


def call(number: int = 3, **fields: Any) -> dict[str, Any]:
    return _common(
        "call",
        number,
        {
            "name": "Mentors for first job interviews",
            "content": "<p>Practise interviews with young people, one evening a month.</p>",
            "summary": "Mentors wanted in Split, or remotely.",
            "skills": ["mentoring", "Croatian"],
            "remote": True,
            "closes": "2027-06-30T23:59:59+02:00",
            "timeCommitment": "one evening a month",
            "howToRespond": "mentors@split.example",
        }
        | fields,
    )


async def deliver(live: LiveNode, actor: FakeActor, document: dict[str, Any]) -> StoredObject:
    """Post a signed Create of `document` to the node's inbox, drain, return the stored row."""
    create = {
        "@context": CONTEXT,
        "id": f"{document['id']}/create",
        "type": "Create",
        "actor": actor.id,
        "object": document,
        "to": document["to"],
        "cc": document["cc"],
    }
    status = await post(live, actor, create, url=live.node.urls.shared_inbox)
    assert status == 202, status
    await live.drain()
    async with live.node.sessions() as session:
        row = await object_store.by_uri(session, document["id"])
    assert row is not None, f"{document['id']} was not stored"
    return row


async def retract(live: LiveNode, actor: FakeActor, object_id: str) -> None:
    """The peer deletes its object: a signed Delete with a Tombstone."""
    delete = {
        "@context": CONTEXT,
        "id": f"{object_id}/delete",
        "type": "Delete",
        "actor": actor.id,
        "object": {"id": object_id, "type": "Tombstone"},
        "to": [PUBLIC],
    }
    assert await post(live, actor, delete, url=live.node.urls.shared_inbox) == 202
    await live.drain()
