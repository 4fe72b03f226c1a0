"""Words for codes: country and language names, kinds of organisation, facet values.

Country and language names come from ISO 3166 and ISO 639 (pycountry); an unknown code is
shown as it is. Exceptions: none.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Final

import pycountry

from sinet_node.config import ORGANISATION_KINDS
from sinet_node.storage import catalogue_entry as facets

INNOVATION_TYPES: Final = {
    "improve": "Improves an existing service",
    "complement": "Complements an existing service",
    "reinvent": "Reinvents a service",
    "transform": "Transforms a system",
}
EVIDENCE_LEVELS: Final = {
    "anecdotal": "Anecdotal",
    "correlation": "Correlation",
    "attribution": "Attribution (experimental study)",
}
EVENT_TYPES: Final = {
    "training": "Training",
    "webinar": "Webinar",
    "focus_group": "Focus group",
    "conference": "Conference",
    "workshop": "Workshop",
}


@lru_cache(maxsize=512)
def country_name(code: str) -> str:
    country = pycountry.countries.get(alpha_2=code.upper()) if len(code) == 2 else None
    return str(getattr(country, "common_name", None) or country.name) if country else code


@lru_cache(maxsize=512)
def language_name(tag: str) -> str:
    primary = tag.split("-", 1)[0].lower()
    language = pycountry.languages.get(alpha_2=primary) if len(primary) == 2 else None
    return str(language.name) if language else tag


def organisation_kind(value: str) -> str:
    return ORGANISATION_KINDS.get(value, "")


def sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:]


def facet_label(facet: str, value: str, label: str) -> str:
    """What a filter shows for one value of a facet (organisations are named by the caller)."""
    if facet == facets.COUNTRY:
        return country_name(value)
    if facet == facets.LANGUAGE:
        return language_name(value)
    if facet == facets.INNOVATION_TYPE:
        return INNOVATION_TYPES.get(value, sentence_case(label))
    if facet == facets.EVIDENCE_LEVEL:
        return EVIDENCE_LEVELS.get(value, sentence_case(label))
    if facet == facets.EVENT_TYPE:
        return EVENT_TYPES.get(value, sentence_case(label))
    return sentence_case(label)
