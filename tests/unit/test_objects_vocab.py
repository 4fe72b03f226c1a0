"""The vocabulary: every term we emit is defined inline, under a namespace of no node."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from pyld import jsonld  # type: ignore[import-untyped]

from sinet_node.objects import SINET_NS, TERMS, document_context
from sinet_node.objects.vocab import (
    EVENT_TYPES,
    EVIDENCE_LEVELS,
    INNOVATION_TYPES,
    KINDS,
)

from .objects_samples import GOLDEN
from .test_objects_golden import golden, walk

FIXTURES = Path(__file__).parent.parent / "fixtures" / "objects"
# The standard contexts we name, bundled: nothing is ever fetched.
CONTEXTS: dict[str, Any] = json.loads((FIXTURES / "contexts.json").read_text(encoding="utf-8"))


def offline_loader(url: str, options: dict[str, Any] | None = None) -> dict[str, Any]:
    if url not in CONTEXTS:
        raise AssertionError(f"tried to fetch {url}")
    return {"contextUrl": None, "documentUrl": url, "document": CONTEXTS[url]}


def expand(doc: dict[str, Any]) -> list[dict[str, Any]]:
    result: list[dict[str, Any]] = jsonld.expand(doc, {"documentLoader": offline_loader})
    return result


def test_namespace_is_fixed_and_independent_of_any_node() -> None:
    assert SINET_NS == "https://w3id.org/sinet/ns#"


def test_context_holds_no_url_but_the_standard_contexts_as_strings() -> None:
    context = document_context()
    assert [item for item in context if isinstance(item, str)] == [
        "https://www.w3.org/ns/activitystreams",
        "https://w3id.org/security/v1",
        "https://w3id.org/security/data-integrity/v2",
        "https://w3id.org/security/multikey/v1",
    ]


def test_document_context_is_a_fresh_copy_each_time() -> None:
    first = document_context()
    first[-1]["kind"] = "spoiled"
    first.append("https://evil.example/context")
    assert document_context()[-1]["kind"] == "sinet:kind"
    assert len(document_context()) == 5


def test_every_sinet_term_is_in_the_inline_context_under_our_namespace() -> None:
    inline = document_context()[-1]
    assert inline["sinet"] == SINET_NS
    for term in TERMS:
        definition = inline[term.name]
        compact = definition["@id"] if isinstance(definition, dict) else definition
        assert compact == "sinet:" + term.name
        assert term.iri == SINET_NS + term.name


def test_terms_are_documented_once_each() -> None:
    names = [term.name for term in TERMS]
    assert len(names) == len(set(names))
    for term in TERMS:
        assert term.description.strip() and term.applies_to and term.range


def test_terms_list_the_allowed_values_of_our_enumerations() -> None:
    by_name = {term.name: term for term in TERMS}
    assert by_name["kind"].values == KINDS
    assert by_name["innovationType"].values == INNOVATION_TYPES
    assert by_name["evidenceLevel"].values == EVIDENCE_LEVELS
    assert by_name["eventType"].values == EVENT_TYPES


@pytest.mark.parametrize("name", sorted(GOLDEN))
def test_every_key_we_emit_expands_to_an_iri_offline(name: str) -> None:
    # pyld silently drops a key the context does not define; expand each key on its own and
    # check that something survives.
    doc = golden(name)
    context = doc["@context"]
    for key, value in walk(doc):
        if key in ("id", "type"):
            continue
        probe = {"@context": context, "@id": "urn:probe", key: value}
        expanded = expand(probe)
        assert expanded and len(expanded[0]) > 1, f"{key} is not defined by our @context"


OUR_TERMS = {
    "practice": {
        "kind", "challenge", "targetGroups", "country", "city", "innovationType",
        "evidenceLevel", "toolkit", "partners",
    },
    "event": {"kind", "eventType"},
    "call": {"kind", "skills", "timeCommitment", "remote", "closes", "howToRespond",
             "volunteersNeeded"},
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(OUR_TERMS))
def test_our_terms_expand_into_the_sinet_namespace(name: str) -> None:
    expanded = expand(golden(name))[0]
    assert expanded[SINET_NS + "kind"] == [{"@value": name}]
    ours = {key[len(SINET_NS) :] for key in expanded if key.startswith(SINET_NS)}
    assert ours == OUR_TERMS[name]
    assert ours <= {term.name for term in TERMS}


def test_borrowed_terms_expand_as_mastodon_and_mobilizon_define_them() -> None:
    actor = expand(golden("actor"))[0]
    assert "http://joinmastodon.org/ns#discoverable" in actor
    assert "http://joinmastodon.org/ns#featured" in actor
    assert "https://www.w3.org/ns/activitystreams#manuallyApprovesFollowers" in actor
    event = expand(golden("event"))[0]
    assert event["https://joinmobilizon.org/ns#joinMode"] == [{"@value": "restricted"}]
    assert event["https://joinmobilizon.org/ns#timezone"] == [{"@value": "Europe/Skopje"}]
    assert event["http://www.w3.org/2002/12/cal/ical#status"] == [{"@value": "CONFIRMED"}]
