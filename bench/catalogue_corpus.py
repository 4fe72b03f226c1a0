"""A deterministic catalogue for ``bench_catalogue``: ~50 organisations and what they publish.

Not a benchmark itself. Object ``i`` of a kind depends only on the seed, its kind and ``i``
(each has its own ``random.Random``), so a node grown from 1,000 to 10,000 practices holds
the same first 1,000 as one filled with 1,000. Dates are relative to ``now``.

The vocabulary is the domain's (the challenges, target groups, places and organisations of
the network's documents and the demo): challenges, target groups, skills and organisations
are drawn with skewed weights, as real catalogues are, so some filter values are common
and some rare. Text is English whatever the language tag; a quarter of the non-English
organisations' practices also carry an English translation. One word (``COMMON_WORD``)
appears in about half the practices, another (``RARE_WORD``) in about one in 500.

Documents are built as a peer's node would send them (``demo_network.publication_document``:
the real input checks, Markdown and builder), then sanitised as a received Create is.

Errors: none of its own (an ``InputError`` here would be a bug in the generator).
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Final
from zoneinfo import ZoneInfo

from sinet_node.demo_network import Organisation, actor_document, publication_document
from sinet_node.federation.remote_objects import kind_of, sanitised
from sinet_node.objects.vocab import EVENT_TYPES, EVIDENCE_LEVELS, INNOVATION_TYPES

COMMON_WORD: Final = "community"
RARE_WORD: Final = "beekeeping"
ORGANISATIONS: Final = 50

# (city, country, language, time zone): the network's places.
PLACES: Final = [
    ("Ohrid", "MK", "mk", "Europe/Skopje"),
    ("Struga", "MK", "mk", "Europe/Skopje"),
    ("Skopje", "MK", "mk", "Europe/Skopje"),
    ("Palermo", "IT", "it", "Europe/Rome"),
    ("Bolognetta", "IT", "it", "Europe/Rome"),
    ("Šibenik", "HR", "hr", "Europe/Zagreb"),
    ("Zagreb", "HR", "hr", "Europe/Zagreb"),
    ("Madrid", "ES", "es", "Europe/Madrid"),
    ("Alcorcón", "ES", "es", "Europe/Madrid"),
    ("Barcelona", "ES", "es", "Europe/Madrid"),
    ("Kristiansand", "NO", "nb", "Europe/Oslo"),
    ("Arendal", "NO", "nb", "Europe/Oslo"),
    ("Aalst", "BE", "nl", "Europe/Brussels"),
    ("Turnhout", "BE", "nl", "Europe/Brussels"),
    ("Dundee", "GB", "en", "Europe/London"),
    ("London", "GB", "en", "Europe/London"),
    ("Glasgow", "GB", "en", "Europe/London"),
    ("Karlstad", "SE", "sv", "Europe/Stockholm"),
    ("Stockholm", "SE", "sv", "Europe/Stockholm"),
    ("Assen", "NL", "nl", "Europe/Amsterdam"),
    ("Rotterdam", "NL", "nl", "Europe/Amsterdam"),
    ("Bremen", "DE", "de", "Europe/Berlin"),
    ("Aarhus", "DK", "da", "Europe/Copenhagen"),
    ("Nantes", "FR", "fr", "Europe/Paris"),
    ("Athens", "GR", "el", "Europe/Athens"),
    ("Lisbon", "PT", "pt", "Europe/Lisbon"),
    ("Porto", "PT", "pt", "Europe/Lisbon"),
]
# Organisation kind -> how such an organisation is named.
NAMES: Final = {
    "municipality": "Municipality of {city}",
    "civil_society": "{city} Centre for Social Inclusion",
    "university": "University of {city}",
    "public_authority": "{city} Social Services",
    "citizens_group": "Neighbours of {city}",
    "business": "{city} Social Enterprise Hub",
}
CHALLENGES: Final = [
    "youth unemployment",
    "social isolation and loneliness",
    "integration of migrants and refugees",
    "long-term unemployment",
    "integration of health and social care",
    "social inclusion of people in precarious situations",
    "children at risk of exclusion",
    "access to services for marginalised communities",
    "volunteering and civic participation",
    "employment in deprived neighbourhoods",
    "affordable housing",
    "digital inclusion",
    "energy poverty",
    "early school leaving",
]
TARGET_GROUPS: Final = [
    "young people",
    "older people",
    "unemployed people",
    "migrants and refugees",
    "marginalised communities",
    "families with young children",
    "persons with intellectual disability and their families",
    "people experiencing homelessness",
    "carers",
    "school pupils",
    "Roma communities",
    "single parents",
]
TAGS: Final = [
    "ACSI", "I2I", "youth", "employment", "housing", "inclusion", "loneliness", "families",
    "volunteering", "health", "care", "skills", "mentoring", "food", "digital", "sport",
    "culture", "research", "children", "education",
]  # fmt: skip
SKILLS: Final = [
    "English", "Macedonian", "Italian", "Croatian", "Spanish", "cooking", "driving",
    "mentoring", "teaching", "translation", "graphic design", "web design", "accounting",
    "first aid", "sports", "music", "gardening", "interviewing", "patience", "photography",
]  # fmt: skip
# Where well-known practices come from (a practice is sometimes filed under their place).
TRANSFERRED: Final = [
    ("Nantes", "FR"), ("Athens", "GR"), ("Glasgow", "GB"), ("Porto", "PT"),
    ("Birmingham", "GB"), ("Rotterdam", "NL"), ("Stockholm", "SE"), ("Lisbon", "PT"),
]  # fmt: skip

OPENINGS: Final = [
    "Neighbourhood kitchen", "One-stop desk", "Peer mentoring", "Digital help point",
    "Shared housing", "Job coaching", "Homework club", "Family hub", "Social prescribing",
    "Repair café", "Community garden", "Outreach team", "Welcome programme", "Skills exchange",
    "Care cooperative", "Mobile library", "Night shelter network", "Language café",
]  # fmt: skip
SENTENCES: Final = [
    "People meet a coach at the first visit, who looks for work or a course with them.",
    "The {community} centre opens every weekday and on Saturday mornings.",
    "Volunteers from the neighbourhood run the activities with one paid coordinator.",
    "Social workers and nurses share one assessment, so people tell their story once.",
    "The municipality pays for the premises; a foundation pays for the staff.",
    "Participants choose what they want to learn, from cooking to bookkeeping.",
    "A {community} council of residents decides how the small budget is spent.",
    "Schools refer pupils who miss lessons; the team visits their families at home.",
    "Employers offer short placements that often turn into contracts.",
    "Everyone who comes in is asked what they can offer as well as what they need.",
    "The team follows up by phone with those who stop coming.",
    "Evaluation after two years showed fewer people returning to benefits.",
    "Migrants with qualifications from abroad get help to have them recognised.",
    "Older people living alone get a weekly call and a monthly shared meal.",
    "The {community} kitchen cooks with surplus food from local shops.",
    "Young people design the programme with the staff and run part of it.",
    "Transport to the centre is free for those who cannot pay.",
    "The practice was transferred with a toolkit and two study visits.",
    "Local businesses donate equipment and give staff time as mentors.",
    "Every participant has a personal plan that is reviewed each month.",
    "Families stay involved and neighbours are invited in from the start.",
    "A small grant lets residents start their own {community} projects.",
    "The library lends laptops and runs weekly help sessions.",
    "Interpreters join appointments at the health centre when needed.",
]
BULLETS: Final = [
    "one intake, one coach", "education before benefits", "open to everyone",
    "run with local employers", "free of charge", "evaluated every year",
    "led by volunteers", "available in four languages", "follow-up for those who drop out",
    "a {community} meal every Friday", "childcare during sessions", "no referral needed",
]  # fmt: skip
TIME_COMMITMENTS: Final = [
    "two hours a week", "one evening a week", "two Saturdays a month", "a weekend a season",
    "three hours a week", "one day a month",
]  # fmt: skip


@dataclass(frozen=True)
class Place:
    city: str
    country: str
    language: str
    timezone: str


def organisations() -> list[Organisation]:
    """~50 organisations: each place's municipality, centre, university... in turn."""
    kinds = list(NAMES)
    result = []
    for index in range(ORGANISATIONS):
        city, country, language, timezone = PLACES[index % len(PLACES)]
        kind = kinds[index % len(kinds)]
        result.append(
            Organisation(
                username=f"org{index:02d}",
                host=f"sinet{index:02d}.bench.invalid",
                name=NAMES[kind].format(city=city),
                kind=kind,
                city=city,
                country=country,
                summary=f"Social innovation in {city}.",
                language=language,
                timezone=timezone,
            )
        )
    return result


