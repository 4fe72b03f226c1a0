# Macedonian text: Cyrillic letters that look like Latin ones are meant.
# ruff: noqa: RUF001
"""Every public page in each of the interface's six languages, as a browser that asks for it
sees it: the language chosen by Accept-Language, by the switcher's cookie or by the node; the
page's <html lang>, its words and dates in that language and no English left over; content
shown in the reader's language when the author translated it; and caches told the page varies.
"""

from __future__ import annotations

import asyncio
import json
import re
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import httpx
import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po
from starlette.requests import Request
from starlette.responses import PlainTextResponse

from sinet_node import translation
from sinet_node.config import Settings
from sinet_node.federation import local_publishing
from sinet_node.web.app import create_app
from sinet_node.web.i18n.catalogues import po_path
from sinet_node.web.i18n.languages import LANGUAGES
from tests.conftest import BASE_URL, LiveNode
from tests.integration.html_page import HtmlPage

INPUTS = Path(__file__).parent.parent / "fixtures" / "inputs"
NOW = datetime(2027, 3, 1, 12, 0, tzinfo=UTC)

# The main navigation's first link, as each language says it.
PRACTICES = {
    "en": "Practices",
    "mk": "Практики",
    "it": "Pratiche",
    "hr": "Prakse",
    "es": "Prácticas",
    "nl": "Praktijken",
}
# The event's date as each language writes it (Babel/CLDR), and the Macedonian translation.
EVENT_DAY = {
    "en": "Thursday 29 April 2027",
    "mk": "четврток, 29 април 2027 г.",  # CLDR's narrow no-break space, as page.text folds it
    "it": "giovedì 29 aprile 2027",
    "hr": "četvrtak, 29. travnja 2027.",
    "es": "jueves, 29 de abril de 2027",
    "nl": "donderdag 29 april 2027",
}
MK_NAME = "Јонгеренлокет: еден шалтер за млади без работа"


