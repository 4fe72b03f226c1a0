"""RSS 2.0 and Atom feeds of the organisation's publications, read with feedparser (which
reports any well-formedness error as `bozo`), and linked from the pages."""

from __future__ import annotations

from typing import Any

import feedparser
import pytest

from sinet_node.federation import local_publishing
from tests.conftest import LiveNode
from tests.integration import remote_samples
from tests.integration.html_page import HtmlPage
from tests.integration.test_publishing import load

FEEDS = [
    ("/users/ohrid/feed.rss", "application/rss+xml; charset=utf-8", "rss20"),
    ("/users/ohrid/feed.atom", "application/atom+xml; charset=utf-8", "atom10"),
]


async def read_feed(live: LiveNode, path: str, content_type: str, version: str) -> Any:
    response = await live.client.get(path)
    assert response.status_code == 200
    assert response.headers["content-type"] == content_type
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == version
    return feed


@pytest.mark.parametrize(("path", "content_type", "version"), FEEDS)
async def test_the_feed_lists_our_publications_newest_first(
    live: LiveNode, path: str, content_type: str, version: str
) -> None:
    practice = await local_publishing.publish(
        live.node, "practice", load("practice") | {"name": "Jongerenloket & <friends>"}
    )
    live.clock.advance(minutes=1)
    event = await local_publishing.publish(live.node, "event", load("event"))
    live.clock.advance(minutes=1)
    gone = await local_publishing.publish(live.node, "call", load("call"))
    await local_publishing.delete(live.node, gone)
    actor = remote_samples.youth_centre(live)
    await remote_samples.deliver(live, actor, remote_samples.practice())

    feed = await read_feed(live, path, content_type, version)
    assert feed.feed.title == "Municipality of Ohrid"
    assert feed.feed.link == "https://node.example/@ohrid"
    # Ours only (not the peer's), the deleted call left out, newest first.
    assert [entry.id for entry in feed.entries] == [event, practice]
    assert [entry.link for entry in feed.entries] == [event, practice]
    first, second = feed.entries
    assert first.title == load("event")["name"]
    assert second.title == "Jongerenloket & <friends>"  # escaped in XML, whole again here
    assert second.published_parsed is not None
    assert second.summary.startswith("Rotterdam's youth desk")
    [content] = second.content
    assert "<strong>coach</strong>" in content.value
    assert {tag.term for tag in second.tags} >= {"youth", "employment", "ACSI"}
    self_links = [link.href for link in feed.feed.links if link.rel == "self"]
    assert self_links == [f"https://node.example{path}"]


@pytest.mark.parametrize(("path", "content_type", "version"), FEEDS)
async def test_an_empty_feed_is_still_valid(
    live: LiveNode, path: str, content_type: str, version: str
) -> None:
    feed = await read_feed(live, path, content_type, version)
    assert feed.entries == []


async def test_feeds_are_linked_from_every_page(live: LiveNode) -> None:
    uri = await local_publishing.publish(live.node, "practice", load("practice"))
    for url in ("/", "/@ohrid", uri, "/ns", "/tags/youth"):
        shown = HtmlPage.parse((await live.client.get(url, headers={"Accept": "text/html"})).text)
        assert shown.alternates("application/rss+xml") == [
            "https://node.example/users/ohrid/feed.rss"
        ]
        assert shown.alternates("application/atom+xml") == [
            "https://node.example/users/ohrid/feed.atom"
        ]
        assert "https://node.example/users/ohrid/feed.rss" in shown.hrefs()
    for path, content_type, version in FEEDS:
        feed = await read_feed(live, path, content_type, version)
        assert [entry.id for entry in feed.entries] == [uri]
