"""The practice catalogue and the home page, as a visitor sees them on a node that follows
three organisations: search by a word of the text, each filter with its counts, paging,
credits, sanitised remote content, deletions, and query strings that try to break it."""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest

from sinet_node.config import Settings
from sinet_node.federation import local_publishing
from tests.conftest import BASE_URL, LiveNode
from tests.integration.network import (
    Peer,
    card_links,
    card_names,
    create,
    deliver,
    document_of,
    filter_options,
    join,
    publish,
)

INPUTS = Path(__file__).parent.parent / "fixtures" / "inputs"
LOCAL = "Jongerenloket: one desk for young people out of work"  # tests/fixtures/inputs
CITIES = {"MK": "Struga", "IT": "Palermo", "PT": "Porto", "HR": "Šibenik", "SE": "Stockholm"}

# (publisher, name, challenge, target groups, country, innovation, evidence, language, text)
SPECS: list[tuple[str, str, str, list[str], str, str, str, str, str]] = [
    ("porakanova", "Supported living in small homes", "access to services",
     ["persons with intellectual disability"], "MK", "transform", "correlation", "en",
     "Residents keep bees in the shared garden: beekeeping builds confidence."),
    ("porakanova", "Parents' respite weekends", "volunteering and civic participation",
     ["persons with intellectual disability", "families"], "MK", "complement", "anecdotal",
     "en", "Trained volunteers take over care for a weekend."),
    ("porakanova", "Инклузивна пекарница", "youth unemployment",
     ["persons with intellectual disability", "young people"], "MK", "improve", "anecdotal",
     "mk", "Млади луѓе печат леб во Струга."),
    ("unione", "Integrazione dei servizi", "integration of health and social care",
     ["older people"], "IT", "reinvent", "attribution", "it",
     "Infermieri e assistenti sociali lavorano nella stessa squadra."),
    ("unione", "Jobs City", "long-term unemployment", ["unemployed people"], "PT",
     "complement", "correlation", "en", "Employers, schools and job seekers meet in Porto."),
    ("unione", "Orti sociali", "social isolation and loneliness", ["older people"], "IT",
     "improve", "anecdotal", "it", "Anziani e bambini coltivano insieme un orto."),
    ("unione", "Città amica delle persone anziane", "social isolation and loneliness",
     ["older people"], "IT", "transform", "correlation", "it",
     "Il comune ridisegna panchine, trasporti e servizi con gli anziani."),
    ("youth", "Summer jobs desk", "youth unemployment", ["young people"], "HR", "improve",
     "anecdotal", "en", "Students find summer work in tourism in Šibenik."),
    ("youth", "YFI: youth for inclusion", "youth unemployment",
     ["young people", "unemployed people"], "SE", "complement", "anecdotal", "en",
     "Mentors of about the same age help with a first placement."),
    ("youth", "Youth council", "volunteering and civic participation", ["young people"], "HR",
     "reinvent", "anecdotal", "hr", "Mladi sjede u gradskom vijeću."),
    ("youth", "Digital skills café", "access to services", ["older people", "young people"],
     "HR", "complement", "correlation", "en",
     "Teenagers teach smartphones to their grandparents."),
    ("youth", "Night football", "children at risk of exclusion", ["young people"], "HR",
     "improve", "anecdotal", "en", "Sports halls stay open late on Fridays."),
    ("youth", "Peer tutoring", "children at risk of exclusion", ["young people"], "HR",
     "complement", "anecdotal", "en", "Older pupils help younger ones with homework."),
]  # fmt: skip
ALL_NAMES = {spec[1] for spec in SPECS} | {LOCAL}


@pytest.fixture
def settings(settings: Settings) -> Settings:
    return replace(settings, organisation_kind="municipality", country="MK", city="Ohrid")


@dataclass
class Network:
    live: LiveNode
    peers: dict[str, Peer]
    local_uri: str

    async def get(self, path: str) -> str:
        response = await self.live.client.get(path)
        assert response.status_code == 200, (path, response.text[:300])
        assert response.headers["content-type"].startswith("text/html")
        return response.text


