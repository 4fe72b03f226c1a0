"""Words for codes, in the page's language: kinds of object and of organisation, the
vocabulary's values, facet values and places.

Country and language names come from CLDR (``Localiser.country``, ``language_name``); what the
vocabulary's values mean comes from ``wording``. An unknown code (a newer node's) is shown as
it is: never passed to gettext, whose answer the templates would trust as markup.
Exceptions: none.
"""

from __future__ import annotations

import pycountry

from sinet_node.config import ORGANISATION_KINDS
from sinet_node.storage import catalogue_entry as facets
from sinet_node.web import wording
from sinet_node.web.i18n.localiser import ENGLISH, Localiser


def country_name(code: str, l10n: Localiser = ENGLISH) -> str:
    """A country by its ISO 3166-1 alpha-2 code ('MK' -> 'North Macedonia'); pass the page's
    localiser for its language (templates use the `country_name` filter, which does)."""
    return l10n.country(code) if code else ""


def language_name(tag: str, l10n: Localiser = ENGLISH) -> str:
    """A language by its BCP 47 tag ('it' -> 'Italian'), in `l10n`'s language."""
    return l10n.language_name(tag) if tag else ""


def country_choices(l10n: Localiser = ENGLISH) -> tuple[tuple[str, str], ...]:
    """(code, name) of every ISO 3166 country, by its name in `l10n`'s language: the
    choices of a country select."""
    codes = (str(country.alpha_2) for country in pycountry.countries)
    return tuple(sorted(((code, l10n.country(code)) for code in codes), key=lambda c: c[1]))


def _known(table: dict[str, str], value: str, l10n: Localiser) -> str | None:
    words = table.get(value)
    return l10n.gettext(words) if words is not None else None


def kind_label(kind: str, l10n: Localiser) -> str:
    """'Practice', 'Event', 'Call for volunteers'."""
    return _known(wording.KIND_LABELS, kind, l10n) or kind


def event_type_label(value: str, l10n: Localiser) -> str:
    return _known(wording.EVENT_TYPES, value, l10n) or sentence_case(value.replace("_", " "))


def join_mode_label(value: str, l10n: Localiser) -> str:
    return _known(wording.JOIN_MODES, value, l10n) or value


def organisation_kind(value: str, l10n: Localiser = ENGLISH) -> str:
    """'municipality'; a kind the interface has no words for keeps config's English."""
    return _known(wording.ORGANISATION_KINDS, value, l10n) or ORGANISATION_KINDS.get(value, "")


def evidence_levels(l10n: Localiser) -> list[tuple[str, str, str]]:
    """(level, name, what it means) from the weakest evidence to the strongest."""
    return [
        (level, l10n.gettext(name), l10n.gettext(meaning))
        for level, (name, meaning) in wording.EVIDENCE.items()
    ]


def innovation(value: str, l10n: Localiser) -> tuple[str, str] | None:
    """(name, what it means) of a type of innovation, or None for one we do not know."""
    words = wording.INNOVATION.get(value)
    if words is None:
        return None
    return l10n.gettext(words[0]), l10n.gettext(words[1])


def _known_phrase(table: dict[str, str], value: str, l10n: Localiser) -> str | None:
    """A phrase of `table` in the page's language, matched however it was capitalised or spaced."""
    return _known(table, " ".join(value.lower().split()), l10n)


def challenge_label(value: str, l10n: Localiser) -> str:
    return _known_phrase(wording.CHALLENGES, value, l10n) or value


def target_group_label(value: str, l10n: Localiser) -> str:
    return _known_phrase(wording.TARGET_GROUPS, value, l10n) or value


def is_known_phrase(value: str) -> bool:
    """True when the interface says `value` (a challenge or target group) in its own words."""
    phrase = " ".join(value.lower().split())
    return phrase in wording.CHALLENGES or phrase in wording.TARGET_GROUPS


def place(city: str | None, country: str | None, l10n: Localiser) -> str:
    """'Ohrid, North Macedonia': the city and the country's name, whichever are known."""
    return ", ".join(part for part in (city, l10n.country(country) if country else "") if part)


def sentence_case(text: str) -> str:
    return text[:1].upper() + text[1:]


def facet_label(facet: str, value: str, label: str, l10n: Localiser) -> str:
    """What a filter shows for one value of a facet (organisations are named by the caller)."""
    if facet == facets.COUNTRY:
        return l10n.country(value)
    if facet == facets.LANGUAGE:
        return l10n.language_name(value)
    if facet == facets.INNOVATION_TYPE and (words := innovation(value, l10n)):
        return f"{words[0]}: {words[1]}"
    if facet == facets.EVIDENCE_LEVEL and value in wording.EVIDENCE:
        return l10n.gettext(wording.EVIDENCE[value][0])
    if facet == facets.EVENT_TYPE and value in wording.EVENT_TYPES:
        return event_type_label(value, l10n)
    if facet == facets.CHALLENGE:
        return sentence_case(challenge_label(label, l10n))
    if facet == facets.TARGET_GROUP:
        return sentence_case(target_group_label(label, l10n))
    if facet == facets.REMOTE and value == "yes":
        return l10n.gettext("Can be done remotely")
    return sentence_case(label)


def error_page(status: int, title: str, l10n: Localiser) -> tuple[str, str]:
    """(heading, sentence) of an error page. A problem with a title of its own keeps it (in
    English, like its detail); a standard one is said in the page's language."""
    words = wording.ERROR_PAGES.get(status)
    if words is None:
        return title, ""
    standard, explanation = words
    return (l10n.gettext(standard) if title == standard else title), l10n.gettext(explanation)
