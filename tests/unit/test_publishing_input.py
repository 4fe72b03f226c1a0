"""`publish` input: valid files become normalised drafts; each mistake is one line."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from sinet_node.objects import Place, PostalAddress
from sinet_node.publishing import (
    CallDraft,
    EventDraft,
    InputError,
    PracticeDraft,
    Translation,
    allowed_keys,
    parse_publication_input,
)

from .publishing_samples import CALL_INPUT, EVENT_INPUT, INPUTS, PRACTICE_INPUT

DROP = object()
SKOPJE = ZoneInfo("Europe/Skopje")


def parse(kind: str, data: Any, *, language: str = "mk", zone: str = "Europe/Skopje") -> Any:
    return parse_publication_input(kind, data, default_language=language, default_timezone=zone)


def changed(kind: str, **changes: Any) -> dict[str, Any]:
    data = dict(INPUTS[kind])
    for key, value in changes.items():
        if value is DROP:
            data.pop(key, None)
        else:
            data[key] = value
    return data


def error(kind: str, data: Any, **options: Any) -> str:
    with pytest.raises(InputError) as caught:
        parse(kind, data, **options)
    message = str(caught.value)
    assert "\n" not in message
    return message


# Valid input ---------------------------------------------------------------------------------


def test_practice_is_checked_and_normalised() -> None:
    draft = parse("practice", PRACTICE_INPUT)
    assert isinstance(draft, PracticeDraft)
    assert draft.name == "Jongerenloket: one desk for young people out of work"
    assert draft.country == "NL"
    assert draft.language == "en-GB"
    assert draft.tags == ("YouthUnemployment", "Rotterdam")
    assert draft.innovation_type == "reinvent"
    assert draft.evidence_level == "correlation"
    assert draft.toolkit_urls == ("https://toolkits.example.org/jongerenloket",)
    assert draft.target_groups == ("young people", "unemployed people")
    assert draft.translations == {
        "nl": Translation(name="Jongerenloket", content="Eén loket voor jongeren.")
    }
    assert draft.content.startswith("The **Jongerenloket**")


def test_practice_with_only_the_required_keys() -> None:
    draft = parse(
        "practice",
        {
            "name": "5Ponts",
            "summary": "Housing and work for people in precarious situations.",
            "content": "In Nantes.",
            "tags": [],
            "challenge": "social inclusion of people in precarious situations",
            "country": "FR",
        },
    )
    assert isinstance(draft, PracticeDraft)
    assert draft.language == "mk"
    assert (draft.city, draft.innovation_type, draft.toolkit_urls, draft.image) == (
        None,
        None,
        (),
        None,
    )


def test_null_counts_as_absent() -> None:
    draft = parse("practice", changed("practice", city=None, partners=None))
    assert isinstance(draft, PracticeDraft)
    assert draft.city is None and draft.partners == ()


def test_event_keeps_its_offsets_and_zone() -> None:
    draft = parse("event", EVENT_INPUT)
    assert isinstance(draft, EventDraft)
    plus_two = timezone(timedelta(hours=2))
    assert draft.start_time == datetime(2027, 4, 30, 16, tzinfo=plus_two)
    assert draft.end_time == datetime(2027, 4, 30, 18, tzinfo=plus_two)
    assert draft.start_time.utcoffset() == timedelta(hours=2)
    assert draft.timezone == "Europe/Skopje"
    assert draft.place == Place(name="Youth Centre", address="Ulica Makedonska 5, Ohrid")
    assert draft.online_url == "https://meet.example.org/loneliness"
    assert (draft.event_type, draft.join_mode, draft.capacity, draft.status) == (
        "workshop",
        "restricted",
        25,
        "CONFIRMED",
    )


def test_event_defaults_to_the_nodes_zone_free_entry_and_confirmed() -> None:
    data = changed("event", timezone=DROP, join_mode=DROP, event_type=DROP, capacity=DROP)
    draft = parse("event", data, zone="Europe/Rome")
    assert isinstance(draft, EventDraft)
    assert (draft.timezone, draft.join_mode, draft.status, draft.event_type) == (
        "Europe/Rome",
        "free",
        "CONFIRMED",
        None,
    )


def test_event_online_only_with_a_structured_address_elsewhere() -> None:
    online = parse("event", changed("event", location=DROP))
    assert isinstance(online, EventDraft)
    assert online.place is None and online.online_url is not None
    place = parse(
        "event",
        changed(
            "event",
            online_url=DROP,
            location={
                "name": "Mestna knjižnica",
                "address": {"streetAddress": "Kralja Zvonimira 2", "addressLocality": "Šibenik"},
                "latitude": 43.735,
                "longitude": 15.889,
            },
        ),
    )
    assert isinstance(place, EventDraft)
    assert place.online_url is None
    assert place.place == Place(
        name="Mestna knjižnica",
        address=PostalAddress(street_address="Kralja Zvonimira 2", locality="Šibenik"),
        latitude=43.735,
        longitude=15.889,
    )


def test_event_enumerations_accept_natural_spellings() -> None:
    draft = parse(
        "event", changed("event", event_type="Focus group", status="tentative", join_mode="INVITE")
    )
    assert isinstance(draft, EventDraft)
    assert (draft.event_type, draft.status, draft.join_mode) == (
        "focus_group",
        "TENTATIVE",
        "invite",
    )


def test_call_bare_closing_date_is_the_end_of_that_day_in_the_nodes_zone() -> None:
    draft = parse("call", CALL_INPUT, zone="Europe/Skopje")
    assert isinstance(draft, CallDraft)
    assert draft.closes == datetime(2027, 5, 31, 23, 59, 59, tzinfo=SKOPJE)
    assert draft.closes.utcoffset() == timedelta(hours=2)
    winter = parse("call", changed("call", closes="2027-01-15"), zone="Europe/Skopje")
    assert winter.closes.utcoffset() == timedelta(hours=1)  # type: ignore[union-attr]


def test_call_closing_datetime_keeps_its_offset() -> None:
    draft = parse("call", changed("call", closes="2027-05-31T18:00:00+02:00"))
    assert isinstance(draft, CallDraft)
    assert draft.closes == datetime(2027, 5, 31, 18, tzinfo=timezone(timedelta(hours=2)))


def test_call_may_be_remote_only() -> None:
    draft = parse("call", changed("call", location=DROP, remote=True))
    assert isinstance(draft, CallDraft)
    assert draft.remote is True and draft.place is None
    assert (draft.skills, draft.volunteers_needed) == (("listening", "Macedonian"), 12)


def test_allowed_keys_lists_the_cli_keys() -> None:
    assert allowed_keys("practice")[:6] == (
        "name",
        "summary",
        "content",
        "tags",
        "challenge",
        "country",
    )
    assert {"startTime", "endTime", "location", "online_url", "timezone"} <= set(
        allowed_keys("event")
    )
    assert {"skills", "closes", "remote", "how_to_respond"} <= set(allowed_keys("call"))


# Every InputError --------------------------------------------------------------------------

EXAMPLE = "2027-04-30T18:00:00+02:00"
CASES: list[tuple[str, dict[str, Any], str]] = [
    # keys
    ("practice", {"chalenge": "x"}, "practice: unknown key 'chalenge' (did you mean 'challenge'?); "
     "allowed keys: challenge, city, content, country, evidence_level, image, image_alt, "
     "innovation_type, "
     "language, name, partners, summary, tags, target_groups, toolkit_urls, translations"),
    ("event", {"start_time": "x"}, "event: unknown key 'start_time' (did you mean 'startTime'?)"),
    ("call", {"zzz": 1, "aaa": 2}, "call: unknown keys 'aaa', 'zzz'; allowed keys: "),
    ("practice", {"country": DROP}, "practice: missing required key 'country' "
     "(an ISO 3166-1 alpha-2 code, e.g. MK)"),
    ("practice", {"country": None}, "practice: missing required key 'country'"),
    ("practice", {"country": DROP, "challenge": DROP},
     "practice: missing required keys 'challenge', 'country'"),
    ("event", {"startTime": DROP}, "event: missing required key 'startTime' "
     f"(an ISO 8601 date-time with an offset, like {EXAMPLE})"),
    ("call", {"closes": DROP}, "call: missing required key 'closes'"),
    # text
    ("practice", {"name": "   "}, "practice: 'name' must be non-empty text, not '   '"),
    ("practice", {"name": 42}, "practice: 'name' must be non-empty text, not 42"),
    ("practice", {"name": "x" * 201}, "practice: 'name' is 201 characters long; keep it to 200"),
    ("event", {"summary": "x" * 501}, "event: 'summary' is 501 characters long; keep it to 500"),
    ("call", {"content": ["a"]}, "call: 'content' must be non-empty text, not a list"),
    ("call", {"time_commitment": 5}, "call: 'time_commitment' must be non-empty text, not 5"),
    ("call", {"how_to_respond": ""}, "call: 'how_to_respond' must be non-empty text"),
    ("practice", {"city": {"name": "x"}}, "practice: 'city' must be non-empty text, not an object"),
    # lists and hashtags
    ("practice", {"tags": "a, b"}, "practice: 'tags' must be a list of text, like"),
    ("practice", {"tags": ["ok", "C++"]}, "practice: 'tags[1]' cannot be a hashtag: use letters, "
     "digits and _, like SocialInclusion, not 'C++'"),
    ("practice", {"tags": ["2027"]}, "practice: 'tags[0]' cannot be a hashtag"),
    ("practice", {"tags": ["ok", ""]}, "practice: 'tags[1]' must be non-empty text"),
    ("practice", {"target_groups": "young"}, "practice: 'target_groups' must be a list of text"),
    ("practice", {"partners": ["a", 3]}, "practice: 'partners[1]' must be non-empty text, not 3"),
    ("call", {"skills": "cooking"}, "call: 'skills' must be a list of text"),
    ("call", {"skills": [None]}, "call: 'skills[0]' must be non-empty text, not null"),
    # country, language, enumerations
    ("practice", {"country": "UK"}, "practice: 'country' must be an ISO 3166-1 alpha-2 code: "
     "use GB"),
    ("practice", {"country": "Macedonia"}, "practice: 'country' must be an ISO 3166-1 alpha-2 "
     "country code: two letters like MK, IT, HR or ES, not 'Macedonia'"),
    ("practice", {"country": "M1"}, "practice: 'country' must be an ISO 3166-1 alpha-2"),
    ("practice", {"country": 7}, "practice: 'country' must be an ISO 3166-1 alpha-2"),
    ("practice", {"language": "english"}, "practice: 'language' must be a BCP 47 language tag "
     "like mk, it, hr, es or en-GB, not 'english'"),
    ("event", {"language": 5}, "event: 'language' must be a BCP 47 language tag"),
    ("practice", {"innovation_type": "disrupt"}, "practice: 'innovation_type' must be one of "
     "improve, complement, reinvent, transform, not 'disrupt'"),
    ("practice", {"evidence_level": "strong"}, "practice: 'evidence_level' must be one of "
     "anecdotal, correlation, attribution, not 'strong'"),
    ("event", {"event_type": "party"}, "event: 'event_type' must be one of training, webinar, "
     "focus_group, conference, workshop, not 'party'"),
    ("event", {"join_mode": "open"}, "event: 'join_mode' must be one of free, restricted, invite, "
     "external, not 'open'"),
    ("event", {"status": "POSTPONED"}, "event: 'status' must be one of TENTATIVE, CONFIRMED, "
     "CANCELLED, not 'POSTPONED'"),
    ("event", {"status": 1}, "event: 'status' must be one of"),
    # numbers and booleans
    ("event", {"capacity": 0}, "event: 'capacity' must be a whole number of 1 or more, not 0"),
    ("event", {"capacity": True}, "event: 'capacity' must be a whole number of 1 or more, "
     "not true"),
    ("event", {"capacity": "30"}, "event: 'capacity' must be a whole number of 1 or more, "
     "not '30'"),
    ("call", {"volunteers_needed": -1}, "call: 'volunteers_needed' must be a whole number"),
    ("call", {"remote": "yes"}, "call: 'remote' must be true or false, not 'yes'"),
    # URLs and the image
    ("practice", {"toolkit_urls": ["ftp://files.example/kit.zip"]}, "practice: 'toolkit_urls[0]' "
     "must be an http(s) URL like https://example.org/page, not 'ftp://files.example/kit.zip'"),
    ("practice", {"toolkit_urls": "https://a.example"}, "practice: 'toolkit_urls' must be a list "
     "of http(s) URLs"),
    ("event", {"online_url": "meet.example.org/room"}, "event: 'online_url' must be an http(s) "
     "URL like https://example.org/page, not 'meet.example.org/room'"),
    ("event", {"online_url": "javascript:alert(1)"}, "event: 'online_url' must be an http(s) URL"),
    ("event", {"online_url": "https://"}, "event: 'online_url' must be an http(s) URL"),
    ("event", {"online_url": "https://[::1"}, "event: 'online_url' must be an http(s) URL"),
    ("event", {"online_url": "https://a.example/a room"}, "event: 'online_url' must be an http(s)"),
    ("practice", {"image": "ftp://files.example/banner.jpg"}, "practice: 'image' must be an "
     "http(s) URL"),
    ("practice", {"image": ""}, "practice: 'image' must be non-empty text"),
    # dates and zones
    ("event", {"startTime": "2027-04-30"}, "event: 'startTime' must be an ISO 8601 date-time with "
     f"an offset, like {EXAMPLE}, not '2027-04-30'"),
    ("event", {"endTime": "2027-04-30T18:00:00"}, "event: 'endTime' must be an ISO 8601 date-time "
     f"with an offset, like {EXAMPLE}, not '2027-04-30T18:00:00'"),
    ("event", {"startTime": "tomorrow at six"}, "event: 'startTime' must be an ISO 8601 date-time"),
    ("event", {"startTime": 1700000000}, "event: 'startTime' must be an ISO 8601 date-time with "
     f"an offset, like {EXAMPLE}, not 1700000000"),
    ("event", {"endTime": "2027-04-30T15:00:00+02:00"}, "event: 'endTime' must be after "
     "'startTime' (2027-04-30T16:00:00+02:00)"),
    ("event", {"endTime": "2027-04-30T14:00:00Z"}, "event: 'endTime' must be after 'startTime'"),
    ("event", {"timezone": "Europe/Atlantis"}, "event: 'timezone' must be an IANA time zone name "
     "like Europe/Skopje or Europe/Rome, not 'Europe/Atlantis'"),
    ("event", {"timezone": "../../etc/passwd"}, "event: 'timezone' must be an IANA time zone name"),
    ("event", {"timezone": ""}, "event: 'timezone' must be an IANA time zone name"),
    ("event", {"timezone": "Europe"}, "event: 'timezone' must be an IANA time zone name"),
    ("call", {"closes": "31/05/2027"}, "call: 'closes' must be a date like 2027-05-31 or a "
     f"date-time with an offset, like {EXAMPLE}, not '31/05/2027'"),
    ("call", {"closes": "2027-02-30"}, "call: 'closes' must be a date like 2027-05-31"),
    ("call", {"closes": "2027-05-31T18:00:00"}, "call: 'closes' must be a date like 2027-05-31 or "
     "a date-time with an offset"),
    ("call", {"closes": 20270531}, "call: 'closes' must be a date like 2027-05-31"),
    # where
    ("event", {"location": DROP, "online_url": DROP}, "event: give 'location' {\"name\", "
     "\"address\"} for a place, 'online_url' for an online event, or both"),
    ("call", {"location": DROP}, "call: give 'location' {\"name\", \"address\"} for a place, "
     "'online_url' for online help, or \"remote\": true"),
    ("call", {"location": DROP, "remote": False}, "call: give 'location'"),
    ("event", {"location": "Ohrid"}, "event: 'location' must be an object like {\"name\": "
     "\"Youth Centre\", \"address\": \"Ulica 5, Ohrid\"}, not 'Ohrid'"),
    ("event", {"location": {"name": "x", "addr": "y"}}, "event: 'location' has unknown key "
     "'addr' (did you mean 'address'?); allowed keys: address, latitude, longitude, name"),
    ("event", {"location": {"address": "Ulica 5"}}, "event: 'location.name' must be non-empty "
     "text, not null"),
    ("event", {"location": {"name": "x", "address": 5}}, "event: 'location.address' must be "
     "non-empty text, not 5"),
    ("event", {"location": {"name": "x", "address": {"street": "y"}}}, "event: "
     "'location.address' has unknown key 'street'"),
    ("event", {"location": {"name": "x", "address": {"addressLocality": 5}}}, "event: "
     "'location.address.addressLocality' must be non-empty text, not 5"),
    ("event", {"location": {"name": "x", "latitude": 41.1}}, "event: 'location' needs both "
     "'latitude' and 'longitude', or neither"),
    ("event", {"location": {"name": "x", "latitude": 100, "longitude": 20}}, "event: "
     "'location.latitude' must be a number from -90 to 90, not 100"),
    ("event", {"location": {"name": "x", "latitude": 41, "longitude": "east"}}, "event: "
     "'location.longitude' must be a number from -180 to 180, not 'east'"),
    # translations
    ("practice", {"translations": ["it"]}, "practice: 'translations' must be an object like "
     "{\"it\": {\"name\": \"...\", \"summary\": \"...\", \"content\": \"...\"}}, not a list"),
    ("practice", {"translations": {"italiano": {"name": "x"}}}, "practice: 'translations.italiano'"
     " must be a BCP 47 language tag"),
    ("practice", {"translations": {"en-GB": {"name": "x"}}}, "practice: 'translations.en-GB' is "
     "the main language: its text goes in name, summary, content"),
    ("practice", {"translations": {"it": {"name": "a"}, "IT": {"name": "b"}}}, "practice: "
     "'translations.IT' repeats the language it"),
    ("practice", {"translations": {"it": "Ciao"}}, "practice: 'translations.it' must be an "
     "object like"),
    ("practice", {"translations": {"it": {"title": "x"}}}, "practice: 'translations.it' has "
     "unknown key 'title'"),
    ("practice", {"translations": {"it": {}}}, "practice: 'translations.it' needs at least one of "
     "'name', 'summary', 'content'"),
    ("practice", {"translations": {"it": {"name": ""}}}, "practice: 'translations.it.name' must "
     "be non-empty text"),
    ("practice", {"translations": {"it": {"summary": "x" * 501}}}, "practice: "
     "'translations.it.summary' is 501 characters long"),
]  # fmt: skip


@pytest.mark.parametrize(("kind", "change", "expected"), CASES)
def test_each_mistake_is_one_line_naming_the_key(
    kind: str, change: dict[str, Any], expected: str
) -> None:
    message = error(kind, changed(kind, **change))
    assert message.startswith(expected), message


def test_input_must_be_a_json_object() -> None:
    assert error("event", ["name"]) == "event: the input must be a JSON object, not a list"
    assert error("call", "text") == "call: the input must be a JSON object, not 'text'"


def test_unknown_kind() -> None:
    assert error("article", {}) == "unknown kind 'article': use practice, event or call"


def test_a_bad_node_zone_is_reported_too() -> None:
    assert error("call", CALL_INPUT, zone="Mars/Base").startswith(
        "call: 'timezone' must be an IANA time zone name"
    )


def test_a_long_value_is_shortened_in_the_message() -> None:
    message = error("practice", changed("practice", country="x" * 300))
    assert len(message) < 200 and message.endswith("…")


# Every problem, with its key (what a form shows next to each field) ---------------------------


def problems(kind: str, data: Any, **options: Any) -> dict[str | None, str]:
    with pytest.raises(InputError) as caught:
        parse(kind, data, **options)
    return {problem.key: problem.text for problem in caught.value.problems}


def test_every_missing_key_is_its_own_problem_and_the_message_stays_one_line() -> None:
    data = changed("practice", name=DROP, country=DROP, challenge=DROP)
    assert error("practice", data) == (
        "practice: missing required keys 'name', 'challenge', 'country'"
    )
    assert problems("practice", data) == {
        "name": "is required",
        "challenge": "is required",
        "country": "is required",
    }


def test_all_problems_are_reported_at_once_each_under_its_key() -> None:
    data = changed(
        "event",
        summary=DROP,
        name="x" * 201,
        endTime="2027-04-30T15:00:00+02:00",
        capacity=0,
        tags=["ok", "C++"],
        translations={"it": {"name": ""}, "es": {"summary": "x" * 501}},
    )
    found = problems("event", data)
    assert found == {
        "summary": "is required",
        "name": "is 201 characters long; keep it to 200",
        "translations.it.name": "must be non-empty text, not ''",
        "translations.es.summary": "is 501 characters long; keep it to 500",
        "tags[1]": "cannot be a hashtag: use letters, digits and _, like SocialInclusion, "
        "not 'C++'",
        "endTime": "must be after the start",
        "capacity": "must be a whole number of 1 or more, not 0",
    }
    # The CLI's line is the first problem's.
    assert error("event", data).startswith("event: missing required key 'summary'")


def test_a_missing_place_is_a_problem_of_the_location() -> None:
    found = problems("event", changed("event", location=DROP, online_url=DROP))
    assert found == {"location": "give a place, a link for an online event, or both"}


def test_a_wrong_location_is_not_also_reported_as_missing() -> None:
    found = problems("call", changed("call", location={"address": "Ulica 5"}))
    assert found == {"location.name": "must be non-empty text, not null"}


def test_a_bad_zone_is_reported_once_for_a_call() -> None:
    found = problems("call", CALL_INPUT, zone="Mars/Base")
    assert list(found) == ["timezone"]


def test_a_problem_that_names_other_keys_reads_plainly_in_a_form() -> None:
    data = changed(
        "practice",
        language="it",
        translations={"it": {"name": "Uno"}, "es": {}},
    )
    assert problems("practice", data) == {
        "translations.it": "is the main language: choose another for a translation",
        "translations.es": "needs a title, a summary or a description",
    }
    # The CLI's line still names the keys.
    assert error("practice", data).endswith("its text goes in name, summary, content")


def test_image_alt_is_kept_with_the_image() -> None:
    draft = parse(
        "practice",
        changed(
            "practice",
            image="https://node.example/media/ab12cd34ef56ab12.jpg",
            image_alt="Young people at the desk",
        ),
    )
    assert draft.image_alt == "Young people at the desk"
    assert problems("practice", changed("practice", image_alt="x" * 1501)) == {
        "image_alt": "is 1501 characters long; keep it to 1500"
    }