def actor_documents() -> list[dict[str, Any]]:
    return [actor_document(org) for org in organisations()]


def _skewed(rng: random.Random, values: list[str], k: int = 1) -> list[str]:
    """``k`` distinct values, the first of the list far more often than the last (Zipf-like)."""
    weights = [1.0 / (rank + 1) for rank in range(len(values))]
    chosen: list[str] = []
    while len(chosen) < min(k, len(values)):
        value = rng.choices(values, weights)[0]
        if value not in chosen:
            chosen.append(value)
    return chosen


def _sentence(rng: random.Random, template: str) -> str:
    # The common word: in roughly half the practices' texts, in one of a few forms.
    word = COMMON_WORD if rng.random() < 0.7 else "neighbourhood"
    return template.format(community=word)


def _texts(rng: random.Random, groups: list[str], city: str) -> dict[str, str]:
    sentences = [_sentence(rng, s) for s in rng.sample(SENTENCES, rng.randint(3, 6))]
    bullets = [_sentence(rng, b) for b in rng.sample(BULLETS, rng.randint(2, 4))]
    if rng.random() < 0.002:
        bullets.append(f"a {RARE_WORD} course on the roof")
    content = " ".join(sentences[:2]) + "\n\n" + " ".join(sentences[2:]) + "\n\n"
    content += "\n".join(f"- {bullet}" for bullet in bullets)
    summary = f"In {city}, for {', '.join(groups)}. {sentences[0]}"
    return {"summary": summary, "content": content}


