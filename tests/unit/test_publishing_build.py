"""From a checked draft to the object we publish: HTML, hashtags, addressing, and the teaser."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from sinet_node.objects import (
    AS_PUBLIC,
    Event,
    Hashtag,
    Image,
    Place,
    Practice,
    Source,
    VirtualLocation,
    VolunteerCall,
    from_document,
    to_document,
)
from sinet_node.publishing import build_publication, parse_publication_input

from .content_checks import problems
from .publishing_samples import CALL_INPUT, EVENT_INPUT, PRACTICE_INPUT

BASE = "https://sinet.ohrid.example"
PUBLISHED = datetime(2027, 3, 1, 12, 0, tzinfo=UTC)


def build(kind: str, data: dict[str, Any], **options: Any) -> Any:
    draft = parse_publication_input(
        kind, data, default_language="mk", default_timezone="Europe/Skopje"
    )
    arguments: dict[str, Any] = {
        "object_id": f"{BASE}/objects/1",
        "html_url": f"{BASE}/{kind}s/1",
        "actor_id": f"{BASE}/users/ohrid",
        "followers_url": f"{BASE}/users/ohrid/followers",
        "published": PUBLISHED,
        "hashtag_url": lambda name: f"{BASE}/tags/{name}",
    }
    arguments.update(options)
    return build_publication(draft, **arguments)


def test_practice() -> None:
    banner = Image(url=f"{BASE}/media/banner.jpg", media_type="image/jpeg", name="The desk")
    updated = datetime(2027, 3, 2, tzinfo=UTC)
    practice = build("practice", PRACTICE_INPUT, image=banner, updated=updated)
    assert isinstance(practice, Practice)
    assert practice.id == f"{BASE}/objects/1"
    assert practice.url == f"{BASE}/practices/1"
    assert practice.attributed_to == f"{BASE}/users/ohrid"
    assert practice.to == (AS_PUBLIC,)
    assert practice.cc == (f"{BASE}/users/ohrid/followers",)
    assert practice.content == (
        "<p>The <strong>Jongerenloket</strong> brings together the services a young person "
        "needs.</p>\n<ul>\n<li>job coaching</li>\n<li>training</li>\n<li>benefits</li>\n</ul>"
    )
    assert practice.source == Source(content=PRACTICE_INPUT["content"], media_type="text/markdown")
    assert practice.media_type == "text/html"
    assert practice.tags == (
        Hashtag(name="#YouthUnemployment", href=f"{BASE}/tags/YouthUnemployment"),
        Hashtag(name="#Rotterdam", href=f"{BASE}/tags/Rotterdam"),
    )
    assert practice.attachments == (banner,)
    assert (practice.published, practice.updated) == (PUBLISHED, updated)
    assert practice.language == "en-GB"
    assert practice.name_map == {"nl": "Jongerenloket"}
    assert practice.content_map == {"nl": "<p>Eén loket voor jongeren.</p>"}
    assert practice.summary_map == {}
    assert practice.summary == (
        "One desk where young people find work, training and benefits together.\n\n"
        "Challenge: youth unemployment\nWhere: Rotterdam, NL"
    )
    assert (practice.country, practice.city, practice.innovation_type) == (
        "NL",
        "Rotterdam",
        "reinvent",
    )
    assert from_document(to_document(practice)) == practice


def test_markdown_is_rendered_safe_and_kept_as_source() -> None:
    evil = "Hi <script>alert(1)</script> [x](javascript:alert(1)) ![p](https://i.example/p.png)"
    practice = build("practice", PRACTICE_INPUT | {"content": evil})
    assert problems(practice.content) == []
    assert "<script" not in practice.content
    assert practice.source.content == evil


def test_event_summary_shows_when_where_and_how_to_join_in_the_events_zone() -> None:
    # Times given in UTC are shown in the event's own zone.
    data = EVENT_INPUT | {"startTime": "2027-04-30T14:00:00Z", "endTime": "2027-04-30T16:00:00Z"}
    event = build("event", data)
    assert isinstance(event, Event)
    assert event.summary == (
        "Two hours on practices against social isolation in small towns.\n\n"
        "When: 2027-04-30 16:00\u201318:00 (Europe/Skopje)\n"
        "Where: Youth Centre, Ulica Makedonska 5, Ohrid, and online "
        "(https://meet.example.org/loneliness)\n"
        "Join: registration needed, confirmed by the organiser; 25 places"
    )
    assert event.location == (
        Place(name="Youth Centre", address="Ulica Makedonska 5, Ohrid"),
        VirtualLocation(url="https://meet.example.org/loneliness"),
    )
    assert (event.timezone, event.join_mode, event.capacity, event.status, event.event_type) == (
        "Europe/Skopje",
        "restricted",
        25,
        "CONFIRMED",
        "workshop",
    )
    doc = to_document(event)
    assert doc["startTime"] == "2027-04-30T14:00:00Z"
    assert from_document(doc) == event


def test_event_online_only_multi_day_and_cancelled() -> None:
    data = {k: v for k, v in EVENT_INPUT.items() if k not in ("location", "capacity", "join_mode")}
    data |= {"endTime": "2027-05-02T12:00:00+02:00", "status": "CANCELLED"}
    event = build("event", data)
    lines = event.summary.split("\n")
    assert lines[2:] == [
        "CANCELLED",
        "When: 2027-04-30 16:00 \u2013 2027-05-02 12:00 (Europe/Skopje)",
        "Where: online (https://meet.example.org/loneliness)",
        "Join: free, open to all",
    ]
    assert event.location == (VirtualLocation(url="https://meet.example.org/loneliness"),)


def test_tentative_event_says_so() -> None:
    event = build("event", EVENT_INPUT | {"status": "TENTATIVE"})
    assert "\n\nTo be confirmed\nWhen: " in event.summary


def test_call_summary_shows_skills_where_until_and_how_to_respond() -> None:
    call = build("call", CALL_INPUT | {"skills": ["listening", "C++", "Listening", "youth work"]})
    assert isinstance(call, VolunteerCall)
    assert call.summary == (
        "Visit an older neighbour once a week.\n\n"
        "Skills: listening, C++, Listening, youth work\n"
        "Where: Ohrid\n"
        "Until: 2027-05-31\n"
        "Volunteers needed: 12\n"
        "Time: one afternoon a week\n"
        "Respond: Write to volunteers@ohrid.example"
    )
    # Skills become hashtags where they can (not C++), once each.
    assert [tag.name for tag in call.tags] == ["#listening", "#YouthWork"]
    assert call.closes == datetime(2027, 5, 31, 21, 59, 59, tzinfo=UTC)
    assert call.language == "mk"
    assert from_document(to_document(call)) == call
    assert to_document(call)["closes"] == "2027-05-31T23:59:59+02:00"


def test_remote_call_closing_at_a_set_time() -> None:
    data = {k: v for k, v in CALL_INPUT.items() if k != "location"}
    call = build(
        "call", data | {"remote": True, "closes": "2027-05-31T18:00:00+02:00", "tags": ["Ohrid"]}
    )
    assert "Where: remote, from anywhere\nUntil: 2027-05-31 18:00 (UTC+02:00)" in call.summary
    assert call.location == ()
    assert call.remote is True
    assert [tag.name for tag in call.tags] == ["#listening", "#Macedonian", "#Ohrid"]


def test_translations_get_their_own_teaser_with_the_same_facts() -> None:
    data = EVENT_INPUT | {
        "language": "en",
        "translations": {"mk": {"name": "Работилница", "summary": "Два часа за осаменоста."}},
    }
    event = build("event", data)
    assert event.name_map == {"mk": "Работилница"}
    assert event.summary_map["mk"].startswith("Два часа за осаменоста.\n\nWhen: 2027-04-30 16:00")
    assert event.content_map == {}


@pytest.mark.parametrize("kind", ["event", "call"])
def test_the_teaser_stays_within_500_characters_and_keeps_the_facts(kind: str) -> None:
    long = "word " * 99 + "end"
    data = {"event": EVENT_INPUT, "call": CALL_INPUT}[kind] | {"summary": long}
    if kind == "call":
        data |= {"how_to_respond": "x" * 400, "skills": [f"skill{i}" for i in range(40)]}
    summary = build(kind, data).summary
    assert len(summary) <= 500
    assert summary.startswith("word word")
    assert ("When: " if kind == "event" else "Skills: ") in summary


def test_without_a_hashtag_page_the_tags_have_no_href() -> None:
    practice = build("practice", PRACTICE_INPUT, hashtag_url=None)
    assert practice.tags[0] == Hashtag(name="#YouthUnemployment")


def test_naive_publication_time_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="published must carry a time zone"):
        build("practice", PRACTICE_INPUT, published=datetime(2027, 3, 1, 12))
    with pytest.raises(ValueError, match="updated must carry a time zone"):
        build("practice", PRACTICE_INPUT, updated=datetime(2027, 3, 1, 12))
