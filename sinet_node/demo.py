"""Demo content for `make run`: a municipality's node with practices, events and a call,
and what six other organisations of the network published (demo_organisations).

The practices are real ones named in the ACSI/UpSocial documents (shared/domain); the
descriptions are our own short summaries, not quotations. The other organisations'
actors and objects are stored exactly as a received Create stores them (sanitised, then
filed in the catalogue), so the pages show them as they would show a peer's.

Idempotent: our own content is published only into a node that has none, and a peer's
object already stored is left as it is.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
from datetime import UTC, datetime, timedelta
from typing import Any

from sinet_node.accounts import manage
from sinet_node.config import ConfigError, load_settings, resolve_data_dir
from sinet_node.demo_network import actor_document, documents
from sinet_node.demo_organisations import ORGANISATIONS
from sinet_node.federation import local_publishing, remote_objects
from sinet_node.federation.context import Node
from sinet_node.federation.remote_actors import parse_actor, store_actor
from sinet_node.node import open_node
from sinet_node.storage import objects as object_store

DEMO_EMAIL = "admin@ohrid.example"
DEMO_PASSWORD = "demo-password"

PRACTICES: list[dict[str, Any]] = [
    {
        "name": "Jongerenloket: one desk for young people out of work",
        "summary": "Rotterdam's youth desk puts job coaching, benefits and education advice for "
        "18-27 year olds under one roof.",
        "content": "Young people who ask for benefits first meet a **coach**, who looks for work "
        "or a course with them before any payment is made.\n\n- one intake, one coach\n"
        "- education and work before benefits\n- follow-up for those who drop out",
        "tags": ["youth", "employment", "ACSI"],
        "challenge": "youth unemployment",
        "country": "NL",
        "city": "Rotterdam",
        "target_groups": ["young people", "unemployed people"],
        "innovation_type": "reinvent",
        "evidence_level": "correlation",
    },
    {
        "name": "Curing the Limbo",
        "summary": "Athens connects refugees waiting for a decision with affordable housing, "
        "language classes and active citizenship.",
        "content": "Refugees and migrants stuck in administrative *limbo* get housing support, "
        "learn Greek and English, and take part in neighbourhood projects with Athenians.",
        "tags": ["migrants", "housing", "inclusion"],
        "challenge": "integration of migrants and refugees",
        "country": "GR",
        "city": "Athens",
        "target_groups": ["migrants and refugees"],
        "innovation_type": "transform",
        "evidence_level": "anecdotal",
    },
    {
        "name": "USE-IT!",
        "summary": "Birmingham unlocks the skills of people in a deprived neighbourhood for the "
        "big investments around them.",
        "content": "Local residents, many of them migrants with qualifications from abroad, are "
        "mapped, trained and connected to employers building a new hospital nearby.",
        "tags": ["employment", "skills"],
        "challenge": "employment in deprived neighbourhoods",
        "country": "GB",
        "city": "Birmingham",
        "target_groups": ["unemployed people", "migrants and refugees"],
        "innovation_type": "complement",
        "evidence_level": "correlation",
    },
]


def _events(now: datetime) -> list[dict[str, Any]]:
    start = (now + timedelta(days=21)).replace(hour=8, minute=0, second=0, microsecond=0)
    webinar = (now + timedelta(days=35)).replace(hour=13, minute=0, second=0, microsecond=0)
    return [
        {
            "name": "Co-learning workshop: transferring social innovations",
            "summary": "A half-day workshop for municipalities on adapting a proven practice with "
            "a transfer toolkit.",
            "content": "Bring one practice you would like to try in your city. We work in small "
            "groups with the ACSI transfer toolkits.",
            "startTime": start.isoformat(),
            "endTime": (start + timedelta(hours=4)).isoformat(),
            "timezone": "Europe/Skopje",
            "event_type": "workshop",
            "location": {
                "name": "Ohrid City Hall",
                "address": {
                    "streetAddress": "Dimitar Vlahov 57",
                    "postalCode": "6000",
                    "addressLocality": "Ohrid",
                    "addressCountry": "MK",
                },
            },
        },
        {
            "name": "Webinar: evidence for social innovation",
            "summary": "From anecdote to attribution: how to document what works.",
            "content": "An hour on the five UpSocial standards, with time for questions.",
            "startTime": webinar.isoformat(),
            "endTime": (webinar + timedelta(hours=1)).isoformat(),
            "event_type": "webinar",
            "online_url": "https://meet.example.org/sinet-evidence",
        },
    ]


def _calls(now: datetime) -> list[dict[str, Any]]:
    return [
        {
            "name": "Volunteers for the intergenerational café",
            "summary": "Help older neighbours and students meet every Thursday afternoon.",
            "content": "We need people to welcome guests, make coffee and run a conversation "
            "table.",
            "skills": ["hosting", "Macedonian", "English"],
            "closes": (now + timedelta(days=60)).date().isoformat(),
            "location": {
                "name": "Ohrid community centre",
                "address": {
                    "streetAddress": "Kej Makedonija 2",
                    "postalCode": "6000",
                    "addressLocality": "Ohrid",
                    "addressCountry": "MK",
                },
            },
            "time_commitment": "3 hours a week",
            "how_to_respond": "Write to volunteers@ohrid.example",
        }
    ]


async def _publish_own(node: Node, now: datetime) -> None:
    async with node.sessions() as session:
        if await object_store.count_local(session):
            return  # already has content: never publish twice
    content = (("practice", PRACTICES), ("event", _events(now)), ("call", _calls(now)))
    for kind, items in content:
        for item in items:
            uri = await local_publishing.publish(node, kind, item)
            print(f"demo: published {kind} {uri}", file=sys.stderr)


async def _store_network(node: Node, now: datetime) -> None:
    """The other organisations' actors and publications, as if their Creates had arrived."""
    for org in ORGANISATIONS:
        actor = actor_document(org)
        await store_actor(node, parse_actor(actor), actor)
        stored = 0
        for document in documents(org, now):
            async with node.sessions() as session:
                if await object_store.by_uri(session, document["id"]) is not None:
                    continue
            await remote_objects.store(node, document)
            stored += 1
        print(f"demo: stored {stored} publications of {org.name}", file=sys.stderr)


async def _demo_admin(node: Node, now: datetime) -> None:
    """An admin with a fixed, plainly-demo password (no forced change): the README's run
    command says it, so anyone trying the demo can log in at once. Never for a real node."""
    if await manage.find_account(node.sessions, DEMO_EMAIL) is None:
        await manage.create_account(
            node.sessions, email=DEMO_EMAIL, role="admin", now=now, password=DEMO_PASSWORD
        )
        print(f"demo: created the admin account {DEMO_EMAIL}", file=sys.stderr)


async def populate(data_dir_arg: str | None) -> int:
    settings = load_settings(resolve_data_dir(data_dir_arg))
    async with open_node(settings) as node:
        now = datetime.now(UTC)
        await _publish_own(node, now)
        await _store_network(node, now)
        await _demo_admin(node, now)
    print(f"Log in at {settings.base_url}/login as {DEMO_EMAIL} / {DEMO_PASSWORD}")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description="Publish demo content into a node.")
    parser.add_argument("--data-dir")
    args = parser.parse_args()
    try:
        return asyncio.run(populate(args.data_dir))
    except ConfigError as exc:
        print(f"demo: {exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