def _organisation(rng: random.Random, orgs: list[Organisation]) -> Organisation:
    # A few organisations publish most of the catalogue.
    return orgs[int(len(orgs) * rng.random() ** 2)]


def practice(
    seed: int, index: int, orgs: list[Organisation]
) -> tuple[Organisation, dict[str, Any]]:
    rng = random.Random(f"{seed}:practice:{index}")
    org = _organisation(rng, orgs)
    groups = _skewed(rng, TARGET_GROUPS, rng.randint(1, 3))
    city, country = (org.city, org.country)
    if rng.random() < 0.2:
        city, country = rng.choice(TRANSFERRED)
    name = f"{rng.choice(OPENINGS)} for {groups[0]}"
    if rng.random() < 0.5:
        name += f" in {city}"
    data: dict[str, Any] = {
        "name": name,
        **_texts(rng, groups, city),
        "tags": rng.sample(TAGS, rng.randint(1, 4)),
        "challenge": _skewed(rng, CHALLENGES)[0],
        "country": country,
        "city": city,
        "target_groups": groups,
        "innovation_type": rng.choices(INNOVATION_TYPES, [3, 3, 2, 1])[0],
        "partners": [f"Municipality of {city}"] if rng.random() < 0.4 else [],
    }
    if rng.random() < 0.85:
        data["evidence_level"] = rng.choices(EVIDENCE_LEVELS, [5, 3, 1])[0]
    if org.language != "en" and rng.random() < 0.25:
        data["translations"] = {"en": {key: data[key] for key in ("name", "summary", "content")}}
    return org, data


def _location(rng: random.Random, org: Organisation) -> dict[str, Any]:
    return {
        "name": f"{org.name}, room {rng.randint(1, 20)}",
        "address": {
            "streetAddress": f"Main Street {rng.randint(1, 200)}",
            "postalCode": f"{rng.randint(1000, 9999)}",
            "addressLocality": org.city,
            "addressCountry": org.country,
        },
    }