def practice_input(spec: tuple[str, str, str, list[str], str, str, str, str, str]) -> Any:
    _, name, challenge, groups, country, innovation, evidence, language, text = spec
    return {
        "name": name,
        "summary": f"{name}: a practice of the network.",
        "content": text,
        "tags": ["SINet"],
        "challenge": challenge,
        "target_groups": groups,
        "country": country,
        "city": CITIES[country],
        "innovation_type": innovation,
        "evidence_level": evidence,
        "language": language,
    }


@pytest.fixture
async def network(live: LiveNode) -> Network:
    live.clock.now = datetime(2027, 3, 1, 12, 0, tzinfo=UTC)
    peers = {
        "porakanova": await join(
            live, "porakanova", "porakanova.example", "PORAKA NOVA", "civil_society", "MK",
            "Struga",
        ),
        "unione": await join(
            live, "unione", "unione.example", "L'Unione degli Assessorati", "civil_society",
            "IT", "Palermo",
        ),
        "youth": await join(
            live, "youthineu", "youth.example", "Youth in the EU", "civil_society", "HR",
            "Šibenik",
        ),
    }  # fmt: skip
    for spec in SPECS:
        live.clock.advance(minutes=1)
        await publish(live, peers[spec[0]], "practice", practice_input(spec))
    local = json.loads((INPUTS / "practice.json").read_text())
    local_uri = await local_publishing.publish(live.node, "practice", local)
    return Network(live, peers, local_uri)


async def test_the_catalogue_lists_every_practice_in_pages_credited_to_its_organisation(
    network: Network,
) -> None:
    first = await network.get("/practices")
    assert "14 practices" in first
    assert card_names(first)[0] == LOCAL  # newest first
    second = await network.get("/practices?page=2")
    assert len(card_names(first)) == 12 and len(card_names(second)) == 2
    assert set(card_names(first)) | set(card_names(second)) == ALL_NAMES
    assert "?page=2" in first and "Page 1 of 2" in first and "Page 2 of 2" in second
    # A peer's practice links to our credited copy and to the original, and names its
    # organisation, kind and place.
    links = card_links(second) | card_links(first)
    peer = network.peers["porakanova"]
    assert links["Supported living in small homes"].startswith(f"{BASE_URL}/network/practices/")
    assert 'class="origin" href="https://porakanova.example/practices/1"' in first + second
    assert f'By <a href="{peer.profile}">PORAKA NOVA</a>' in first + second
    assert "(civil-society organisation, Struga, North Macedonia)" in first + second
    assert "Original on porakanova.example" in first + second
    # Ours is credited to the node's own organisation, from its settings.
    assert links[LOCAL] == network.local_uri
    assert 'Municipality of Ohrid</a> <span class="muted">(municipality, Ohrid' in first


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("beekeeping", {"Supported living in small homes"}),  # a word of the content only
        ("BEEKEEP", {"Supported living in small homes"}),  # any case, a prefix
        ("citta", {"Città amica delle persone anziane"}),  # without the diacritics
        ("sibenik tourism", {"Summer jobs desk"}),  # Šibenik, written as typed abroad
        ("пекарница", {"Инклузивна пекарница"}),  # Cyrillic, lower case
        ("orto anziani", {"Orti sociali"}),  # every word must be there
        ("beekeeping tourism", set()),
        # Words, not a phrase: "Older pupils" and "young people" match too.
        ("older people", {"Integrazione dei servizi", "Orti sociali",
                          "Città amica delle persone anziane", "Digital skills café",
                          "Peer tutoring"}),
    ],
)  # fmt: skip
async def test_search_finds_a_practice_by_a_word_of_its_text(
    network: Network, query: str, expected: set[str]
) -> None:
    page = await network.get(f"/practices?q={quote(query)}")
    assert set(card_names(page)) == expected
    assert f"{len(expected)} practice" in page


