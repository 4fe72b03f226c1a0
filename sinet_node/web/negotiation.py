"""Content negotiation: the same URL answers HTML to browsers and ActivityStreams to peers."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from sinet_node.jsonio import dumps

AS_MEDIA_TYPE = "application/activity+json"
LD_PROFILE = 'application/ld+json; profile="https://www.w3.org/ns/activitystreams"'
AS_TYPES = ("application/activity+json", "application/ld+json")


def _media_ranges(accept: str) -> list[tuple[str, float]]:
    ranges: list[tuple[str, float]] = []
    for part in accept.split(","):
        media, *params = (p.strip() for p in part.split(";"))
        quality = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if media:
            ranges.append((media.lower(), quality))
    return ranges


def wants_activity_json(request: Request) -> bool:
    """True when the client prefers an ActivityStreams type to HTML."""
    ranges = _media_ranges(request.headers.get("accept", ""))
    as_quality = max((q for m, q in ranges if m in AS_TYPES), default=0.0)
    html_quality = max(
        (q for m, q in ranges if m in ("text/html", "application/xhtml+xml")), default=0.0
    )
    if as_quality == 0.0:
        # application/json alone (some crawlers) also gets the document.
        json_quality = max((q for m, q in ranges if m == "application/json"), default=0.0)
        return json_quality > html_quality
    return as_quality >= html_quality


def wants_html(request: Request) -> bool:
    """True for a browser: it names HTML in Accept and prefers it to ActivityStreams."""
    ranges = _media_ranges(request.headers.get("accept", ""))
    html = any(m in ("text/html", "application/xhtml+xml") and q > 0 for m, q in ranges)
    return html and not wants_activity_json(request)


def is_activity_content_type(value: str) -> bool:
    """Accepts activity+json and ld+json (with or without the AS profile or charset)."""
    media = value.split(";", 1)[0].strip().lower()
    return media in AS_TYPES


def activity_response(document: dict[str, Any], *, status_code: int = 200) -> Response:
    return Response(
        dumps(document),
        status_code=status_code,
        media_type=AS_MEDIA_TYPE,
        headers={"Vary": "Accept", "Access-Control-Allow-Origin": "*"},
    )
