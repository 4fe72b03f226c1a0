"""Golden documents: what we publish is exactly the reviewed JSON, and reads back unchanged."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from sinet_node.objects import Activity, Event, from_document, to_document
from sinet_node.objects.vocab import (
    AS_CONTEXT,
    AS_PUBLIC,
    DATA_INTEGRITY_CONTEXT,
    MULTIKEY_CONTEXT,
    SECURITY_CONTEXT,
)

from .objects_samples import EVENT, GOLDEN

FIXTURES = Path(__file__).parent.parent / "fixtures" / "objects"
DATE_KEYS = {"published", "updated", "startTime", "endTime", "closes", "deleted"}
FULL_DATETIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)")


def golden(name: str) -> dict[str, Any]:
    result: dict[str, Any] = json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))
    return result


def walk(doc: Any) -> Any:
    """Every (key, value) pair at every depth of a JSON document."""
    if isinstance(doc, dict):
        for key, value in doc.items():
            if key == "@context":
                continue
            yield key, value
            yield from walk(value)
    elif isinstance(doc, list):
        for item in doc:
            yield from walk(item)


@pytest.mark.parametrize("name", sorted(GOLDEN))
def test_to_document_is_exactly_the_golden_json(name: str) -> None:
    assert to_document(GOLDEN[name]) == golden(name)


@pytest.mark.parametrize("name", sorted(GOLDEN))
def test_golden_json_reads_back_to_the_same_object(name: str) -> None:
    assert from_document(golden(name)) == GOLDEN[name]
    assert from_document(to_document(GOLDEN[name])) == GOLDEN[name]


@pytest.mark.parametrize("name", sorted(GOLDEN))
def test_every_date_goes_out_as_a_full_datetime_with_an_offset(name: str) -> None:
    dates = [value for key, value in walk(golden(name)) if key in DATE_KEYS]
    assert dates, "each golden document carries at least one date"
    for value in dates:
        assert FULL_DATETIME.fullmatch(value), value


@pytest.mark.parametrize("name", sorted(GOLDEN))
def test_context_is_the_standard_urls_then_one_inline_object(name: str) -> None:
    context = golden(name)["@context"]
    assert context[:4] == [AS_CONTEXT, SECURITY_CONTEXT, DATA_INTEGRITY_CONTEXT, MULTIKEY_CONTEXT]
    assert len(context) == 5 and isinstance(context[4], dict)
    assert "sinet.ohrid.example" not in json.dumps(context)


def test_publications_carry_a_standard_type_and_our_kind() -> None:
    assert (golden("practice")["type"], golden("practice")["kind"]) == ("Article", "practice")
    assert (golden("event")["type"], golden("event")["kind"]) == ("Event", "event")
    assert (golden("call")["type"], golden("call")["kind"]) == ("Page", "call")


def test_publications_are_public_with_a_teaser_and_a_url_on_our_host() -> None:
    for name in ("practice", "event", "call"):
        doc = golden(name)
        assert doc["to"] == [AS_PUBLIC]
        assert doc["cc"] == ["https://sinet.ohrid.example/users/ohrid/followers"]
        assert doc["url"].startswith("https://sinet.ohrid.example/")
        assert "<" not in doc["summary"] and len(doc["summary"]) <= 500


def test_event_times_keep_the_events_own_offset() -> None:
    doc = golden("event")
    assert doc["startTime"] == "2027-04-30T16:00:00+02:00"
    assert doc["endTime"] == "2027-04-30T18:00:00+02:00"
    assert doc["timezone"] == "Europe/Skopje"


def test_event_with_one_place_sends_location_as_one_object() -> None:
    from dataclasses import replace

    doc = to_document(replace(EVENT, location=EVENT.location[:1]))
    assert doc["location"]["type"] == "Place"
    assert from_document(doc) == replace(EVENT, location=EVENT.location[:1])


def test_embedded_object_has_no_context_of_its_own() -> None:
    doc = to_document(
        Activity(id="https://a.example/1", type="Create", actor="https://a.example/u", object=EVENT)
    )
    assert "@context" not in doc["object"]
    assert isinstance(from_document(doc), Activity)
    assert isinstance(from_document(doc).object, Event)  # type: ignore[union-attr]
