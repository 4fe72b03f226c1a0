"""Bad input on the object pages and feeds: a clear 4xx (a page for a browser, problem+json for
anyone else), never a 500."""

from __future__ import annotations

import pytest

from sinet_node.federation import local_publishing
from sinet_node.storage import objects as object_store
from sinet_node.web.publication_view import page_url
from tests.conftest import LiveNode
from tests.integration import remote_samples
from tests.integration.html_page import HtmlPage
from tests.integration.test_publishing import load

HTML = {"Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8"}
PROBLEM = "application/problem+json"


async def status_of(live: LiveNode, url: str, **headers: str) -> int:
    response = await live.client.get(url, headers=headers)
    return response.status_code


@pytest.mark.parametrize(
    "path",
    [
        "/practices/nosuchtoken",
        "/events/nosuchtoken",
        "/calls/nosuchtoken",
        "/events/nosuchtoken.ics",
        "/events/bad.token.ics",
        "/events/" + "a" * 65,
        "/events/%E2%80%AE%00",
        "/events/..%2F..%2Fetc%2Fpasswd",
        "/network/practices/1",
        "/network/practices/0",
        "/network/practices/-1",
        "/network/practices/abc",
        "/network/practices/1e3",
        "/network/practices/99999999999999999999999999",
        "/network/widgets/1",
        "/network/events/1.ics",
        "/network/events/x.ics",
        "/users/nobody/events.ics",
        "/users/nobody/feed.rss",
        "/users/nobody/feed.atom",
    ],
)
async def test_unknown_objects_are_404_with_a_page_for_browsers(live: LiveNode, path: str) -> None:
    response = await live.client.get(path, headers=HTML)
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    shown = HtmlPage.parse(response.text)
    assert shown.all("h1")[0].text == "Not Found"
    assert "/" in shown.hrefs()
    # The same URL for a program: a problem document.
    response = await live.client.get(path, headers={"Accept": "application/json"})
    assert response.status_code == 404
    assert response.headers["content-type"] == PROBLEM
    assert response.json()["status"] == 404


async def test_a_deleted_events_ics_is_gone(live: LiveNode) -> None:
    uri = await local_publishing.publish(live.node, "event", load("event"))
    assert await status_of(live, f"{uri}.ics") == 200
    await local_publishing.delete(live.node, uri)
    response = await live.client.get(f"{uri}.ics")
    assert response.status_code == 410
    assert response.headers["content-type"] == PROBLEM


async def test_a_peers_deleted_events_ics_is_gone(live: LiveNode) -> None:
    actor = remote_samples.youth_centre(live)
    row = await remote_samples.deliver(live, actor, remote_samples.event())
    url = f"{page_url(row, live.node.urls)}.ics"
    assert await status_of(live, url) == 200
    await remote_samples.retract(live, actor, row.uri)
    assert await status_of(live, url) == 410


@pytest.mark.parametrize("kind", ["practice", "call"])
async def test_only_events_have_a_calendar(live: LiveNode, kind: str) -> None:
    uri = await local_publishing.publish(live.node, kind, load(kind))
    token = uri.rsplit("/", 1)[1]
    assert await status_of(live, f"/events/{token}.ics") == 404
    assert await status_of(live, f"{uri}.ics") == 404
    actor = remote_samples.youth_centre(live)
    sample = remote_samples.practice() if kind == "practice" else remote_samples.call()
    row = await remote_samples.deliver(live, actor, sample)
    assert await status_of(live, f"/network/events/{row.id}.ics") == 404
    assert await status_of(live, f"/network/events/{row.id}") == 404


async def test_our_objects_are_not_served_as_network_copies(live: LiveNode) -> None:
    uri = await local_publishing.publish(live.node, "practice", load("practice"))
    async with live.node.sessions() as session:
        row = await object_store.by_uri(session, uri)
    assert row is not None
    assert await status_of(live, f"/network/practices/{row.id}") == 404


@pytest.mark.parametrize(
    "accept",
    [
        "",
        "*/*",
        "garbage",
        "text/html;q=abc",
        "application/activity+json;q=0",
        "application/activity+json;q=nan, text/html;q=inf",
        "text/calendar",
        "application/json",
        ";;;,,,",
        b"text/html; charset=\xff\xfe",  # not even UTF-8
        "x/" + "y" * 8000,
    ],
)
async def test_odd_accept_headers_never_break_an_object_page(
    live: LiveNode, accept: str | bytes
) -> None:
    urls = [
        await local_publishing.publish(live.node, kind, load(kind))
        for kind in ("practice", "event", "call")
    ]
    actor = remote_samples.youth_centre(live)
    row = await remote_samples.deliver(live, actor, remote_samples.event())
    urls += [page_url(row, live.node.urls), f"{urls[1]}.ics", "/events.ics"]
    for url in urls:
        response = await live.client.get(url, headers={"Accept": accept})
        assert response.status_code in (200, 303), (url, response.status_code)


@pytest.mark.parametrize(
    ("organiser", "status"),
    [
        ("", 400),
        ("javascript:alert(1)", 400),
        ("ftp://split.example/users/x", 400),
        ("not a url", 400),
        ("https://", 400),
        ("https://split.example/" + "x" * 3000, 400),
        ("https://unknown.example/users/nobody", 404),
    ],
)
async def test_bad_organisers_for_the_calendar(live: LiveNode, organiser: str, status: int) -> None:
    response = await live.client.get("/events.ics", params={"organiser": organiser})
    assert response.status_code == status
    assert response.headers["content-type"] == PROBLEM


async def test_broken_utf8_in_the_query_is_a_400(live: LiveNode) -> None:
    response = await live.client.get("/events.ics?organiser=%ff%fe")
    assert response.status_code == 400


@pytest.mark.parametrize("path", ["/events.ics", "/users/ohrid/feed.rss", "/network/events/1"])
async def test_other_methods_are_refused(live: LiveNode, path: str) -> None:
    response = await live.client.post(path, content=b"x")
    assert response.status_code == 405
