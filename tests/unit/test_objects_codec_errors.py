"""Hostile and broken documents: CodecError naming the field, and never any other exception."""

from __future__ import annotations

import contextlib
from dataclasses import replace
from datetime import datetime
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sinet_node.objects import CodecError, from_document, to_document
from sinet_node.objects.codec import MAX_DEPTH

from .objects_samples import CALL, EVENT, PRACTICE
from .test_objects_golden import golden

NOTE = {"id": "https://p.example/n/1", "type": "Note"}
PERSON = {"id": "https://p.example/u/1", "type": "Person", "inbox": "https://p.example/u/1/inbox"}
COLLECTION = {"id": "https://p.example/c", "type": "OrderedCollection"}


@pytest.mark.parametrize("doc", [[], "a string", None, 42, True, ["id", "type"]])
def test_a_document_must_be_an_object(doc: Any) -> None:
    with pytest.raises(CodecError, match=r"^document: expected a JSON object"):
        from_document(doc)


@pytest.mark.parametrize(
    ("doc", "field"),
    [
        ({"type": "Note"}, "Note.id"),
        ({"id": "https://p.example/n"}, "document.type"),
        ({"id": "https://p.example/a", "type": "Create", "object": NOTE}, "Create.actor"),
        ({"id": "https://p.example/u", "type": "Person"}, "Person.inbox"),
        (golden("practice") | {"attributedTo": None}, "Article.attributedTo"),
        ({k: v for k, v in golden("event").items() if k != "startTime"}, "Event.startTime"),
        ({k: v for k, v in golden("call").items() if k not in ("name", "nameMap")}, "Page.name"),
    ],
)
def test_missing_required_fields_are_named(doc: dict[str, Any], field: str) -> None:
    with pytest.raises(CodecError, match=rf"^{field}: missing"):
        from_document(doc)


@pytest.mark.parametrize(
    ("doc", "field"),
    [
        ({"id": "https://p.example/n", "type": 7}, "document.type: expected a type name"),
        ({"id": "https://p.example/n", "type": []}, "document.type: expected a type name"),
        (NOTE | {"content": 42}, "Note.content"),
        (NOTE | {"name": {"en": "x"}}, "Note.name"),
        (NOTE | {"to": 5}, "Note.to"),
        (NOTE | {"to": [{"no": "link"}]}, "Note.to"),
        (NOTE | {"published": "yesterday"}, "Note.published"),
        (NOTE | {"published": 1700000000}, "Note.published"),
        (NOTE | {"published": "2027-03-02T10:00:00" + "0" * 80}, "Note.published"),
        (NOTE | {"contentMap": ["en", "x"]}, "Note.contentMap"),
        (NOTE | {"contentMap": {"en": 3}}, "Note.contentMap"),
        (NOTE | {"sensitive": "maybe"}, "Note.sensitive"),
        (NOTE | {"tag": [3]}, r"Note.tag\[0\]"),
        (NOTE | {"attachment": [True]}, r"Note.attachment\[0\]"),
        (PERSON | {"inbox": 12}, "Person.inbox"),
        (PERSON | {"icon": 12}, "Person.icon"),
        (golden("event") | {"startTime": "30 April"}, "Event.startTime"),
        (golden("event") | {"maximumAttendeeCapacity": "lots"}, "Event.maximumAttendeeCapacity"),
        (golden("event") | {"maximumAttendeeCapacity": -3}, "Event.maximumAttendeeCapacity"),
        (golden("event") | {"maximumAttendeeCapacity": True}, "Event.maximumAttendeeCapacity"),
        (golden("event") | {"location": [7]}, r"Event.location\[0\]"),
        (
            golden("event") | {"location": {"type": "Place", "latitude": "north"}},
            r"Event.location\[0\].latitude",
        ),
        (golden("call") | {"remote": "yes"}, "Page.remote"),
        (golden("call") | {"volunteersNeeded": 2.5}, "Page.volunteersNeeded"),
        (golden("call") | {"skills": ["ok", 3]}, "Page.skills"),
        (golden("practice") | {"targetGroups": {"a": 1}}, "Article.targetGroups"),
        (golden("create") | {"object": 3}, "Create.object"),
        (golden("create") | {"object": {"type": "Note"}}, "Create.object.id"),
        (COLLECTION | {"totalItems": "many"}, "OrderedCollection.totalItems"),
        (COLLECTION | {"first": NOTE}, "OrderedCollection.first"),
        (COLLECTION | {"orderedItems": [1]}, r"OrderedCollection.orderedItems\[0\]"),
    ],
)  # fmt: skip
def test_wrong_value_types_are_named(doc: dict[str, Any], field: str) -> None:
    with pytest.raises(CodecError, match=rf"^{field}"):
        from_document(doc)


def test_non_text_keys_are_refused() -> None:
    with pytest.raises(CodecError, match="property names must be text"):
        from_document({"id": "https://p.example/n", "type": "Note", 3: "x"})