@pytest.mark.parametrize(
    ("facet", "value", "expected"),
    [
        ("challenge", "Youth Unemployment", {"Инклузивна пекарница", "Summer jobs desk",
                                             "YFI: youth for inclusion", LOCAL}),
        ("target_group", "older people", {"Integrazione dei servizi", "Orti sociali",
                                          "Città amica delle persone anziane",
                                          "Digital skills café"}),
        ("country", "it", {"Integrazione dei servizi", "Orti sociali",
                           "Città amica delle persone anziane"}),
        ("innovation_type", "transform", {"Supported living in small homes",
                                          "Città amica delle persone anziane"}),
        ("evidence_level", "attribution", {"Integrazione dei servizi"}),
        ("language", "mk", {"Инклузивна пекарница"}),
        ("organisation", "https://porakanova.example/users/porakanova",
         {"Supported living in small homes", "Parents' respite weekends",
          "Инклузивна пекарница"}),
        ("challenge", "no such challenge", set()),
    ],
)  # fmt: skip
async def test_each_filter_narrows_the_catalogue(
    network: Network, facet: str, value: str, expected: set[str]
) -> None:
    page = await network.get(f"/practices?{facet}={quote(value)}")
    assert set(card_names(page)) == expected
    assert f"{len(expected)} practice" in page
    # The chosen value stays selected (also an unknown one, with 0) and can be removed.
    assert any(" selected>" in option for option in page.split("<option")[1:])
    assert 'aria-label="Remove filter' in page


async def test_facet_counts_say_what_each_choice_would_give(network: Network) -> None:
    page = await network.get("/practices")
    challenges = filter_options(page, "challenge")
    assert challenges["youth unemployment"] == ("Youth unemployment", 4)
    assert challenges["children at risk of exclusion"] == ("Children at risk of exclusion", 2)
    assert sum(count for _, count in filter_options(page, "country").values()) == 14
    assert filter_options(page, "country")["MK"] == ("North Macedonia", 3)
    assert filter_options(page, "language")["it"] == ("Italian", 3)
    organisations = filter_options(page, "organisation")
    assert organisations["https://youth.example/users/youthineu"] == ("Youth in the EU", 6)
    assert organisations[network.live.node.urls.actor] == ("Municipality of Ohrid", 1)
    assert filter_options(page, "evidence_level")["attribution"][1] == 1
    # With a country chosen, the other facets count within it; the country facet itself
    # still offers every country.
    croatia = await network.get("/practices?country=HR")
    assert filter_options(croatia, "challenge")["youth unemployment"][1] == 1
    assert filter_options(croatia, "country")["MK"][1] == 3
    assert set(card_names(croatia)) == {
        "Summer jobs desk", "Youth council", "Digital skills café", "Night football",
        "Peer tutoring",
    }  # fmt: skip


async def test_search_filters_and_paging_combine(network: Network) -> None:
    page = await network.get("/practices?q=young&country=HR&page=1")
    assert set(card_names(page)) == {"Summer jobs desk"} | {
        "Youth council", "Digital skills café", "Night football", "Peer tutoring",
    }  # fmt: skip
    empty = await network.get("/practices?country=HR&page=7")
    assert card_names(empty) == []
    assert "There is no page 7" in empty and "page=1" in empty


async def test_remote_content_is_sanitised_indexed_clean_and_credited(network: Network) -> None:
    live, peer = network.live, network.peers["unione"]
    document = document_of(live, peer, "practice", practice_input(SPECS[3]))
    document.update(
        name="<b>Kingfisher</b> <script>alert(1)</script>walks",
        summary='<img src=x onerror="alert(2)">Walks along the river',
        content="<p>Kingfisher walks.</p><script>stealcookies()</script>"
        '<a href="javascript:alert(3)">more</a>',
        url="javascript:alert(4)",
    )
    document.pop("nameMap", None), document.pop("summaryMap", None)
    document.pop("contentMap", None)
    await create(live, peer, document)
    page = await network.get("/practices?q=kingfisher")
    assert card_names(page) == ["Kingfisher walks"]
    for bad in ("<script", "onerror", "javascript:", "<b>Kingfisher"):
        assert bad not in page
    assert card_links(page)["Kingfisher walks"].startswith(f"{BASE_URL}/network/practices/")
    assert f'class="origin" href="{document["id"]}"' in page  # not the javascript: url
    assert "L&#39;Unione degli Assessorati</a>" in page
    # What the sanitiser removed is not searchable either.
    assert card_names(await network.get("/practices?q=stealcookies")) == []


