"""Object pages as a visitor, a link preview and a search engine read them: the whole record,
the event's own time zone, a call that closes, a peer's object credited and sanitised, and
OpenGraph, fediverse:creator and schema.org JSON-LD that no title can break out of."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from sinet_node.federation import local_publishing
from sinet_node.storage import actors as actor_store
from sinet_node.web.publication_view import page_url
from tests.conftest import LiveNode
from tests.integration import remote_samples
from tests.integration.html_page import HtmlPage
from tests.integration.test_publishing import load

HTML = {"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}
AS = {"Accept": "application/activity+json"}
BANNER = "https://cdn.example/jongerenloket.png"


async def page(live: LiveNode, url: str, status: int = 200) -> HtmlPage:
    response = await live.client.get(url, headers=HTML)
    assert response.status_code == status, response.text[:500]
    assert response.headers["content-type"].startswith("text/html")
    assert response.headers["vary"] == "Accept, Accept-Language, Cookie"
    return HtmlPage.parse(response.text)


def practice_input(**changes: Any) -> dict[str, Any]:
    return load("practice") | {
        "image": BANNER,
        "translations": {
            "it": {
                "name": "Jongerenloket: uno sportello per i giovani senza lavoro",
                "summary": "Lo sportello giovani di Rotterdam riunisce lavoro e formazione.",
                "content": "I giovani incontrano prima un **coach**.",
            }
        },
        **changes,
    }


async def test_practice_page_shows_the_whole_record(live: LiveNode) -> None:
    uri = await local_publishing.publish(live.node, "practice", practice_input())
    shown = await page(live, uri)
    text = shown.text
    assert shown.all("h1")[0].text == load("practice")["name"]
    for fact in (
        "youth unemployment",
        "young people",
        "unemployed people",
        "Rotterdam, Netherlands",
        "Reinvent",
        "redesigns how the service is provided",
        "Municipality of Rotterdam",
    ):
        assert fact in text, fact
    # The evidence level is explained in plain words, on a scale with the level marked.
    assert "other causes were not ruled out" in text
    [current] = shown.all("li", **{"aria-current": "true"})
    assert current.text == "Correlation"
    assert "https://example.org/toolkits/jongerenloket.pdf" in shown.hrefs()
    # The Markdown content, rendered, and the translation under its language's own name.
    assert "coach" in [strong.text for strong in shown.all("strong")]
    assert "Italiano" in text and "uno sportello per i giovani" in text
    [details] = shown.all("details")
    assert details.attrs["lang"] == "it"
    # Ours: credited to the organisation, no "shared by" note.
    assert "Municipality of Ohrid" in shown.all("p", class_="byline")[0].text
    assert "Shared with this node" not in text
    assert shown.all("img", class_="banner")[0].attrs["src"] == BANNER


async def test_practice_page_previews_and_structured_data(live: LiveNode) -> None:
    uri = await local_publishing.publish(live.node, "practice", practice_input())
    shown = await page(live, uri)
    assert shown.one_meta("og:title") == load("practice")["name"]
    assert shown.one_meta("og:url") == uri
    assert shown.one_meta("og:type") == "article"
    assert shown.one_meta("og:site_name") == "Municipality of Ohrid"
    assert shown.one_meta("og:image") == BANNER
    assert shown.one_meta("og:description").startswith("Rotterdam's youth desk")
    assert shown.one_meta("fediverse:creator") == "@ohrid@node.example"
    data = shown.json_ld()
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Article"
    assert data["headline"] == data["name"] == load("practice")["name"]
    assert data["url"] == uri
    assert data["about"] == "youth unemployment"
    assert {a["audienceType"] for a in data["audience"]} == {"young people", "unemployed people"}
    assert data["spatialCoverage"]["address"] == {
        "@type": "PostalAddress",
        "addressLocality": "Rotterdam",
        "addressCountry": "NL",
    }
    assert data["author"] == {
        "@type": "Organization",
        "name": "Municipality of Ohrid",
        "url": "https://node.example/@ohrid",
    }
    assert data["image"] == BANNER
    assert "sameAs" not in data  # ours: this page is the original
    assert shown.alternates("application/activity+json") == [uri]


async def test_nothing_in_a_title_or_teaser_escapes_the_json_ld_script(live: LiveNode) -> None:
    hostile = "</script><script>alert(1)</script><!-- & -->"
    uri = await local_publishing.publish(
        live.node, "practice", load("practice") | {"name": hostile, "summary": hostile}
    )
    response = await live.client.get(uri, headers=HTML)
    shown = HtmlPage.parse(response.text)
    # One script element, the JSON-LD: the browser's tokenizer found no other.
    assert [s.attrs.get("type") for s in shown.scripts] == ["application/ld+json"]
    data = shown.json_ld()
    assert data["name"] == hostile and data["description"] == hostile
    assert "<script>alert(1)" not in response.text
    assert shown.one_meta("og:title") == hostile
    assert shown.all("h1")[0].text == hostile


async def test_event_page_shows_the_time_in_the_events_own_zone(live: LiveNode) -> None:
    data = load("event") | {
        # Written in UTC; the event happens in Skopje, two hours ahead in April.
        "startTime": "2027-04-29T08:00:00Z",
        "endTime": "2027-04-29T12:00:00Z",
        "join_mode": "restricted",
        "capacity": 30,
        "event_type": "workshop",
    }
    uri = await local_publishing.publish(live.node, "event", data)
    shown = await page(live, uri)
    text = shown.text
    assert "Thursday 29 April 2027, 10:00\u201314:00" in text
    assert "Europe/Skopje, UTC+02:00" in text
    assert "Ohrid City Hall" in text and "Dimitar Vlahov 57, 6000 Ohrid" in text
    assert "https://meet.example.org/sinet-colearning" in shown.hrefs()
    assert "In person and online (hybrid)" in text
    assert "Registration needed" in text and "30" in text
    assert "Workshop" in shown.all("p", class_="kind")[0].text
    assert "Cancelled" not in text
    ld = shown.json_ld()
    assert ld["@type"] == "Event"
    assert datetime.fromisoformat(ld["startDate"]) == datetime(2027, 4, 29, 8, tzinfo=UTC)
    assert datetime.fromisoformat(ld["endDate"]) == datetime(2027, 4, 29, 12, tzinfo=UTC)
    assert ld["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    assert ld["eventStatus"] == "https://schema.org/EventScheduled"
    assert ld["organizer"]["name"] == "Municipality of Ohrid"
    assert ld["maximumAttendeeCapacity"] == 30
    assert {place["@type"] for place in ld["location"]} == {"Place", "VirtualLocation"}
    # Both calendars are offered: the event's and the organisation's.
    assert shown.alternates("text/calendar") == [
        f"{uri}.ics",
        "https://node.example/users/ohrid/events.ics",
    ]
    assert f"{uri}.ics" in shown.hrefs()


async def test_a_cancelled_event_says_so_before_anything_else(live: LiveNode) -> None:
    uri = await local_publishing.publish(
        live.node, "event", load("event") | {"status": "CANCELLED"}
    )
    shown = await page(live, uri)
    [notice] = shown.all("p", role="status")
    assert "Cancelled" in notice.text
    assert shown.json_ld()["eventStatus"] == "https://schema.org/EventCancelled"


async def test_an_all_day_event_over_several_days_shows_dates_only(live: LiveNode) -> None:
    data = load("event") | {
        "name": "Summer school on social innovation",
        "startTime": "2027-07-05T00:00:00+02:00",
        "endTime": "2027-07-08T00:00:00+02:00",
    }
    uri = await local_publishing.publish(live.node, "event", data)
    text = (await page(live, uri)).text
    assert "Monday 5 July \u2013 Wednesday 7 July 2027" in text
    assert "00:00" not in text


async def test_a_past_event_says_it_has_ended(live: LiveNode) -> None:
    uri = await local_publishing.publish(live.node, "event", load("event"))
    live.clock.now = datetime(2027, 5, 1, tzinfo=UTC)
    assert "This event has ended" in (await page(live, uri)).text


async def test_call_page_shows_skills_place_time_and_closing(live: LiveNode) -> None:
    live.clock.now = datetime(2027, 5, 1, tzinfo=UTC)
    data = load("call") | {"volunteers_needed": 4, "online_url": "https://meet.example.org/cafe"}
    uri = await local_publishing.publish(live.node, "call", data)
    shown = await page(live, uri)
    text = shown.text
    [skills] = shown.all("ul", class_="chips")
    assert skills.text == "".join(data["skills"])  # one item each, in order
    assert "Ohrid community centre" in text and "Ohrid, North Macedonia" in text
    assert "https://meet.example.org/cafe" in shown.hrefs()
    assert "3 hours a week" in text and "4" in text
    assert "Open until" in text and "the end of Monday 31 May 2027" in text
    assert "Write to volunteers@ohrid.example" in text
    assert "Closed" not in text
    ld = shown.json_ld()
    assert ld["@type"] == "CreativeWork"
    assert ld["expires"] == ld["potentialAction"]["endTime"]
    assert ld["potentialAction"]["@type"] == "ApplyAction"
    assert ld["keywords"] == "hosting, Macedonian, English"
    # After the closing date the page says the call is closed and stops asking for answers.
    live.clock.now = datetime(2027, 6, 1, tzinfo=UTC)
    closed = await page(live, uri)
    [notice] = closed.all("p", role="status")
    assert "Closed" in notice.text
    assert "Write to volunteers@ohrid.example" not in closed.text


async def test_a_peers_objects_are_credited_and_link_to_the_original(live: LiveNode) -> None:
    actor = remote_samples.youth_centre(live)
    for document in (remote_samples.practice(), remote_samples.event(), remote_samples.call()):
        row = await remote_samples.deliver(live, actor, document)
        url = page_url(row, live.node.urls)
        assert url == f"https://node.example/network/{row.kind}s/{row.id}"
        shown = await page(live, url)
        assert shown.all("h1")[0].text == document["name"]
        byline = shown.all("p", class_="byline")[0]
        assert "Youth Centre Split" in byline.text
        assert remote_samples.SPLIT_PROFILE in shown.hrefs()
        assert document["url"] in shown.hrefs()  # "Read the original"
        assert "a member of the network. Read the original" in shown.text
        assert "Shared with this node by Youth Centre Split" in shown.text
        assert shown.one_meta("fediverse:creator") == "@youthsplit@split.example"
        assert shown.one_meta("og:url") == url
        assert shown.json_ld()["author"]["name"] == "Youth Centre Split"
        assert shown.json_ld()["sameAs"] == document["url"]
        # The same URL sends a federation request to the origin, never our copy.
        response = await live.client.get(url, headers=AS)
        assert response.status_code == 303
        assert response.headers["location"] == document["id"]
        assert response.headers["vary"] == "Accept"


async def test_a_remote_events_time_and_a_remote_call_read_like_ours(live: LiveNode) -> None:
    live.clock.now = datetime(2027, 5, 1, tzinfo=UTC)
    actor = remote_samples.youth_centre(live)
    event = await remote_samples.deliver(live, actor, remote_samples.event())
    shown = await page(live, page_url(event, live.node.urls))
    assert "Thursday 20 May 2027, 18:00\u201319:30" in shown.text
    assert "Europe/Zagreb, UTC+02:00" in shown.text
    assert "Online" in shown.text and "https://meet.split.example/yg" in shown.hrefs()
    call = await remote_samples.deliver(live, actor, remote_samples.call())
    text = (await page(live, page_url(call, live.node.urls))).text
    assert "you can help from anywhere" in text
    assert "the end of Wednesday 30 June 2027" in text
    assert "mentoring" in text and "one evening a month" in text


async def test_a_peers_markup_is_stored_sanitised_and_shown_safe(live: LiveNode) -> None:
    actor = remote_samples.youth_centre(live)
    row = await remote_samples.deliver(live, actor, remote_samples.practice())
    # Storage sanitised it on receipt: what is in the database is already safe.
    stored = row.document
    assert "<script" not in stored["content"] and "javascript:" not in stored["content"]
    assert "<img" not in stored["contentMap"]["hr"] and "onerror" not in stored["contentMap"]["hr"]
    assert stored["nameMap"]["hr"] == "Jamstvo za mlade"
    # And the page shows only safe HTML and http(s) links.
    response = await live.client.get(page_url(row, live.node.urls), headers=HTML)
    html = response.text
    shown = HtmlPage.parse(html)
    for unsafe in ("alert(", "javascript:", "onerror", "<b>Jamstvo"):
        assert unsafe not in html, unsafe
    assert [s.attrs.get("type") for s in shown.scripts] == ["application/ld+json"]
    assert "https://split.example/yg" in shown.hrefs()
    assert "https://split.example/toolkit.pdf" in shown.hrefs()
    assert "bad link" in shown.text  # the text of a dropped link stays, without its href
    assert all(href.startswith(("https://", "http://", "/", "#")) for href in shown.hrefs())
    # The teaser is plain text: entities decoded once, not shown as markup.
    assert "One desk for young people & their first job." in shown.text
    assert "Jamstvo za mlade" in shown.text


async def test_a_peers_teaser_cannot_break_out_of_the_json_ld_script(live: LiveNode) -> None:
    actor = remote_samples.youth_centre(live)
    teaser = "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;"
    row = await remote_samples.deliver(live, actor, remote_samples.practice(summary=teaser))
    response = await live.client.get(page_url(row, live.node.urls), headers=HTML)
    shown = HtmlPage.parse(response.text)
    assert [s.attrs.get("type") for s in shown.scripts] == ["application/ld+json"]
    assert shown.json_ld()["description"] == "</script><script>alert(1)</script>"


async def test_without_a_known_actor_the_credit_names_the_host(live: LiveNode) -> None:
    actor = remote_samples.youth_centre(live)
    row = await remote_samples.deliver(live, actor, remote_samples.practice())
    async with live.node.sessions.begin() as session:
        await actor_store.forget(session, remote_samples.SPLIT)
    shown = await page(live, page_url(row, live.node.urls))
    assert "split.example" in shown.all("p", class_="byline")[0].text
    assert shown.meta("fediverse:creator") == []  # no handle known: none claimed
    assert "https://split.example/practices/1" in shown.hrefs()


async def test_tags_lead_to_this_nodes_tag_page_which_links_our_copy(live: LiveNode) -> None:
    actor = remote_samples.youth_centre(live)
    row = await remote_samples.deliver(live, actor, remote_samples.practice())
    shown = await page(live, page_url(row, live.node.urls))
    assert "https://node.example/tags/youth" in shown.hrefs()
    tag_page = HtmlPage.parse((await live.client.get("/tags/youth", headers=HTML)).text)
    assert page_url(row, live.node.urls) in tag_page.hrefs()


async def test_a_tag_page_lists_what_carries_the_tag_in_any_case_until_it_is_deleted(
    live: LiveNode,
) -> None:
    data = load("practice")
    uri = await local_publishing.publish(live.node, "practice", data)
    tag = data["tags"][0]

    async def listed(path: str) -> bool:
        return uri in HtmlPage.parse((await live.client.get(path, headers=HTML)).text).hrefs()

    assert await listed(f"/tags/{tag}") and await listed(f"/tags/{tag.upper()}")
    assert not await listed("/tags/no-such-tag")
    await local_publishing.delete(live.node, uri)
    assert not await listed(f"/tags/{tag}")


@pytest.mark.parametrize("kind", ["practice", "event", "call"])
async def test_a_deleted_object_page_is_gone_for_browsers_too(live: LiveNode, kind: str) -> None:
    uri = await local_publishing.publish(live.node, kind, load(kind))
    await local_publishing.delete(live.node, uri)
    shown = await page(live, uri, status=410)
    assert "was deleted" in shown.all("h1")[0].text
    assert load(kind)["content"][:20] not in shown.text


async def test_a_peers_deleted_object_is_gone_too(live: LiveNode) -> None:
    actor = remote_samples.youth_centre(live)
    row = await remote_samples.deliver(live, actor, remote_samples.event())
    await remote_samples.retract(live, actor, row.uri)
    shown = await page(live, page_url(row, live.node.urls), status=410)
    assert "This event was deleted" in shown.text
    assert "Youth Centre Split removed it" in shown.text