def test_nesting_is_bounded() -> None:
    doc: dict[str, Any] = dict(NOTE)
    for depth in range(MAX_DEPTH + 2):
        doc = {
            "id": f"https://p.example/a/{depth}",
            "type": "Announce",
            "actor": "https://p.example/u",
            "object": doc,
        }
    with pytest.raises(CodecError, match="nested too deeply"):
        from_document(doc)


def test_nesting_up_to_the_bound_is_fine() -> None:
    doc: dict[str, Any] = dict(NOTE)
    for depth in range(MAX_DEPTH):
        doc = {
            "id": f"https://p.example/a/{depth}",
            "type": "Announce",
            "actor": "https://p.example/u",
            "object": doc,
        }
    assert from_document(doc) is not None


@pytest.mark.parametrize(
    ("obj", "field"),
    [
        (replace(PRACTICE, published=datetime(2027, 1, 1)), "Practice.published"),
        (replace(EVENT, start_time=datetime(2027, 4, 30, 16)), "Event.startTime"),
        (replace(CALL, closes=datetime(2027, 5, 31)), "VolunteerCall.closes"),
    ],
)
def test_writing_a_naive_datetime_is_refused_naming_the_field(obj: Any, field: str) -> None:
    with pytest.raises(CodecError, match=rf"^{field}: the datetime has no time zone"):
        to_document(obj)


def test_writing_an_unknown_class_is_refused() -> None:
    with pytest.raises(CodecError, match="cannot write"):
        to_document("not an object")  # type: ignore[arg-type]


# Fuzzing ------------------------------------------------------------------------------------

JSON_SCALARS = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=30)
JSON = st.recursive(
    JSON_SCALARS,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=20,
)
KEYS = st.sampled_from(
    [
        "id", "type", "actor", "object", "to", "cc", "name", "content", "contentMap", "nameMap",
        "summary", "published", "updated", "startTime", "endTime", "location", "tag",
        "attachment", "url", "attributedTo", "inbox", "publicKey", "endpoints", "icon", "kind",
        "sinet:kind", "challenge", "country", "toolkit", "skills", "closes", "remote",
        "volunteersNeeded", "maximumAttendeeCapacity", "joinMode", "ical:status", "first",
        "orderedItems", "items", "totalItems", "formerType", "deleted", "source", "@id", "@type",
    ]
)  # fmt: skip
TYPES = st.sampled_from(
    ["Note", "Create", "Accept", "Person", "Organization", "Article", "Event", "Page",
     "Tombstone", "OrderedCollection", "OrderedCollectionPage", "Collection", "Place"]
)  # fmt: skip
KINDS = st.sampled_from(["practice", "event", "call", "other"])
LINKS = st.sampled_from(["https://p.example/x", "as:Public", ""]) | st.builds(
    lambda link: {"id": link}, st.just("https://p.example/y")
)
VALUES = JSON | LINKS | KINDS | TYPES | st.sampled_from(["2027-04-30T18:00:00+02:00", "2027-04-30"])
DOCS = st.recursive(
    st.dictionaries(KEYS, VALUES, max_size=10),
    lambda children: st.dictionaries(
        KEYS, VALUES | children | st.lists(children, max_size=3), max_size=10
    ),
    max_leaves=12,
)


@settings(max_examples=400, deadline=None)
@given(JSON)
def test_arbitrary_json_raises_nothing_but_codec_error(doc: Any) -> None:
    with contextlib.suppress(CodecError):
        from_document(doc)


@settings(max_examples=1500, deadline=None)
@given(DOCS, TYPES, KINDS)
def test_plausible_documents_raise_nothing_but_codec_error(
    doc: dict[str, Any], type_: str, kind: str
) -> None:
    doc = {"id": "https://p.example/1", "type": type_, "kind": kind} | doc
    try:
        obj = from_document(doc)
    except CodecError:
        return
    # Whatever reads also writes, and reads back the same.
    assert from_document(to_document(obj)) == obj


MUTATION_KEYS = KEYS | st.sampled_from(
    ["sinet:challenge", "https://w3id.org/sinet/ns#skills", "as:name", "status", "timezone",
     "eventType", "innovationType", "targetGroups", "howToRespond", "preferredUsername",
     "manuallyApprovesFollowers", "summaryMap"]
)  # fmt: skip


@settings(max_examples=600, deadline=None)
@given(
    st.sampled_from(["practice", "event", "call", "actor", "create"]),
    st.dictionaries(MUTATION_KEYS, VALUES | DOCS, max_size=6),
)
def test_damaged_golden_documents_raise_nothing_but_codec_error(
    name: str, damage: dict[str, Any]
) -> None:
    try:
        obj = from_document(golden(name) | damage)
    except CodecError:
        return
    assert from_document(to_document(obj)) == obj
