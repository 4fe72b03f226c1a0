"""Demo content of other organisations in the network, for `make run`.

The organisations and practice names come from the network's documents (shared/domain); the
descriptions are ours, short and general, not quotations. Dates are relative to the day the
demo is made: some events are past, some calls closed, so the pages show both.

Each entry is what that organisation would type into `sinet-node publish` on its own node;
``publication_document`` turns it into the document its node would send us.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sinet_node.objects.actor import Actor
from sinet_node.objects.codec import to_document
from sinet_node.publishing.build import build_publication
from sinet_node.publishing.input import parse_publication_input


@dataclass(frozen=True)
class Organisation:
    username: str
    host: str
    name: str
    kind: str
    city: str
    country: str
    summary: str
    language: str
    timezone: str
    # (kind, publish input with day offsets in place of dates, see `_dated`)
    items: list[tuple[str, dict[str, Any]]] = field(default_factory=list)

    @property
    def base(self) -> str:
        return f"https://{self.host}"

    @property
    def actor_id(self) -> str:
        return f"{self.base}/users/{self.username}"


def actor_document(org: Organisation) -> dict[str, Any]:
    actor = Actor(
        id=org.actor_id,
        type="Organization",
        inbox=f"{org.actor_id}/inbox",
        outbox=f"{org.actor_id}/outbox",
        followers=f"{org.actor_id}/followers",
        shared_inbox=f"{org.base}/inbox",
        preferred_username=org.username,
        name=org.name,
        summary=f"<p>{org.summary}</p>",
        url=f"{org.base}/@{org.username}",
        discoverable=True,
        extra={"organisationType": org.kind, "country": org.country, "city": org.city},
    )
    return to_document(actor)


def publication_document(
    kind: str,
    data: dict[str, Any],
    *,
    object_id: str,
    actor_id: str,
    published: datetime,
    language: str = "en",
    timezone: str = "UTC",
) -> dict[str, Any]:
    """The document a SINet node publishes for this input, as its Create would carry it."""
    draft = parse_publication_input(
        kind, data, default_language=language, default_timezone=timezone
    )
    publication = build_publication(
        draft,
        object_id=object_id,
        html_url=object_id,
        actor_id=actor_id,
        followers_url=f"{actor_id}/followers",
        published=published,
    )
    return to_document(publication)


def _dated(data: dict[str, Any], now: datetime, zone: str) -> dict[str, Any]:
    """Replace `in_days` / `at` / `hours` (events) and `closes_in_days` (calls) by dates."""
    result = {
        k: v for k, v in data.items() if k not in ("in_days", "at", "hours", "closes_in_days")
    }
    if "in_days" in data:
        hour, minute = data.get("at", (10, 0))
        day = (now.astimezone(ZoneInfo(zone)) + timedelta(days=data["in_days"])).date()
        start = datetime(day.year, day.month, day.day, hour, minute, tzinfo=ZoneInfo(zone))
        result["startTime"] = start.isoformat()
        result["endTime"] = (start + timedelta(hours=data.get("hours", 2))).isoformat()
        result["timezone"] = zone
    if "closes_in_days" in data:
        result["closes"] = (now + timedelta(days=data["closes_in_days"])).isoformat()
    return result


def documents(org: Organisation, now: datetime) -> list[dict[str, Any]]:
    """The organisation's publications, each published a few days before the next."""
    result = []
    for index, (kind, data) in enumerate(org.items):
        published = now - timedelta(days=3 * (len(org.items) - index) + 1)
        result.append(
            publication_document(
                kind,
                _dated(data, now, org.timezone),
                object_id=f"{org.base}/{kind}s/demo-{org.username}-{index}",
                actor_id=org.actor_id,
                published=published,
                language=org.language,
                timezone=org.timezone,
            )
        )
    return result
