"""What the vocabulary's values mean, in words a visitor understands (pure data).

The vocabulary page explains the terms to developers; these explain the values to the people
who read a practice, an event or a call. A value we do not know (a newer node's) is shown as
it is, so nothing here needs to be complete for a page to render.

The words are English, marked with ``N_`` for the catalogues; ``names`` translates them into the
page's language when it shows them.
"""

from __future__ import annotations

from typing import Final

from sinet_node.web.i18n.mark import N_

KIND_LABELS: Final = {
    "practice": N_("Practice"),
    "event": N_("Event"),
    "call": N_("Call for volunteers"),
}

# config.ORGANISATION_KINDS's keys, in the words of the interface (config's own words are the
# command line's, in English).
ORGANISATION_KINDS: Final = {
    "civil_society": N_("civil-society organisation"),
    "municipality": N_("municipality"),
    "public_authority": N_("public authority"),
    "business": N_("business"),
    "university": N_("university"),
    "citizens_group": N_("citizens' group"),
}

# ACSI/UpSocial's strength of evidence, weakest first (the page shows the scale).
EVIDENCE: Final = {
    "anecdotal": (
        N_("Anecdotal"),
        N_(
            "Stories and testimonies from the people involved suggest that it works; "
            "it has not been measured yet."
        ),
    ),
    "correlation": (
        N_("Correlation"),
        N_(
            "Measured results improved where the practice ran, but other causes were not ruled out."
        ),
    ),
    "attribution": (
        N_("Attribution"),
        N_(
            "An experimental or quasi-experimental study attributes the results to the practice "
            "itself."
        ),
    ),
}

# Leadbeater and Wong: improving or complementing a service versus reinventing or transforming it.
INNOVATION: Final = {
    "improve": (N_("Improve"), N_("makes an existing service work better")),
    "complement": (N_("Complement"), N_("adds something new alongside an existing service")),
    "reinvent": (N_("Reinvent"), N_("redesigns how the service is provided")),
    "transform": (N_("Transform"), N_("changes the system around the need")),
}

JOIN_MODES: Final = {
    "free": N_("Free, open to all: just come"),
    "restricted": N_("Registration needed, confirmed by the organiser"),
    "invite": N_("By invitation only"),
    "external": N_("Register on the organiser's page"),
}

EVENT_TYPES: Final = {
    "training": N_("Training course"),
    "webinar": N_("Webinar"),
    "focus_group": N_("Focus group"),
    "conference": N_("Conference"),
    "workshop": N_("Workshop"),
}

# The challenges and target groups named in the network's founding documents, in the words
# practices use for them: a practice that names one in English shows it in the reader's
# language (any other value is the author's own words and is shown as written).
CHALLENGES: Final = {
    "social isolation and loneliness": N_("social isolation and loneliness"),
    "children at risk of exclusion": N_("children at risk of exclusion"),
    "youth unemployment": N_("youth unemployment"),
    "long-term unemployment": N_("long-term unemployment"),
    "integration of health and social care": N_("integration of health and social care"),
    "access to services": N_("access to services"),
    "access to services for marginalised communities": N_(
        "access to services for marginalised communities"
    ),
    "volunteering and civic participation": N_("volunteering and civic participation"),
    "integration of migrants and refugees": N_("integration of migrants and refugees"),
    "employment in deprived neighbourhoods": N_("employment in deprived neighbourhoods"),
}
TARGET_GROUPS: Final = {
    "marginalised communities": N_("marginalised communities"),
    "persons with intellectual disability": N_("persons with intellectual disability"),
    "persons with intellectual disability and their families": N_(
        "persons with intellectual disability and their families"
    ),
    "families": N_("families"),
    "young people": N_("young people"),
    "older people": N_("older people"),
    "migrants and refugees": N_("migrants and refugees"),
    "unemployed people": N_("unemployed people"),
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


# What an error page says, by HTTP status: its title (the standard reason phrase) and a
# sentence for people. The problem's own detail, written for developers, follows in English.
ERROR_PAGES: Final = {
    400: (N_("Bad Request"), N_("The address asks for something this node cannot read.")),
    401: (N_("Unauthorized"), N_("This address needs a signed request.")),
    403: (N_("Forbidden"), N_("This node does not show this address to you.")),
    404: (
        N_("Not Found"),
        N_("There is nothing at this address. It may have been mistyped, moved or removed."),
    ),
    405: (N_("Method Not Allowed"), N_("This address does not answer that kind of request.")),
    406: (N_("Not Acceptable"), N_("This node cannot answer in the format you asked for.")),
    410: (N_("Gone"), N_("What was at this address has been deleted.")),
    413: (N_("Request Entity Too Large"), N_("What you sent is larger than this node accepts.")),
    415: (N_("Unsupported Media Type"), N_("This node cannot read what you sent.")),
    429: (N_("Too Many Requests"), N_("Too many requests in a short time: wait a little.")),
    500: (N_("Internal Server Error"), N_("The node hit an unexpected error; it has been logged.")),
    503: (N_("Service Unavailable"), N_("The node is busy or being updated: try again soon.")),
}