def load(kind: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((INPUTS / f"{kind}.json").read_text(encoding="utf-8"))
    return data


@dataclass(frozen=True)
class Site:
    practice: str
    event: str
    call: str
    deleted: str


@pytest.fixture
def settings(settings: Settings) -> Settings:
    return replace(settings, organisation_kind="municipality", country="MK", city="Ohrid")


@pytest.fixture
async def site(live: LiveNode) -> Site:
    live.clock.now = NOW
    practice = load("practice") | {
        "translations": {
            "mk": {
                "name": MK_NAME,
                "summary": "Младинскиот шалтер во Ротердам ги обединува работата и обуката.",
                "content": "Младите прво се среќаваат со **коуч**.",
            }
        }
    }
    uris = [
        await local_publishing.publish(live.node, kind, data)
        for kind, data in (
            ("practice", practice),
            ("event", load("event")),
            ("call", load("call")),
            ("practice", load("practice") | {"name": "A practice that was withdrawn"}),
        )
    ]
    await local_publishing.delete(live.node, uris[3])
    return Site(*uris)


def pages(site: Site) -> list[tuple[str, int]]:
    return [
        ("/", 200),
        ("/@ohrid", 200),
        ("/practices", 200),
        ("/practices?q=youth&country=NL", 200),
        ("/events", 200),
        ("/events/calendar?month=2027-04", 200),
        ("/calls", 200),
        ("/calls?remote=yes", 200),
        ("/tags/youth", 200),
        ("/ns", 200),
        (site.practice, 200),
        (site.event, 200),
        (site.call, 200),
        (site.deleted, 410),
        ("/practices/no-such-practice", 404),
        ("/events/calendar?month=2027-13", 400),
    ]


def catalogue(language: str) -> Catalog:
    with po_path(language).open("rb") as source:
        return read_po(source, locale=language)


def english_left_over(language: str) -> list[str]:
    """The interface's English words and phrases that `language` says differently (single
    words of five letters or more: shorter ones hide inside other languages' words)."""
    phrases = []
    for message in catalogue(language):
        if not isinstance(message.id, str) or not message.id or message.string == message.id:
            continue
        if re.search(r"[%<{]", message.id) or len(message.id.strip(":.")) < 5:
            continue
        phrases.append(message.id)
    return phrases


class _InterfaceText(HTMLParser):
    """The visible text of a page without what sits inside an element with a `lang` of its
    own (the content, in its author's language), in <code> (identifiers, not words) or in
    <head>, <script> and <style>."""

    _VOID = frozenset({"meta", "link", "img", "br", "input", "hr", "source", "wbr"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._open: list[bool] = []  # per open element: does it hide its text?

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._VOID:
            return
        hides = tag in ("head", "script", "style", "code") or (
            tag != "html" and bool(dict(attrs).get("lang"))
        )
        self._open.append(hides)

    def handle_endtag(self, tag: str) -> None:
        if tag not in self._VOID and self._open:
            self._open.pop()

    def handle_data(self, data: str) -> None:
        if not any(self._open):
            self.parts.append(data)


def interface_text(html: str) -> str:
    parser = _InterfaceText()
    parser.feed(html)
    parser.close()
    return re.sub(r"\s+", " ", " ".join(parser.parts))


async def get(live: LiveNode, path: str, **headers: str) -> Any:
    return await live.client.get(path, headers={"Accept": "text/html", **headers})


@pytest.mark.parametrize("language", LANGUAGES)
async def test_every_page_in(language: str, live: LiveNode, site: Site) -> None:
    leftovers = [] if language == "en" else english_left_over(language)
    accept = {"en": "en-GB,en;q=0.9", "mk": "mk-MK,mk;q=0.9,en;q=0.5"}.get(language, language)
    for path, status in pages(site):
        response = await get(live, path, **{"Accept-Language": accept})
        assert response.status_code == status, (path, response.text[:300])
        assert response.headers["content-type"].startswith("text/html")
        html = response.text
        page = HtmlPage.parse(html)
        [root] = page.all("html")
        assert root.attrs["lang"] == language, path
        assert PRACTICES[language] in [a.text.strip() for a in page.all("a")], path
        # No placeholder or template syntax reaches a reader.
        assert not re.search(r"%\(\w+\)|%[sd]\b|\{\{|\}\}|\{%", page.text), (path, page.text)
        shown = interface_text(html)
        left = [phrase for phrase in leftovers if re.search(rf"\b{re.escape(phrase)}\b", shown)]
        assert not left, f"{language} {path}: English left over: {left} in {shown}"
        assert "Accept-Language" in response.headers["vary"], path
        assert "Cookie" in response.headers["vary"], path


async def test_pages_say_dates_and_names_in_the_readers_language(
    live: LiveNode, site: Site
) -> None:
    for language in LANGUAGES:
        headers = {"Accept-Language": language}
        event = HtmlPage.parse((await get(live, site.event, **headers)).text)
        assert EVENT_DAY[language] in event.text
        calendar = HtmlPage.parse(
            (await get(live, "/events/calendar?month=2027-04", **headers)).text
        )
        weekdays = [th.text for th in calendar.all("th", scope="col")]
        assert len(weekdays) == 7
        assert (weekdays[0] == "Mon") == (language == "en"), (language, weekdays)
    practice = HtmlPage.parse((await get(live, site.practice, **{"Accept-Language": "hr"})).text)
    # The challenge and target groups the network names are said in Croatian too.
    assert "nezaposlenost mladih" in practice.text and "Nizozemska" in practice.text
    home = HtmlPage.parse((await get(live, "/", **{"Accept-Language": "es"})).text)
    assert "Ohrid, Macedonia del Norte" in home.text and "ayuntamiento" in home.text
    assert "Este nodo conoce 1 práctica, 1 evento y 1 convocatoria de 1 organización." in home.text


async def test_a_translated_practice_is_shown_in_the_readers_language(
    live: LiveNode, site: Site
) -> None:
    original = load("practice")["name"]
    macedonian = HtmlPage.parse((await get(live, site.practice, **{"Accept-Language": "mk"})).text)
    [title] = macedonian.all("h1")
    assert (title.text, title.attrs.get("lang")) == (MK_NAME, "mk")
    assert [d.attrs.get("lang") for d in macedonian.all("details")] == ["en"]
    assert original in macedonian.text  # the original, under "In other languages"
    assert "На други јазици" in macedonian.text
    # A reader of a language without a translation reads the original, marked as English.
    italian = HtmlPage.parse((await get(live, site.practice, **{"Accept-Language": "it"})).text)
    [title] = italian.all("h1")
    assert (title.text, title.attrs.get("lang")) == (original, "en")
    assert [d.attrs.get("lang") for d in italian.all("details")] == ["mk"]
    # Cards follow the same rule.
    listing = HtmlPage.parse((await get(live, "/practices", **{"Accept-Language": "mk"})).text)
    cards = [h3 for h3 in listing.all("h3") if h3.attrs.get("lang")]
    assert [(h3.text, h3.attrs["lang"]) for h3 in cards] == [(MK_NAME, "mk")]


async def test_without_a_preference_the_node_speaks_its_own_language(
    live: LiveNode, site: Site
) -> None:
    live.node.settings = replace(live.node.settings, language="it")
    page = HtmlPage.parse((await get(live, "/practices")).text)
    assert page.all("html")[0].attrs["lang"] == "it"
    # A browser that asks only for languages the interface lacks gets the node's too.
    page = HtmlPage.parse((await get(live, "/practices", **{"Accept-Language": "de, fr"})).text)
    assert page.all("html")[0].attrs["lang"] == "it"
    live.node.settings = replace(live.node.settings, language="sv")
    page = HtmlPage.parse((await get(live, "/practices")).text)
    assert page.all("html")[0].attrs["lang"] == "en"


async def test_the_switcher_remembers_the_choice_and_returns_to_the_page(
    live: LiveNode, site: Site
) -> None:
    page = HtmlPage.parse((await get(live, "/calls?remote=yes", **{"Accept-Language": "en"})).text)
    links = {a.attrs["hreflang"]: a for a in page.all("a") if "hreflang" in a.attrs}
    assert list(links) == list(LANGUAGES)
    assert links["mk"].text == "Македонски" and links["mk"].attrs["lang"] == "mk"
    assert links["en"].attrs.get("aria-current") == "true"
    response = await live.client.get(links["mk"].attrs["href"])
    assert response.status_code == 303
    assert response.headers["location"] == "/calls?remote=yes"
    cookie = response.headers["set-cookie"]
    assert cookie.startswith("sinet_lang=mk;")
    for attribute in ("HttpOnly", "Max-Age=31536000", "Path=/", "SameSite=lax", "Secure"):
        assert attribute in cookie
    # The cookie wins over the browser's own languages, on every page.
    live.client.cookies.set("sinet_lang", "mk")
    for path in ("/calls?remote=yes", "/events", site.event):
        page = HtmlPage.parse((await get(live, path, **{"Accept-Language": "es"})).text)
        assert page.all("html")[0].attrs["lang"] == "mk"
        current = [a for a in page.all("a") if a.attrs.get("aria-current") == "true"]
        assert [a.attrs.get("hreflang") for a in current] == ["mk"]


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/",
        "//evil.example/path",
        "/\\evil.example",
        "javascript:alert(1)",
        "",
        "/%0d%0aSet-Cookie:x=1",
        "/ok\r\nX: y",
    ],
)
async def test_the_switcher_only_returns_to_pages_of_this_node(live: LiveNode, target: str) -> None:
    response = await live.client.get("/language/it", params={"next": target})
    assert response.status_code == 303
    location = response.headers["location"]
    assert location.startswith("/") and not location.startswith(("//", "/\\"))
    assert "evil" not in location and "\n" not in location and "\r" not in location


async def test_an_unknown_language_is_not_found_and_sets_nothing(live: LiveNode) -> None:
    response = await get(live, "/language/de?next=/", **{"Accept-Language": "nl"})
    assert response.status_code == 404
    assert "set-cookie" not in response.headers
    page = HtmlPage.parse(response.text)
    assert page.all("html")[0].attrs["lang"] == "nl"
    assert "Niet gevonden" in page.text


async def test_only_html_varies_with_the_language(live: LiveNode, site: Site) -> None:
    actor = await live.client.get("/users/ohrid", headers={"Accept": "application/activity+json"})
    assert actor.headers["vary"] == "Accept"
    page = await get(live, "/@ohrid", **{"Accept-Language": "hr"})
    assert page.status_code == 200
    assert page.headers["vary"].split(", ") == ["Accept", "Accept-Language", "Cookie"]
    feed = await live.client.get("/users/ohrid/feed.rss", headers={"Accept-Language": "mk"})
    assert "Accept-Language" not in feed.headers.get("vary", "")


def test_the_leftover_check_sees_english_outside_content() -> None:
    # Guards the guard: an unwrapped English string is found, the author's English is not.
    leftovers = english_left_over("mk")
    assert "Skip to content" in leftovers and "Evidence" in leftovers
    html = (
        '<html lang="mk"><body><p>Skip to content</p>'
        '<div lang="en"><p>Evidence of <code>Event</code> Skip</p></div><p><code>Event</code></p>'
    )
    shown = interface_text(html)
    assert "Skip to content" in shown
    assert "Evidence" not in shown and "Event" not in shown


async def test_readers_of_different_languages_at_the_same_time(live: LiveNode, site: Site) -> None:
    # One Jinja environment serves everyone: each page still comes out in its reader's language.
    wanted = [LANGUAGES[index % len(LANGUAGES)] for index in range(24)]
    paths = ["/practices", site.event, "/events/calendar?month=2027-04", "/"]
    responses = await asyncio.gather(
        *(
            get(live, paths[index % len(paths)], **{"Accept-Language": language})
            for index, language in enumerate(wanted)
        )
    )
    for language, response in zip(wanted, responses, strict=True):
        page = HtmlPage.parse(response.text)
        assert page.all("html")[0].attrs["lang"] == language
        assert PRACTICES[language] in [a.text.strip() for a in page.all("a")]


async def test_code_outside_the_templates_speaks_the_readers_language(live: LiveNode) -> None:
    # What form validation and account rules use (sinet_node.translation), bound per request
    # by the web layer: a route of the real app answers in the language the request chose.
    async def echo(request: Request) -> PlainTextResponse:
        return PlainTextResponse(translation.gettext("Practices"))

    app = create_app(live.node)
    app.add_route("/test-echo", echo)
    answers = {}
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url=BASE_URL) as client:
        for language in LANGUAGES:
            response = await client.get("/test-echo", headers={"Accept-Language": language})
            answers[language] = response.text
    assert answers == PRACTICES
    assert translation.gettext("Practices") == "Practices"  # nothing left bound afterwards
