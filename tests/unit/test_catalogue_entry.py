"""What the catalogue files for a document: dates, facets and search words, read through
the codec so that a peer's spelling of our terms lands where ours does."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from sinet_node.storage.catalogue_entry import (
    MAX_QUERY_WORDS,
    MAX_VALUE_LENGTH,
    Entry,
    entry_of,
    facet_value,
    query_words,
    search_words,
)

GOLDEN = Path(__file__).parent.parent / "fixtures" / "objects"
AUTHOR = "https://sinet.ohrid.example/users/ohrid"


def golden(name: str) -> dict[str, Any]:
    document: dict[str, Any] = json.loads((GOLDEN / f"{name}.json").read_text())
    return document


def facets(entry: Entry) -> dict[str, set[str]]:
    result: dict[str, set[str]] = {}
    for facet in entry.facets:
        result.setdefault(facet.name, set()).add(facet.value)
    return result


def test_a_practice_is_filed_under_every_facet() -> None:
    entry = entry_of(golden("practice"), AUTHOR)
    assert facets(entry) == {
        "challenge": {"youth unemployment"},
        "target_group": {"young people", "unemployed people"},
        "country": {"NL"},
        "city": {"rotterdam"},
        "innovation_type": {"reinvent"},
        "evidence_level": {"correlation"},
        "language": {"en", "mk"},  # the main language and the translation
        "organisation": {AUTHOR},
        "tag": {"youthunemployment"},  # the hashtag, without '#', lower case
    }
    assert {f.label for f in entry.facets if f.name == "city"} == {"Rotterdam"}
    assert entry.starts_at is entry.ends_at is entry.closes_at is None
    assert "jongerenloket" in entry.title.split()
    assert "јонгеренлокет" in entry.title.split()  # the Macedonian name too
    assert "uwv" in entry.body.split()  # a partner


def test_an_event_is_filed_by_its_times_place_and_type() -> None:
    entry = entry_of(golden("event"), AUTHOR)
    assert entry.starts_at == datetime(2027, 4, 30, 14, 0, tzinfo=UTC)
    assert entry.ends_at == datetime(2027, 4, 30, 16, 0, tzinfo=UTC)
    assert facets(entry)["event_type"] == {"workshop"}
    assert facets(entry)["city"] == {"ohrid"} and facets(entry)["country"] == {"MK"}
    assert "youth centre" in entry.body


def test_a_call_is_filed_by_closing_time_skills_and_remote() -> None:
    document = golden("call") | {"remote": True}
    entry = entry_of(document, AUTHOR)
    assert entry.closes_at == datetime(2027, 5, 31, 21, 59, 59, tzinfo=UTC)
    assert facets(entry)["skill"] == {"слушање", "македонски јазик"}
    assert facets(entry)["remote"] == {"yes"}
    assert "remote" not in facets(entry_of(golden("call"), AUTHOR))


def test_an_online_call_counts_as_remote() -> None:
    document = golden("call") | {
        "location": {"type": "VirtualLocation", "url": "https://x.example"}
    }
    assert facets(entry_of(document, AUTHOR))["remote"] == {"yes"}


def test_a_peer_s_spellings_land_where_ours_do() -> None:
    # One target group as a plain string, a lower-case country, an unknown innovation type.
    document = golden("practice") | {
        "targetGroups": "Older People",
        "country": "mk",
        "innovationType": "disrupt",
    }
    found = facets(entry_of(document, AUTHOR))
    assert found["target_group"] == {"older people"}
    assert found["country"] == {"MK"}
    assert "innovation_type" not in found  # a value we do not know is not a facet


def test_a_document_the_codec_cannot_read_is_still_searchable() -> None:
    document = {
        "id": "https://peer.example/notes/1",
        "type": "Note",
        "kind": "event",  # claims to be an event, but has no start
        "name": "Broken",
        "content": "<p>Readable words</p>",
    }
    entry = entry_of(document, None)
    assert entry == Entry(title="broken", body="readable words")


def test_markup_and_entities_do_not_become_words() -> None:
    document = golden("practice") | {
        "content": '<p class="x">Fish &amp; chips<br>caf&eacute;</p>',
        "contentMap": {},
        "summaryMap": {},
    }
    body = entry_of(document, AUTHOR).body.split()
    assert {"fish", "chips", "cafe"} <= set(body)
    assert "class" not in body and "amp" not in body and "br" not in body


def test_search_words_fold_case_and_diacritics_and_drop_punctuation() -> None:
    assert search_words("Šibenik, ĐAKOVO!", "Città — café_bar") == "sibenik dakovo citta cafe bar"
    assert search_words("Охрид ЈАЗИК") == "охрид јазик"
    assert search_words(None, "") == ""


@pytest.mark.parametrize(
    ("query", "words"),
    [
        ('"youth" OR -care*', ("youth", "or", "care")),
        ("NEAR(a b, 2)", ("near", "a", "b", "2")),
        ("youth:* & !x | (y)", ("youth", "x", "y")),
        ("youth youth YOUTH", ("youth",)),
        ("\x00\ufffd'\";--", ()),
    ],
)
def test_query_words_keep_only_letters_and_digits(query: str, words: tuple[str, ...]) -> None:
    assert query_words(query) == words


def test_a_long_query_is_cut() -> None:
    assert len(query_words(" ".join(f"w{n}" for n in range(1000)))) == MAX_QUERY_WORDS
    assert query_words("x" * 10_000) == ("x" * 256,)


def test_facet_values_are_normalised_like_the_filters_that_look_for_them() -> None:
    assert facet_value("challenge", "  Youth\tUnemployment ") == "youth unemployment"
    assert facet_value("country", "mk") == "MK"
    assert facet_value("organisation", "https://X.example/Users/A") == "https://X.example/Users/A"
    assert facet_value("skill", "a\x00b") == "a b"
    assert len(facet_value("challenge", "y" * 5000)) == MAX_VALUE_LENGTH
