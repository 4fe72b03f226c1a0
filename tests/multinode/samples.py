"""Realistic `publish` inputs (CLI.md's required keys and some optional ones).

The organisations and places come from the network's founding documents
(shared/domain/examples.json); the descriptions are ours. ``label`` makes names
unique, so a test can tell its objects from those of an earlier test.

Errors: ``KeyError`` for an unknown kind.
"""

from __future__ import annotations

from typing import Any


def practice(label: str = "") -> dict[str, Any]:
    return {
        "name": f"Tandem Homes: students living with older people{label}",
        "summary": "Students rent a room from an older person at a low price and share "
        "evenings, shopping and company in return.",
        "content": (
            "## What it is\n\n"
            "A municipal matching service pairs **university students** with *older people* "
            "who live alone and have a spare room.\n\n"
            "- a signed agreement on shared time (two evenings a week)\n"
            "- a social worker visits every month\n"
            "- rent at a third of the market price\n\n"
            "Adapted from the ACSI analysis of intergenerational housing."
        ),
        "tags": ["loneliness", "intergenerational", "housing"],
        "challenge": "social isolation and loneliness",
        "country": "MK",
        "city": "Ohrid",
        "target_groups": ["older people", "young people"],
        "innovation_type": "complement",
        "evidence_level": "correlation",
        "language": "en",
    }


def event(label: str = "") -> dict[str, Any]:
    return {
        "name": f"Co-learning workshop: transfer toolkits for social innovation{label}",
        "summary": "A morning in Ohrid (and online) on adapting proven practices with "
        "their transfer toolkits.",
        "content": (
            "Partners from Struga, Sibenik and Alcorcon present how they adapted a "
            "practice to their city. Bring one practice you want to transfer.\n\n"
            "Interpretation into Macedonian and English."
        ),
        "startTime": "2026-05-14T09:30:00+02:00",
        "endTime": "2026-05-14T13:00:00+02:00",
        "timezone": "Europe/Skopje",
        "location": {
            "name": "Ohrid Cultural Centre",
            "address": "Bulevar Makedonski Prosvetiteli 2, 6000 Ohrid, North Macedonia",
        },
        "online_url": "https://meet.example.org/sinet-colearning",
    }


def call(label: str = "") -> dict[str, Any]:
    return {
        "name": f"Volunteers wanted: digital help desk for older residents{label}",
        "summary": "Two hours a week helping older residents with e-services, "
        "in person in Struga or remotely by phone.",
        "content": (
            "We are looking for volunteers who can explain the municipal e-services, "
            "video calls and online banking **patiently**.\n\n"
            "Training is provided by PORAKA NOVA."
        ),
        "skills": ["patience", "Macedonian", "Albanian", "basic IT support"],
        "closes": "2026-06-30",
        "remote": True,
        "time_commitment": "2 hours a week for 3 months",
        "how_to_respond": "Write to volunteers@poraka-nova.example.org",
        "volunteers_needed": 6,
    }


SAMPLES = {"practice": practice, "event": event, "call": call}


def sample(kind: str, label: str = "") -> dict[str, Any]:
    return SAMPLES[kind](label)
