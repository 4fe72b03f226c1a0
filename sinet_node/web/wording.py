"""What the vocabulary's values mean, in words a visitor understands (pure data).

The vocabulary page explains the terms to developers; these explain the values to the people
who read a practice, an event or a call. A value we do not know (a newer node's) is shown as
it is, so nothing here needs to be complete for a page to render.
"""

from __future__ import annotations

from typing import Final

KIND_LABELS: Final = {"practice": "Practice", "event": "Event", "call": "Call for volunteers"}

# ACSI/UpSocial's strength of evidence, weakest first (the page shows the scale).
EVIDENCE: Final = {
    "anecdotal": (
        "Anecdotal",
        "Stories and testimonies from the people involved suggest that it works; "
        "it has not been measured yet.",
    ),
    "correlation": (
        "Correlation",
        "Measured results improved where the practice ran, but other causes were not ruled out.",
    ),
    "attribution": (
        "Attribution",
        "An experimental or quasi-experimental study attributes the results to the practice "
        "itself.",
    ),
}

# Leadbeater and Wong: improving or complementing a service versus reinventing or transforming it.
INNOVATION: Final = {
    "improve": ("Improve", "makes an existing service work better"),
    "complement": ("Complement", "adds something new alongside an existing service"),
    "reinvent": ("Reinvent", "redesigns how the service is provided"),
    "transform": ("Transform", "changes the system around the need"),
}

JOIN_MODES: Final = {
    "free": "Free, open to all: just come",
    "restricted": "Registration needed, confirmed by the organiser",
    "invite": "By invitation only",
    "external": "Register on the organiser's page",
}

EVENT_TYPES: Final = {
    "training": "Training course",
    "webinar": "Webinar",
    "focus_group": "Focus group",
    "conference": "Conference",
    "workshop": "Workshop",
}

# The network's languages (founding and North Sea partners) and their neighbours, in their own
# names, so that a reader finds the translation they can read.
LANGUAGES: Final = {
    "en": "English",
    "mk": "Македонски",
    "it": "Italiano",
    "hr": "Hrvatski",
    "es": "Español",
    "ca": "Català",
    "nl": "Nederlands",
    "da": "Dansk",
    "no": "Norsk",
    "nb": "Norsk bokmål",
    "nn": "Norsk nynorsk",
    "sv": "Svenska",
    "de": "Deutsch",
    "fr": "Français",
    "sq": "Shqip",
    "el": "Ελληνικά",
    "sl": "Slovenščina",
    "sr": "Српски",
    "bg": "Български",
    "pt": "Português",
    "pl": "Polski",
}


def own_language_name(code: str) -> str:
    """A language in its own name: 'it' -> 'Italiano', 'en-GB' -> 'English (en-GB)'.

    Unknown codes are shown as they are.
    """
    base = code.split("-", 1)[0].lower()
    name = LANGUAGES.get(base)
    if name is None:
        return code
    return name if base == code else f"{name} ({code})"
