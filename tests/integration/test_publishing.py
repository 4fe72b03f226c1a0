"""Publishing from the node's point of view and its followers': Create, Update, Delete,
what Mastodon shows, and the 410 Tombstone."""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from PIL import Image as PILImage

from sinet_node.federation import local_publishing
from sinet_node.federation.local_publishing import PublishError
from tests.conftest import LiveNode
from tests.fakes.fediverse import signed_post_headers, verify_node_signature

AS = {"Accept": "application/activity+json"}
PUBLIC = "https://www.w3.org/ns/activitystreams#Public"
INPUTS = Path(__file__).parent.parent / "fixtures" / "inputs"


def load(kind: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((INPUTS / f"{kind}.json").read_text())
    return data


async def follow(live: LiveNode, actor_id: str, shared_inbox: str | None = None) -> Any:
    actor = live.fediverse.add_actor(actor_id, shared_inbox=shared_inbox)
    body = json.dumps(
        {"id": f"{actor_id}/f", "type": "Follow", "actor": actor_id, "object": live.node.urls.actor}
    ).encode()
    url = live.node.urls.inbox
    response = await live.client.post(
        url, content=body, headers=signed_post_headers(actor, url, body)
    )
    assert response.status_code == 202
    await live.drain()
    live.fediverse.received.clear()
    return actor


@pytest.mark.parametrize(
    ("kind", "as_type"), [("practice", "Article"), ("event", "Event"), ("call", "Page")]
)
async def test_publish_delivers_a_signed_create_that_reads_well_on_mastodon(
    live: LiveNode, kind: str, as_type: str
) -> None:
    alice = await follow(live, "https://peer.example/users/alice")
    uri = await local_publishing.publish(live.node, kind, load(kind))
    await live.drain()
    [delivery] = live.fediverse.posts_to(alice.inbox)
    verify_node_signature(delivery, live.node.organisation_key.public_pem, "peer.example")
    create = delivery.json
    assert create["type"] == "Create"
    assert create["to"] == [PUBLIC]
    assert create["cc"] == [live.node.urls.followers]
    note = create["object"]
    assert note["id"] == uri
    assert note["type"] == as_type
    assert note["url"] == uri and uri.startswith("https://node.example/")
    assert note["name"] and note["summary"]
    assert "<" not in note["summary"]  # a plain teaser: Mastodon shows name + summary + url
    assert PUBLIC in note["to"]
    # The object answers on its own URL to a peer, and as HTML to a browser.
    fetched = (await live.client.get(uri, headers=AS)).json()
    assert fetched["id"] == uri
    page = await live.client.get(uri, headers={"Accept": "text/html"})
    assert page.status_code == 200 and note["name"].split(":")[0] in page.text
    assert page.headers["vary"] == "Accept, Accept-Language, Cookie"


async def test_event_teaser_has_date_place_and_full_datetimes(live: LiveNode) -> None:
    uri = await local_publishing.publish(live.node, "event", load("event"))
    event = (await live.client.get(uri, headers=AS)).json()
    assert event["startTime"].startswith("2027-04-29T")
    assert event["startTime"][-6] in "+-" or event["startTime"].endswith("Z")
    assert "2027-04-29" in event["summary"] and "Ohrid City Hall" in event["summary"]
    assert event["timezone"] == "Europe/Skopje"


async def test_shared_inbox_gets_one_delivery_per_server(live: LiveNode) -> None:
    shared = "https://big.example/inbox"
    for name in ("a", "b", "c"):
        await follow(live, f"https://big.example/users/{name}", shared_inbox=shared)
    await local_publishing.publish(live.node, "practice", load("practice"))
    await live.drain()
    assert len(live.fediverse.posts_to(shared)) == 1


async def test_update_and_delete_reach_followers_and_the_tombstone_answers_410(
    live: LiveNode,
) -> None:
    alice = await follow(live, "https://peer.example/users/alice")
    uri = await local_publishing.publish(live.node, "practice", load("practice"))
    changed = load("practice") | {"name": "Jongerenloket (updated)"}
    await local_publishing.update(live.node, uri, changed)
    # The outbox serves the object as it is now, not as it was first published.
    outbox = (await live.client.get(live.node.urls.outbox + "?page=1", headers=AS)).json()
    [create] = outbox["orderedItems"]
    assert create["object"]["name"] == "Jongerenloket (updated)"
    await local_publishing.delete(live.node, uri)
    # The Create's own URL now shows a Tombstone, not the deleted content.
    after = (await live.client.get(create["id"], headers=AS)).json()
    assert after["object"]["type"] == "Tombstone" and "content" not in after["object"]
    await live.drain()
    types = [item.json["type"] for item in live.fediverse.posts_to(alice.inbox)]
    assert types == ["Create", "Update", "Delete"]
    update = live.fediverse.posts_to(alice.inbox)[1].json
    assert update["object"]["name"] == "Jongerenloket (updated)"
    assert update["object"]["updated"]
    gone = await live.client.get(uri, headers=AS)
    assert gone.status_code == 410
    assert gone.json()["type"] == "Tombstone"
    assert gone.json()["formerType"] == "Article"
    assert gone.json()["deleted"]
    html = await live.client.get(uri, headers={"Accept": "text/html"})
    assert html.status_code == 410
    with pytest.raises(PublishError):
        await local_publishing.update(live.node, uri, changed)
    outbox = (await live.client.get(live.node.urls.outbox, headers=AS)).json()
    assert outbox["totalItems"] == 0  # the deleted object's Create left the outbox


async def test_outbox_lists_creates_newest_first(live: LiveNode) -> None:
    first = await local_publishing.publish(live.node, "practice", load("practice"))
    live.clock.advance(seconds=5)
    second = await local_publishing.publish(live.node, "event", load("event"))
    outbox = (await live.client.get(live.node.urls.outbox, headers=AS)).json()
    assert outbox["totalItems"] == 2
    page = (await live.client.get(outbox["first"], headers=AS)).json()
    assert [item["object"]["id"] for item in page["orderedItems"]] == [second, first]
    assert all(item["type"] == "Create" for item in page["orderedItems"])


async def test_bad_input_stores_nothing(live: LiveNode) -> None:
    bad = load("event") | {"endTime": "2027-04-28T10:00:00+02:00"}
    with pytest.raises(PublishError, match="endTime"):
        await local_publishing.publish(live.node, "event", bad)
    listing = (await live.client.get(live.node.urls.outbox, headers=AS)).json()
    assert listing["totalItems"] == 0


def tiny_png() -> bytes:
    """A valid 1x1 PNG, made here so the test needs no image library."""
    import struct
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x80\x00")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def same_pixels(one: bytes, other: bytes) -> bool:
    first, second = (PILImage.open(io.BytesIO(data)).convert("RGBA") for data in (one, other))
    return first.size == second.size and first.tobytes() == second.tobytes()


async def test_banner_image_is_the_first_attachment_and_served_from_our_host(
    live: LiveNode, tmp_path: Path
) -> None:
    banner = tmp_path / "banner.png"
    banner.write_bytes(tiny_png())
    uri = await local_publishing.publish(
        live.node, "practice", load("practice") | {"image": str(banner)}
    )
    document = (await live.client.get(uri, headers=AS)).json()
    first = document["attachment"][0]
    assert first["type"] in ("Image", "Document") and first["mediaType"] == "image/png"
    assert first["url"].startswith("https://node.example/media/")
    image = await live.client.get(first["url"])
    assert image.status_code == 200
    assert image.headers["content-type"] == "image/png"
    # Re-encoded by the node (no metadata), the same picture.
    assert same_pixels(image.content, banner.read_bytes())


async def test_a_file_that_is_not_an_image_is_refused(live: LiveNode, tmp_path: Path) -> None:
    fake = tmp_path / "banner.png"
    fake.write_text("<svg onload=alert(1)>")
    with pytest.raises(PublishError, match="image"):
        await local_publishing.publish(
            live.node, "practice", load("practice") | {"image": str(fake)}
        )
    assert list((live.node.settings.data_dir / "media").iterdir()) == []


async def test_translations_become_language_maps(live: LiveNode) -> None:
    data = load("practice") | {
        "translations": {"mk": {"name": "Младински шалтер", "summary": "Едно место за младите."}}
    }
    uri = await local_publishing.publish(live.node, "practice", data)
    document = (await live.client.get(uri, headers=AS)).json()
    assert document["nameMap"]["mk"] == "Младински шалтер"
    assert document["nameMap"]["en"] == data["name"]
    assert document["summaryMap"]["mk"].startswith("Едно место за младите.")


async def test_pinning_features_the_object_and_tells_followers(live: LiveNode) -> None:
    alice = await follow(live, "https://peer.example/users/alice")
    uri = await local_publishing.publish(live.node, "practice", load("practice"))
    await local_publishing.pin(live.node, uri)
    await local_publishing.pin(live.node, uri)  # pinning twice sends nothing more
    featured = (await live.client.get(live.node.urls.featured, headers=AS)).json()
    assert [item["id"] for item in featured["orderedItems"]] == [uri]
    await local_publishing.pin(live.node, uri, pinned=False)
    featured = (await live.client.get(live.node.urls.featured, headers=AS)).json()
    assert featured["orderedItems"] == [] and featured["totalItems"] == 0
    await live.drain()
    sent = [item.json for item in live.fediverse.posts_to(alice.inbox)]
    assert [item["type"] for item in sent] == ["Create", "Add", "Remove"]
    assert all(item["target"] == live.node.urls.featured for item in sent[1:])
    assert sent[1]["object"] == uri
