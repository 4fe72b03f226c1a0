# Macedonian text: Cyrillic letters that look like Latin ones are meant.
# ruff: noqa: RUF001
"""What three organisations of the network publish for the browser tests, and banner images.

The organisations, places and challenges come from the network's founding documents
(shared/domain); the texts are ours. Dates are relative to today, so the events stay upcoming
whenever the suite runs. ``banner_png`` writes a real PNG (a two-colour gradient) with the
standard library, so pages show an image that the browser must load.

Errors: none.
"""

from __future__ import annotations

import struct
import zlib
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo


def banner_png(path: Path, left: tuple[int, int, int], right: tuple[int, int, int]) -> Path:
    """A 1200x400 PNG fading from `left` to `right`."""
    width, height = 1200, 400
    row = bytearray()
    for x in range(width):
        share = x / (width - 1)
        row.extend(round(a + (b - a) * share) for a, b in zip(left, right, strict=True))
    raw = b"".join(b"\x00" + bytes(row) for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    png = b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
    png += chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")
    path.write_bytes(png)
    return path


def _day(days: int, hour: int, minute: int = 0, zone: str = "Europe/Skopje") -> str:
    """A local time `days` from today in `zone`, with that day's offset."""
    day = (datetime.now(UTC) + timedelta(days=days)).date()
    return datetime.combine(day, time(hour, minute), tzinfo=ZoneInfo(zone)).isoformat()


def _date(days: int) -> str:
    return f"{datetime.now(UTC) + timedelta(days=days):%Y-%m-%d}"


def ohrid(banner: Path) -> list[tuple[str, dict[str, Any]]]:
    return [
        (
            "practice",
            {
                "name": "Tandem Homes: students living with older people",
                "summary": "Students rent a room from an older person who lives alone, at a "
                "third of the market price, and share two evenings a week in return.",
                "content": "## How it works\n\nThe municipality's social workers match "
                "**university students** with *older people* who have a spare room.\n\n"
                "- a signed agreement on shared time\n- a monthly visit by a social worker\n"
                "- rent at a third of the market price\n\n"
                "> It is the first winter I am not alone in the evenings. (a tenant, 81)",
                "image": str(banner),
                "tags": ["loneliness", "housing", "youth"],
                "challenge": "social isolation and loneliness",
                "country": "MK",
                "city": "Ohrid",
                "target_groups": ["older people", "young people"],
                "innovation_type": "complement",
                "evidence_level": "correlation",
                "toolkit_urls": [
                    "https://sinet.example.org/toolkits/tandem-homes-agreement-template.pdf",
                    "https://sinet.example.org/toolkits/tandem-homes-matching-guide",
                ],
                "partners": ["Municipality of Ohrid", "St. Clement of Ohrid University"],
                "translations": {
                    "mk": {
                        "name": "Тандем домови: студенти кои живеат со постари лица",
                        "summary": "Студентите изнајмуваат соба од постара личност.",
                        "content": "Социјалните работници ги поврзуваат студентите со постари "
                        "лица кои имаат слободна соба.",
                    }
                },
            },
        ),
        (
            "event",
            {
                "name": "Co-learning workshop: transfer toolkits for social innovation",
                "summary": "A morning in Ohrid, and online, on adapting proven practices "
                "with their transfer toolkits.",
                "content": "Partners from Struga, Sibenik and Alcorcon present how they "
                "adapted a practice to their city. Bring one practice you want to transfer.",
                "startTime": _day(24, 9, 30),
                "endTime": _day(24, 13),
                "timezone": "Europe/Skopje",
                "location": {
                    "name": "Ohrid Cultural Centre",
                    "address": "Bulevar Makedonski Prosvetiteli 2, 6000 Ohrid, North Macedonia",
                },
                "online_url": "https://meet.example.org/sinet-colearning",
                "join_mode": "restricted",
                "capacity": 40,
                "event_type": "workshop",
                "tags": ["training"],
            },
        ),
        (
            "event",
            {
                "name": "Focus group: loneliness in winter",
                "summary": "Postponed to spring: the focus group is cancelled for now.",
                "content": "We will publish a new date soon.",
                "startTime": _day(10, 17),
                "endTime": _day(10, 19),
                "timezone": "Europe/Skopje",
                "location": {"name": "Ohrid community centre", "address": "Ohrid"},
                "status": "CANCELLED",
                "event_type": "focus_group",
            },
        ),
        (
            "call",
            {
                "name": "Volunteers for the intergenerational café",
                "summary": "Help older neighbours and students meet every Thursday afternoon.",
                "content": "We need people to welcome guests, make coffee and run a "
                "conversation table in Macedonian or English.",
                "skills": ["hosting", "Macedonian", "English"],
                "closes": _date(60),
                "location": {"name": "Ohrid community centre", "address": "Ohrid, North Macedonia"},
                "time_commitment": "3 hours a week",
                "how_to_respond": "Write to volunteers@ohrid.example",
                "volunteers_needed": 8,
            },
        ),
    ]


def split(banner: Path) -> list[tuple[str, dict[str, Any]]]:
    return [
        (
            "practice",
            {
                "name": "Youth Guarantee desk: an offer within four months",
                "summary": "Every young person who leaves school without a job gets an offer "
                "of work, training or an apprenticeship within four months.",
                "content": "One desk in the youth centre brings together the employment "
                "service, schools and employers.\n\nSee [the evaluation](https://split.example"
                ".org/evaluation).",
                "image": str(banner),
                "tags": ["youth", "employment"],
                "challenge": "youth unemployment",
                "country": "HR",
                "city": "Split",
                "target_groups": ["young people", "unemployed people"],
                "innovation_type": "improve",
                "evidence_level": "attribution",
                "toolkit_urls": ["https://split.example.org/toolkit"],
                "partners": ["City of Split", "Croatian Employment Service"],
                "language": "en",
            },
        ),
        (
            "event",
            {
                "name": "Webinar: the Youth Guarantee after five years",
                "summary": "An hour with the team behind the desk: what worked, what did not.",
                "content": "Questions are welcome in Croatian and English.",
                "startTime": _day(30, 16, zone="Europe/Zagreb"),
                "endTime": _day(30, 17, 30, zone="Europe/Zagreb"),
                "timezone": "Europe/Zagreb",
                "online_url": "https://meet.example.org/youth-guarantee",
                "event_type": "webinar",
            },
        ),
        (
            "call",
            {
                "name": "Mentors for first job interviews",
                "summary": "Practise job interviews with young people, one evening a month, "
                "in Split or by video call.",
                "content": "No experience as a mentor needed: we train you in one evening.",
                "skills": ["mentoring", "Croatian", "interviewing"],
                "closes": _date(45),
                "remote": True,
                "time_commitment": "one evening a month",
                "how_to_respond": "mentors@youth-split.example",
            },
        ),
    ]


def alcorcon() -> list[tuple[str, dict[str, Any]]]:
    return [
        (
            "practice",
            {
                "name": "Caring neighbourhoods: a network against loneliness",
                "summary": "Shops, pharmacies and neighbours learn to notice older people who "
                "live alone and connect them with social services.",
                "content": "The city trains *neighbourhood agents* and keeps a map of the "
                "places where people can ask for help.",
                "tags": ["loneliness", "ageing"],
                "challenge": "social isolation and loneliness",
                "country": "ES",
                "city": "Alcorcón",
                "target_groups": ["older people"],
                "innovation_type": "transform",
                "evidence_level": "anecdotal",
                "translations": {
                    "es": {
                        "name": "Barrios que cuidan: una red contra la soledad",
                        "summary": "Comercios, farmacias y vecinos aprenden a detectar la soledad.",
                        "content": "El ayuntamiento forma a *agentes de barrio*.",
                    }
                },
            },
        ),
        (
            "event",
            {
                "name": "SINet conference 2027: cities that care",
                "summary": "Three days of talks and study visits on social innovation in cities.",
                "content": "Municipalities, universities and civil-society organisations of "
                "the network meet in Alcorcón.",
                "startTime": _day(50, 0, zone="Europe/Madrid"),
                "endTime": _day(53, 0, zone="Europe/Madrid"),
                "timezone": "Europe/Madrid",
                "location": {
                    "name": "Centro Cultural Margarita Xirgu",
                    "address": "Av. de las Retamas 39, 28922 Alcorcón, Spain",
                },
                "event_type": "conference",
            },
        ),
    ]