def event(
    seed: int, index: int, orgs: list[Organisation], now: datetime
) -> tuple[Organisation, dict[str, Any], datetime]:
    """An event from ~150 days ago to ~300 days ahead, and when it was announced."""
    rng = random.Random(f"{seed}:event:{index}")
    org = _organisation(rng, orgs)
    event_type = rng.choices(EVENT_TYPES, [3, 4, 1, 1, 3])[0]
    groups = _skewed(rng, TARGET_GROUPS)
    day = (now + timedelta(days=rng.randint(-150, 300))).astimezone(ZoneInfo(org.timezone))
    start = day.replace(hour=rng.choice([9, 10, 14, 17]), minute=0, second=0, microsecond=0)
    hours = rng.choice([1, 2, 3, 8]) + (24 * rng.randint(1, 2) if rng.random() < 0.1 else 0)
    data: dict[str, Any] = {
        "name": f"{event_type.replace('_', ' ').capitalize()}: {rng.choice(OPENINGS).lower()} "
        f"for {groups[0]}",
        **_texts(rng, groups, org.city),
        "startTime": start.isoformat(),
        "endTime": (start + timedelta(hours=hours)).isoformat(),
        "timezone": org.timezone,
        "event_type": event_type,
        "tags": rng.sample(TAGS, rng.randint(0, 3)),
    }
    if rng.random() < 0.4:
        data["online_url"] = f"https://meet.bench.invalid/{org.username}-{index}"
    else:
        data["location"] = _location(rng, org)
    announced = min(now, start - timedelta(days=rng.randint(10, 90)))
    return org, data, announced


def call(
    seed: int, index: int, orgs: list[Organisation], now: datetime
) -> tuple[Organisation, dict[str, Any], datetime]:
    """A volunteer call closing from ~60 days ago to ~180 days ahead, and when it was made."""
    rng = random.Random(f"{seed}:call:{index}")
    org = _organisation(rng, orgs)
    groups = _skewed(rng, TARGET_GROUPS)
    closes = now + timedelta(days=rng.randint(-60, 180))
    data: dict[str, Any] = {
        "name": f"Volunteers for the {rng.choice(OPENINGS).lower()} in {org.city}",
        **_texts(rng, groups, org.city),
        "skills": _skewed(rng, SKILLS, rng.randint(1, 4)),
        "closes": closes.isoformat(),
        "time_commitment": rng.choice(TIME_COMMITMENTS),
        "how_to_respond": f"Write to volunteers@{org.host}",
    }
    where = rng.random()
    if where < 0.25:
        data["remote"] = True
    elif where < 0.4:
        data["online_url"] = f"https://meet.bench.invalid/{org.username}-call-{index}"
    else:
        data["location"] = _location(rng, org)
    return org, data, min(now, closes - timedelta(days=rng.randint(30, 120)))


@dataclass(frozen=True)
class Stored:
    """A received object ready for ``objects.save``: sanitised document and its kind."""

    uri: str
    kind: str
    document: dict[str, Any]


def _stored(
    kind: str, index: int, org: Organisation, data: dict[str, Any], published: datetime
) -> Stored:
    uri = f"{org.base}/{kind}s/{index}"
    document = publication_document(
        kind,
        data,
        object_id=uri,
        actor_id=org.actor_id,
        published=published,
        language=org.language,
        timezone=org.timezone,
    )
    clean = sanitised(document)
    return Stored(uri, kind_of(clean), clean)


def objects(seed: int, kind: str, start: int, stop: int, now: datetime) -> list[Stored]:
    """Objects ``start``..``stop - 1`` of a kind (practice, event or call)."""
    orgs = organisations()
    result = []
    for index in range(start, stop):
        if kind == "practice":
            org, data = practice(seed, index, orgs)
            # Spread over three years, newest first in index order would be too tidy.
            age = timedelta(days=random.Random(f"{seed}:age:{index}").uniform(0, 3 * 365))
            result.append(_stored(kind, index, org, data, now - age))
        else:
            make = event if kind == "event" else call
            org, data, published = make(seed, index, orgs, now)
            result.append(_stored(kind, index, org, data, published))
    return result
