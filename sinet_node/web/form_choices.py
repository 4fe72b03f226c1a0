"""The options of the publishing forms' selects and suggestion lists (pure data and lookups).

Each option is (value, label); the labels are English here and go through gettext where the
template shows them. A stored value that is not among the options (a language tag written on
the command line, say) is added so that editing never changes it by accident.
Exceptions: none.
"""

from __future__ import annotations

import zoneinfo
from functools import lru_cache
from typing import Final

from sinet_node.objects.vocab import (
    EVENT_STATUSES,
    EVENT_TYPES,
    INNOVATION_TYPES,
    JOIN_MODES,
)
from sinet_node.web import names, wording
from sinet_node.web.i18n.localiser import ENGLISH, Localiser
from sinet_node.web.i18n.mark import N_
from sinet_node.web.names import country_choices

Options = tuple[tuple[str, str], ...]

NOT_SAID: Final = ("", "—")

# The choices' words in the page's language (`names` translates the vocabulary's values).


def innovation_options(l10n: Localiser = ENGLISH) -> Options:
    labels = ((value, names.innovation(value, l10n)) for value in INNOVATION_TYPES)
    return (NOT_SAID, *((value, f"{label[0]}: {label[1]}") for value, label in labels if label))


def evidence_options(l10n: Localiser = ENGLISH) -> Options:
    return (NOT_SAID, *((level, name) for level, name, _meaning in names.evidence_levels(l10n)))


def event_type_options(l10n: Localiser = ENGLISH) -> Options:
    return (NOT_SAID, *((value, names.event_type_label(value, l10n)) for value in EVENT_TYPES))


def join_mode_options(l10n: Localiser = ENGLISH) -> Options:
    return tuple((value, names.join_mode_label(value, l10n)) for value in JOIN_MODES)


_STATUS_LABELS: Final = {
    "CONFIRMED": N_("Confirmed"),
    "TENTATIVE": N_("Tentative: not certain yet"),
    "CANCELLED": N_("Cancelled"),
}


def status_options(l10n: Localiser = ENGLISH) -> Options:
    ordered = sorted(EVENT_STATUSES, key=lambda status: status != "CONFIRMED")
    return tuple((value, l10n.gettext(_STATUS_LABELS[value])) for value in ordered)


# Suggestions (a <datalist>): the challenges and target groups the network's documents name.
CHALLENGE_SUGGESTIONS: Final = (
    "social isolation and loneliness",
    "children at risk of exclusion",
    "youth unemployment",
    "long-term unemployment",
    "integration of health and social care",
    "access to services for marginalised communities",
    "volunteering and civic participation",
)
TARGET_GROUP_SUGGESTIONS: Final = (
    "marginalised communities",
    "persons with intellectual disability and their families",
    "young people",
    "older people",
    "migrants and refugees",
    "unemployed people",
)


def with_value(options: Options, value: str) -> Options:
    """`options`, plus `value` (shown as it is) when it is not one of them."""
    if not value or any(option == value for option, _ in options):
        return options
    return (*options, (value, value))


def language_options(value: str) -> Options:
    """The network's languages in their own names."""
    return with_value(tuple(wording.LANGUAGES.items()), value)


def country_options(value: str, l10n: Localiser = ENGLISH) -> Options:
    """Every country by its name in the page's language."""
    return with_value((("", "—"), *country_choices(l10n)), value)


@lru_cache(maxsize=1)
def _zones() -> tuple[str, ...]:
    # Region/City names only: "Etc/GMT-2" and the old aliases confuse more than they help.
    names = zoneinfo.available_timezones()
    regional = (name for name in names if "/" in name and not name.startswith(("Etc/", "SystemV/")))
    return tuple(sorted({*regional, "UTC"}))


def timezone_options(value: str) -> Options:
    return with_value(tuple((name, name.replace("_", " ")) for name in _zones()), value)
