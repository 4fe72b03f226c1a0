"""Documents as peers really send them: Mastodon, Mobilizon, bovine, another SINet node."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from sinet_node.objects import (
    AS_PUBLIC,
    Activity,
    Actor,
    Hashtag,
    Image,
    OrderedCollection,
    OrderedCollectionPage,
    Practice,
    PropertyValue,
    RemoteObject,
    Tombstone,
    from_document,
    to_document,
)

FOREIGN = Path(__file__).parent.parent / "fixtures" / "objects" / "foreign"


def load(name: str) -> dict[str, Any]:
    result: dict[str, Any] = json.loads((FOREIGN / f"{name}.json").read_text(encoding="utf-8"))
    return result


def test_mastodon_create_note() -> None:
    create = from_document(load("mastodon_create_note"))
    assert isinstance(create, Activity)
    assert create.type == "Create"
    assert create.actor == "https://mastodon.example/users/ana"
    assert create.to == (AS_PUBLIC,)
    assert create.published == datetime(2027, 3, 2, 10, 15, 30, tzinfo=UTC)
    # The LD signature is not ours to model, but it must survive.
    assert create.extra["signature"]["type"] == "RsaSignature2017"
    note = create.object
    assert isinstance(note, RemoteObject)
    assert note.type == "Note"
    assert note.summary is None
    assert note.in_reply_to == "https://sinet.ohrid.example/objects/0192f3a2-event"
    assert "We will come from Struga!" in (note.content or "")
    assert note.content_map["en"] == note.content
    assert note.tags == (
        Hashtag(name="#loneliness", href="https://mastodon.example/tags/loneliness"),
    )
    # The image is kept with its alt text; the video is not an image.
    assert note.attachments == (
        Image(
            url="https://files.mastodon.example/media_attachments/files/113/original/abc.jpg",
            media_type="image/jpeg",
            name="Lake Ohrid at dusk",
            width=1600,
            height=900,
        ),
    )
    assert note.extra["conversation"].startswith("tag:mastodon.example")
    assert "replies" in note.extra


def test_mastodon_person() -> None:
    actor = from_document(load("mastodon_person"))
    assert isinstance(actor, Actor)
    assert actor.type == "Person"
    assert actor.preferred_username == "ana"
    assert actor.shared_inbox == "https://mastodon.example/inbox"
    assert actor.featured == "https://mastodon.example/users/ana/collections/featured"
    assert actor.discoverable is True and actor.manually_approves_followers is False
    assert actor.public_key is not None
    assert actor.public_key.id == "https://mastodon.example/users/ana#main-key"
    assert actor.public_key.owner == actor.id
    assert actor.public_key.pem.startswith("-----BEGIN PUBLIC KEY-----")
    assert [prop.name for prop in actor.attachments] == ["Works at", "Languages"]
    assert actor.attachments[1] == PropertyValue(name="Languages", value="mk, sq, en")
    assert actor.icon is not None and actor.icon.media_type == "image/png"
    assert actor.published == datetime(2022, 11, 3, tzinfo=UTC)
    assert actor.extra["featuredTags"] == "https://mastodon.example/users/ana/collections/tags"
    assert actor.extra["indexable"] is True
    assert from_document(to_document(actor)) == actor


def test_mobilizon_event_reads_as_a_remote_event_and_loses_nothing() -> None:
    event = from_document(load("mobilizon_event"))
    assert isinstance(event, RemoteObject)
    assert event.type == "Event"
    assert event.name == "Rencontre : solitude des personnes âgées"
    assert event.attributed_to == "https://mobilizon.example/@solidarite"
    assert event.attachments[0].name == "Banner"
    assert len(event.attachments) == 1  # the Link to a website is not an image
    assert event.extra["startTime"] == "2027-05-12T18:30:00+02:00"
    assert event.extra["location"]["address"]["addressLocality"] == "Nantes"
    assert event.extra["ical:status"] == "CONFIRMED"
    assert from_document(to_document(event)) == event


def test_mobilizon_event_with_our_kind_reads_as_our_event_with_mobilizon_fields() -> None:
    doc = load("mobilizon_event") | {"kind": "event"}
    del doc["ical:status"]  # the plain `status` Mobilizon also sends is read instead
    from sinet_node.objects import Event, Place, PostalAddress

    event = from_document(doc)
    assert isinstance(event, Event)
    assert event.start_time == datetime(2027, 5, 12, 18, 30, tzinfo=timezone(timedelta(hours=2)))
    assert event.timezone == "Europe/Paris"
    assert event.join_mode == "free"
    assert event.capacity == 40
    assert event.status == "CONFIRMED"
    assert event.location == (
        Place(
            name="Maison des associations",
            address=PostalAddress(
                street_address="2 rue des Lilas",
                locality="Nantes",
                postal_code="44000",
                country="France",
            ),
            latitude=47.2184,
            longitude=-1.5536,
        ),
    )
    assert event.tags == (
        Hashtag(name="#solidarite", href="https://mobilizon.example/tags/solidarite"),
    )


def test_bovine_create_with_compact_public_address() -> None:
    create = from_document(load("bovine_create_note"))
    assert isinstance(create, Activity)
    assert create.to == (AS_PUBLIC,)
    assert isinstance(create.object, RemoteObject)
    assert create.object.to == (AS_PUBLIC,)
    assert create.object.content == "Hello from bovine"


def test_bovine_person_keeps_its_multikey_and_endpoints() -> None:
    actor = from_document(load("bovine_person"))
    assert isinstance(actor, Actor)
    assert actor.shared_inbox is None
    assert actor.public_key is not None and actor.public_key.id.endswith("#legacy-key-1")
    assert [key.id for key in actor.assertion_methods] == [actor.id + "#did-key-z6Mk"]
    assert actor.assertion_methods[0].public_key_multibase.startswith("z6Mk")
    assert actor.extra["endpoints"]["proxyUrl"].endswith("Pr0x9yU4rL")
    again = to_document(actor)
    assert again["endpoints"]["eventSource"].endswith("Ev2n7sQ0cB")
    assert from_document(again) == actor


def test_sinet_practice_with_prefixed_and_full_iri_keys_single_values_and_only_a_content_map() -> (
    None
):
    practice = from_document(load("sinet_compacted_practice"))
    assert isinstance(practice, Practice)
    assert practice.attributed_to == "https://sinet.zadar.example/users/zadar"
    assert practice.url == "https://sinet.zadar.example/practices/limbo"
    # contentMap without content: the first entry is the main text and its language.
    assert practice.language == "hr"
    assert practice.content == "<p>Izbjeglice uče jezik i volontiraju.</p>"
    assert practice.content_map == {"en": "<p>Refugees learn the language and volunteer.</p>"}
    assert practice.to == (AS_PUBLIC,)
    assert practice.cc == ("https://sinet.zadar.example/users/zadar/followers",)
    assert practice.tags == (
        Hashtag(name="#Integration", href="https://sinet.zadar.example/tags/Integration"),
    )
    assert practice.attachments == (Image(url="https://sinet.zadar.example/media/limbo.jpg"),)
    assert practice.challenge == "integration of migrants and refugees"
    assert practice.country == "GR"
    assert practice.city == "Athens"
    assert practice.target_groups == ("migrants and refugees",)
    assert practice.toolkit_urls == ("https://toolkits.example.org/limbo",)
    assert practice.evidence_level == "attribution"
    assert practice.published == datetime(2027, 1, 5, 9, 0, tzinfo=UTC)
    # A value we do not know yet is not an error and is not lost.
    assert practice.innovation_type is None
    assert practice.extra["sinet:innovationType"] == "scale"
    assert practice.extra["sinet:impactScore"] == 7
    assert from_document(to_document(practice)) == practice


def test_accept_naming_the_follow_by_id_only() -> None:
    accept = from_document(
        {
            "@context": "https://www.w3.org/ns/activitystreams",
            "id": "http://127.0.0.1:8011/objects/accept-1",
            "type": "Accept",
            "actor": "http://127.0.0.1:8011/endpoints/Vd3xk0Fd6e2b",
            "object": "https://sinet.ohrid.example/activities/follow-1",
        }
    )
    assert isinstance(accept, Activity)
    assert accept.object == "https://sinet.ohrid.example/activities/follow-1"


def test_accept_embedding_a_follow_without_an_id() -> None:
    accept = from_document(
        {
            "id": "https://peer.example/accept/2",
            "type": "Accept",
            "actor": {"id": "https://peer.example/users/bo", "type": "Person"},
            "object": {
                "type": "Follow",
                "actor": "https://sinet.ohrid.example/users/ohrid",
                "object": "https://peer.example/users/bo",
            },
        }
    )
    assert isinstance(accept, Activity)
    assert accept.actor == "https://peer.example/users/bo"
    follow = accept.object
    assert isinstance(follow, Activity)
    assert follow.id is None and follow.type == "Follow"
    assert follow.object == "https://peer.example/users/bo"
    assert from_document(to_document(accept)) == accept


def test_mastodon_delete_of_an_actor() -> None:
    delete = from_document(
        {
            "id": "https://mastodon.example/users/gone#delete",
            "type": "Delete",
            "actor": "https://mastodon.example/users/gone",
            "object": "https://mastodon.example/users/gone",
            "to": ["https://www.w3.org/ns/activitystreams#Public"],
        }
    )
    assert isinstance(delete, Activity)
    assert delete.object == delete.actor


def test_embedded_object_without_type_reads_as_its_id() -> None:
    undo = from_document(
        {
            "id": "https://peer.example/undo/1",
            "type": "Undo",
            "actor": "https://peer.example/users/bo",
            "object": {"id": "https://peer.example/follow/1"},
        }
    )
    assert isinstance(undo, Activity)
    assert undo.object == "https://peer.example/follow/1"


def test_followers_collection_and_outbox_page() -> None:
    followers = from_document(
        {
            "@context": "https://www.w3.org/ns/activitystreams",
            "id": "https://mastodon.example/users/ana/followers",
            "type": "OrderedCollection",
            "totalItems": 312,
            "first": "https://mastodon.example/users/ana/followers?page=1",
        }
    )
    assert followers == OrderedCollection(
        id="https://mastodon.example/users/ana/followers",
        total_items=312,
        first="https://mastodon.example/users/ana/followers?page=1",
    )
    outbox = from_document(
        {
            "id": "https://sinet.ohrid.example/users/ohrid/outbox",
            "type": "OrderedCollection",
            "totalItems": 2,
            "first": {
                "id": "https://sinet.ohrid.example/users/ohrid/outbox?page=1",
                "type": "OrderedCollectionPage",
                "partOf": "https://sinet.ohrid.example/users/ohrid/outbox",
                "next": "https://sinet.ohrid.example/users/ohrid/outbox?page=2",
                "orderedItems": [
                    {
                        "id": "https://sinet.ohrid.example/activities/2",
                        "type": "Create",
                        "actor": "https://sinet.ohrid.example/users/ohrid",
                        "object": "https://sinet.ohrid.example/objects/2",
                    },
                    "https://sinet.ohrid.example/activities/1",
                ],
            },
        }
    )
    assert isinstance(outbox, OrderedCollection)
    page = outbox.first
    assert isinstance(page, OrderedCollectionPage)
    assert page.next == "https://sinet.ohrid.example/users/ohrid/outbox?page=2"
    assert isinstance(page.ordered_items[0], Activity)
    assert page.ordered_items[1] == "https://sinet.ohrid.example/activities/1"
    assert from_document(to_document(outbox)) == outbox


def test_unordered_collection_page_keeps_its_type_and_items_key() -> None:
    page = from_document(
        {
            "id": "https://peer.example/replies?page=1",
            "type": "CollectionPage",
            "items": ["https://peer.example/notes/1"],
        }
    )
    assert isinstance(page, OrderedCollectionPage)
    assert page.type == "CollectionPage"
    assert page.ordered_items == ("https://peer.example/notes/1",)
    assert to_document(page)["items"] == ["https://peer.example/notes/1"]


def test_tombstone_round_trip() -> None:
    doc = {
        "id": "https://sinet.ohrid.example/objects/gone",
        "type": "Tombstone",
        "formerType": "Event",
        "deleted": "2027-05-01T08:00:00Z",
    }
    tombstone = from_document(doc)
    assert tombstone == Tombstone(
        id="https://sinet.ohrid.example/objects/gone",
        former_type="Event",
        deleted=datetime(2027, 5, 1, 8, tzinfo=UTC),
    )
    assert to_document(tombstone) | {"@context": None} == doc | {"@context": None}


def test_jsonld_keyword_spellings_and_value_objects() -> None:
    note = from_document(
        {
            "@id": "https://peer.example/notes/9",
            "@type": "as:Note",
            "https://www.w3.org/ns/activitystreams#content": {"@value": "hello"},
            "published": "2027-03-02",
        }
    )
    assert isinstance(note, RemoteObject)
    assert (note.id, note.type, note.content) == ("https://peer.example/notes/9", "Note", "hello")
    # A bare date from a peer reads as midnight UTC, never as a naive datetime.
    assert note.published == datetime(2027, 3, 2, tzinfo=UTC)


def test_naive_datetime_from_a_peer_reads_as_utc() -> None:
    note = from_document(
        {"id": "https://p.example/n", "type": "Note", "published": "2027-03-02T10:00:00"}
    )
    assert isinstance(note, RemoteObject)
    assert note.published == datetime(2027, 3, 2, 10, tzinfo=UTC)
    assert note.published is not None and note.published.utcoffset() is not None
