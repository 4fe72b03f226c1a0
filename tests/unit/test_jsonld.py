"""Offline JSON-LD (DESIGN §4: bundled contexts, never fetched at run time)."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import AsyncIterator
from typing import Any

import pytest

from sinet_node.federation.jsonld import (
    JsonLdFailure,
    UnknownContext,
    bundled_contexts,
    compact,
    context_key,
    expand,
)
from tests.unit.loopback import LoopbackServer, json_doc

AS = "https://www.w3.org/ns/activitystreams#"
SEC = "https://w3id.org/security#"


def mastodon_actor() -> dict[str, Any]:
    """The shape Mastodon serves for an account (trimmed)."""
    return {
        "@context": [
            "https://www.w3.org/ns/activitystreams",
            "https://w3id.org/security/v1",
            {
                "manuallyApprovesFollowers": "as:manuallyApprovesFollowers",
                "toot": "http://joinmastodon.org/ns#",
                "featured": {"@id": "toot:featured", "@type": "@id"},
                "discoverable": "toot:discoverable",
                "schema": "http://schema.org#",
                "PropertyValue": "schema:PropertyValue",
                "value": "schema:value",
                "focalPoint": {"@container": "@list", "@id": "toot:focalPoint"},
            },
        ],
        "id": "https://mastodon.example/users/alice",
        "type": "Person",
        "following": "https://mastodon.example/users/alice/following",
        "followers": "https://mastodon.example/users/alice/followers",
        "inbox": "https://mastodon.example/users/alice/inbox",
        "outbox": "https://mastodon.example/users/alice/outbox",
        "featured": "https://mastodon.example/users/alice/collections/featured",
        "preferredUsername": "alice",
        "name": "Alice",
        "summary": "<p>Hello</p>",
        "manuallyApprovesFollowers": False,
        "discoverable": True,
        "publicKey": {
            "id": "https://mastodon.example/users/alice#main-key",
            "owner": "https://mastodon.example/users/alice",
            "publicKeyPem": "-----BEGIN PUBLIC KEY-----\n...\n-----END PUBLIC KEY-----\n",
        },
        "attachment": [{"type": "PropertyValue", "name": "Website", "value": "example.org"}],
        "endpoints": {"sharedInbox": "https://mastodon.example/inbox"},
        "icon": {
            "type": "Image",
            "mediaType": "image/png",
            "url": "https://mastodon.example/a.png",
        },
    }


def test_mastodon_actor_expands_offline() -> None:
    [node] = expand(mastodon_actor())
    assert node["@id"] == "https://mastodon.example/users/alice"
    assert node["@type"] == [AS + "Person"]
    assert node[AS + "preferredUsername"] == [{"@value": "alice"}]
    inbox = node["http://www.w3.org/ns/ldp#inbox"]  # AS maps inbox to LDP
    assert inbox == [{"@id": "https://mastodon.example/users/alice/inbox"}]
    [key] = node[SEC + "publicKey"]
    assert key[SEC + "owner"] == [{"@id": "https://mastodon.example/users/alice"}]
    assert key[SEC + "publicKeyPem"][0]["@value"].startswith("-----BEGIN PUBLIC KEY-----")
    assert node["http://joinmastodon.org/ns#featured"] == [
        {"@id": "https://mastodon.example/users/alice/collections/featured"}
    ]


def test_expanded_actor_compacts_back_to_activitystreams_terms() -> None:
    compacted = compact(expand(mastodon_actor()), "https://www.w3.org/ns/activitystreams")
    assert compacted["@context"] == "https://www.w3.org/ns/activitystreams"
    assert compacted["type"] == "Person"
    assert compacted["preferredUsername"] == "alice"
    assert compacted["inbox"] == "https://mastodon.example/users/alice/inbox"


@pytest.mark.parametrize(
    "variant",
    [
        "http://www.w3.org/ns/activitystreams",
        "https://www.w3.org/ns/activitystreams/",
        "https://www.w3.org/ns/activitystreams.jsonld",
        "https://WWW.W3.ORG/ns/activitystreams",
        "https://schema.org",  # bundled as http://schema.org/
        "https://w3id.org/security/v1/",
    ],
)
def test_context_url_variants_are_served(variant: str) -> None:
    assert context_key(variant) in bundled_contexts()
    [node] = expand({"@context": variant, "@id": "https://a.example/x", "@type": "Thing"})
    assert node["@id"] == "https://a.example/x"


def test_all_sixteen_common_contexts_are_bundled() -> None:
    assert len(bundled_contexts()) == 16
    for document in bundled_contexts().values():
        assert "@context" in document


@pytest.fixture
async def context_server() -> AsyncIterator[LoopbackServer]:
    srv = LoopbackServer()
    srv.routes["/ctx.jsonld"] = json_doc({"@context": {"x": "https://x.example/#"}})
    await srv.start()
    yield srv
    await srv.stop()


async def test_unknown_context_raises_and_is_never_fetched(
    context_server: LoopbackServer,
) -> None:
    url = context_server.url("/ctx.jsonld")
    document = {"@context": ["https://www.w3.org/ns/activitystreams", url], "type": "Note"}
    with pytest.raises(UnknownContext) as caught:
        expand(document)
    assert caught.value.url == url
    with pytest.raises(UnknownContext):
        compact({"@id": "https://a.example/x"}, url)
    assert context_server.connections == 0


def test_unknown_context_is_a_jsonld_failure() -> None:
    assert issubclass(UnknownContext, JsonLdFailure)
    with pytest.raises(JsonLdFailure):
        expand({"@context": {"@version": 2.0}, "@id": "x"})  # invalid JSON-LD


def test_contexts_are_not_read_at_import() -> None:
    probe = (
        "import sinet_node.federation.jsonld as j; print(j.bundled_contexts.cache_info().currsize)"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "0"
