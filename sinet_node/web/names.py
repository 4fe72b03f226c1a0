"""Words for codes: country and language names, kinds of organisation, facet values.

Country and language names come from ISO 3166 and ISO 639 (pycountry), in English; what the
vocabulary's values mean comes from ``wording``. An unknown code is shown as it is.
Exceptions: none.
"""

from __future__ import annotations

from functools import lru_cache

import pycountry

from sinet_node.config import ORGANISATION_KINDS
from sinet_node.storage import catalogue_entry as facets
from sinet_node.web import wording


@lru_cache(maxsize=512)
def country_name(code: str) -> str:
    country = pycountry.countries.get(alpha_2=code.upper()) if len(code) == 2 else None
    return str(getattr(country, "common_name", None) or country.name) if country else code


@lru_cache(maxsize=512)
def language_name(tag: str) -> str:
    primary = tag.split("-", 1)[0].lower()
    language = pycountry.languages.get(alpha_2=primary) if len(primary) == 2 else None
    return str(language.name) if language else tag


@lru_cache(maxsize=1)
def country_choices() -> tuple[tuple[str, str], ...]:
    """(code, name) of every ISO 3166 country, by name: the choices of a country select."""
    codes = (str(country.alpha_2) for country in pycountry.countries)
    return tuple(sorted(((code, country_name(code)) for code in codes), key=lambda c: c[1]))


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
    if facet == facets.INNOVATION_TYPE and value in wording.INNOVATION:
        word, meaning = wording.INNOVATION[value]
        return f"{word}: {meaning}"
    if facet == facets.EVIDENCE_LEVEL and value in wording.EVIDENCE:
        return wording.EVIDENCE[value][0]
    if facet == facets.EVENT_TYPE:
        return wording.EVENT_TYPES.get(value, sentence_case(label))
    return sentence_case(label)
