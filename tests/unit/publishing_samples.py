"""Realistic `publish` inputs, as an organisation would write them in FILE.json."""

from __future__ import annotations

from typing import Any

PRACTICE_INPUT: dict[str, Any] = {
    "name": "Jongerenloket: one desk for young people out of work",
    "summary": "One desk where young people find work, training and benefits together.",
    "content": "The **Jongerenloket** brings together the services a young person needs.\n\n"
    "- job coaching\n- training\n- benefits",
    "tags": ["youth unemployment", "#Rotterdam", "rotterdam"],
    "challenge": "youth unemployment",
    "country": "nl",
    "city": "Rotterdam",
    "target_groups": ["young people", "unemployed people"],
    "innovation_type": "Reinvent",
    "evidence_level": "correlation",
    "toolkit_urls": ["https://toolkits.example.org/jongerenloket"],
    "partners": ["Gemeente Rotterdam"],
    "language": "en-gb",
    "translations": {"NL": {"name": "Jongerenloket", "content": "Eén loket voor jongeren."}},
}

EVENT_INPUT: dict[str, Any] = {
    "name": "Co-learning workshop: what works against loneliness",
    "summary": "Two hours on practices against social isolation in small towns.",
    "content": "Cases from Aarhus, Arendal and Ohrid.",
    "startTime": "2027-04-30T16:00:00+02:00",
    "endTime": "2027-04-30T18:00:00+02:00",
    "timezone": "Europe/Skopje",
    "location": {"name": "Youth Centre", "address": "Ulica Makedonska 5, Ohrid"},
    "online_url": "https://meet.example.org/loneliness",
    "tags": ["Loneliness"],
    "event_type": "workshop",
    "join_mode": "restricted",
    "capacity": 25,
}

CALL_INPUT: dict[str, Any] = {
    "name": "Volunteers wanted: befriending older people",
    "summary": "Visit an older neighbour once a week.",
    "content": "We match you with an older person who lives alone.",
    "skills": ["listening", "Macedonian"],
    "closes": "2027-05-31",
    "location": {"name": "Ohrid"},
    "time_commitment": "one afternoon a week",
    "how_to_respond": "Write to volunteers@ohrid.example",
    "volunteers_needed": 12,
}

INPUTS = {"practice": PRACTICE_INPUT, "event": EVENT_INPUT, "call": CALL_INPUT}
