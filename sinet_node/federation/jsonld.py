"""Offline JSON-LD: expansion and compaction over bundled contexts, never fetched.

Incoming documents are read as plain JSON first; where JSON-LD processing is
really needed, these helpers run pyld with a document loader that serves only
the contexts bundled in ``contexts.json`` (the common Fediverse ones). A context
URL is matched with or without a trailing slash, over http or https, and with
or without a ``.jsonld`` suffix. Anything else raises ``UnknownContext``: a
remote context is never fetched at run time (it would let any peer make us
issue requests, and stalls processing on third-party servers).

The bundle is read once, on first use, not at import.

Errors:

    JsonLdFailure          pyld could not expand or compact the document
    +-- UnknownContext     the document names a context we do not bundle
"""

from __future__ import annotations

import copy
import functools
import importlib.resources
import json
from typing import Any, cast

from pyld import jsonld as pyld_jsonld

CONTEXTS_FILE = "contexts.json"


class JsonLdFailure(Exception):
    """JSON-LD processing failed; the pyld error is the ``__cause__``."""


class UnknownContext(JsonLdFailure):
    """A context URL that is not bundled; it was not fetched."""

    def __init__(self, url: str) -> None:
        super().__init__(f"JSON-LD context {url!r} is not bundled and is never fetched")
        self.url = url


def context_key(url: str) -> str:
    """The form under which a context URL is looked up (scheme, slash, .jsonld ignored)."""
    rest = url.strip().split("#", 1)[0]
    scheme, sep, after = rest.partition("://")
    if sep and scheme.lower() in ("http", "https"):
        rest = after
    host, slash, path = rest.partition("/")
    rest = (host.lower() + slash + path).rstrip("/")
    return rest.removesuffix(".jsonld")


@functools.cache
def bundled_contexts() -> dict[str, Any]:
    """The bundled contexts by ``context_key``; read from the package once."""
    text = (
        importlib.resources.files("sinet_node.federation")
        .joinpath(CONTEXTS_FILE)
        .read_text(encoding="utf-8")
    )
    raw: dict[str, Any] = json.loads(text)
    return {context_key(url): document for url, document in raw.items()}


def document_loader(url: str, options: dict[str, Any] | None = None) -> dict[str, Any]:
    """A pyld document loader that serves bundled contexts and refuses the rest."""
    document = bundled_contexts().get(context_key(url))
    if document is None:
        raise UnknownContext(url)
    return {
        "contextUrl": None,
        "documentUrl": url,
        # A copy, so pyld can never alter the shared bundle.
        "document": copy.deepcopy(document),
        "contentType": "application/ld+json",
    }


def _options() -> dict[str, Any]:
    return {"documentLoader": document_loader}


def _failure(exc: BaseException) -> JsonLdFailure:
    """Surface our UnknownContext from pyld's chain of wrapped errors."""
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, UnknownContext):
            return seen
        seen = seen.__cause__ or seen.__context__
    return JsonLdFailure(f"JSON-LD processing failed: {exc}")


def expand(document: dict[str, Any]) -> list[dict[str, Any]]:
    """The expanded form of ``document`` (pyld ``expand``), offline."""
    try:
        return cast(list[dict[str, Any]], pyld_jsonld.expand(document, _options()))
    except pyld_jsonld.JsonLdError as exc:
        raise _failure(exc) from exc


def compact(document: dict[str, Any] | list[Any], context: Any) -> dict[str, Any]:
    """``document`` compacted against ``context`` (pyld ``compact``), offline."""
    try:
        return cast(dict[str, Any], pyld_jsonld.compact(document, context, _options()))
    except pyld_jsonld.JsonLdError as exc:
        raise _failure(exc) from exc