async def test_deleted_practices_drop_out(network: Network) -> None:
    live, peer = network.live, network.peers["porakanova"]
    gone = peer.published[0]  # Supported living in small homes
    delete = {
        "id": f"{gone}/delete",
        "type": "Delete",
        "actor": peer.actor.id,
        "object": {"id": gone, "type": "Tombstone"},
    }
    await deliver(live, peer.actor, delete)
    await local_publishing.delete(live.node, network.local_uri)
    page = await network.get("/practices")
    assert "12 practices" in page
    assert "Supported living in small homes" not in page and LOCAL not in page
    assert card_names(await network.get("/practices?q=beekeeping")) == []
    assert filter_options(page, "country")["MK"][1] == 2
    assert "NL" not in filter_options(page, "country")


async def test_home_shows_the_organisation_its_work_and_the_follow_box(
    network: Network,
) -> None:
    live = network.live
    await local_publishing.publish(
        live.node, "event", json.loads((INPUTS / "event.json").read_text())
    )
    page = await network.get("/")
    assert '<h1 id="org-name">Municipality of Ohrid</h1>' in page
    assert ">municipality</p>" in page and "Ohrid, North Macedonia" in page
    assert '<label for="handle">Follow from Mastodon</label>' in page
    assert 'id="handle" readonly value="@ohrid@node.example"' in page
    # Its own practices, events and calls; the network's are one click away.
    assert card_names(page) == [LOCAL, "Co-learning workshop: transferring social innovations"]
    assert "All 14 practices in the network" in page
    assert "from 4 organisations" in page
    for path in ("/practices", "/events", "/calls", "/events/calendar"):
        assert f'href="{path}"' in page
    # The same facts go out on the actor, for peers' filters and credits.
    actor = await live.client.get(
        live.node.urls.actor, headers={"Accept": "application/activity+json"}
    )
    document = actor.json()
    assert (document["organisationType"], document["country"], document["city"]) == (
        "municipality", "MK", "Ohrid",
    )  # fmt: skip


BAD_QUERIES = [
    "q=" + "x" * 10_000,
    "q=" + "%ff%fe%fd" * 50,  # not UTF-8
    "q=%00%01%1b",  # control characters
    "q=%ed%a0%80",  # an encoded surrogate
    'q="unbalanced',
    "q=*",
    "q=NEAR(a+b)",
    "q=a+OR+b+NOT+c",
    "q=-youth",
    "q=youth:*+%26+!x",  # tsquery syntax
    "q=%25%27%3B--",  # SQL-ish
    "challenge=" + "y" * 5_000,
    "challenge=%00",
    "country=%ff",
    "organisation=javascript:alert(1)",
    "page=999999",
    "page=9999999999999999999999",
    "page=-1",
    "page=0",
    "page=abc",
    "page=1e3",
    "page=%ff",
    "page=",
    "page=1&page=2",
    "closes_by=2027-02-30",
    "closes_by=99999-01-01",
    "closes_by=%ff",
    "month=2027-13",
    "month=0000-01",
    "month=10000-01",
    "month=2027-1",
    "month=%ff",
    "remote=%ff",
    "%ff=%ff",
    "q",
    "&&&==&",
]


@pytest.mark.parametrize("path", ["/practices", "/events", "/calls", "/events/calendar", "/"])
async def test_bad_query_strings_answer_a_page_or_a_400_never_a_500(
    live: LiveNode, path: str
) -> None:
    for kind in ("practice", "event", "call"):
        data = json.loads((INPUTS / f"{kind}.json").read_text())
        await local_publishing.publish(live.node, kind, data)
    for query in BAD_QUERIES:
        response = await live.client.get(f"{path}?{query}")
        status = response.status_code
        assert status in (200, 400), (query, status, response.text[:200])
        if status == 400:
            assert response.headers["content-type"] == "application/problem+json", query
            assert response.json()["detail"], query
        else:
            assert response.headers["content-type"].startswith("text/html"), query
            assert "<h1" in response.text, query
