"""One page's language: its translated messages, and dates and names as its readers write them.

A ``Localiser`` is made for each request (``for_language``) and handed to the templates and to
the Python code that writes words; nothing about the language lives in a global, so requests
in different languages can be rendered at the same time.

Dates and country and language names come from CLDR through Babel. English dates follow the
European way the network writes them: the day before the month and a 24-hour clock, "Thursday
29 April 2027, 14:00" (CLDR's en_IE), not the American "Thursday, April 29, 2027 at 2:00 PM".

Exceptions: none (an unknown country or language code is shown as it is).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from typing import Final

import pycountry
from babel import Locale
from babel.dates import format_date, format_skeleton, format_time
from babel.support import NullTranslations

from sinet_node.web.i18n.languages import DEFAULT

# Babel's locale for each interface language's dates and names (see the module docstring).
_FORMAT_LOCALES: Final = {"en": "en_IE"}
# The year, and what sticks to it, in a CLDR date pattern: ", y", " 'de' y" (Spanish), " y."
# (Croatian), " y 'g'." in Cyrillic (Macedonian: "godina", year).
_YEAR_IN_PATTERN: Final = re.compile(r"[\s,]*(?:'de'\s*)?y+\.?(?:\s*'\u0433'\.)?")


@lru_cache(maxsize=16)
def _babel_locale(language: str) -> Locale:
    return Locale.parse(_FORMAT_LOCALES.get(language, language))


@lru_cache(maxsize=64)
def _date_pattern(language: str, weekday: bool, year: bool) -> str:
    """CLDR's full ("Thursday 29 April 2027") or long ("29 April 2027") date, without the year
    when asked (CLDR has no pattern for that in every language, so the year is cut out)."""
    locale = _babel_locale(language)
    pattern = str(locale.date_formats["full" if weekday else "long"].pattern)
    return pattern if year else _YEAR_IN_PATTERN.sub("", pattern).strip(" ,")


@dataclass(frozen=True)
class Localiser:
    language: str  # one of languages.LANGUAGES: the page's <html lang>
    translations: NullTranslations

    @property
    def locale(self) -> Locale:
        return _babel_locale(self.language)

    # Messages

    def gettext(self, message: str) -> str:
        return self.translations.gettext(message)

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        return self.translations.ngettext(singular, plural, count)

    def pgettext(self, context: str, message: str) -> str:
        return str(self.translations.pgettext(context, message))

    def npgettext(self, context: str, singular: str, plural: str, count: int) -> str:
        return str(self.translations.npgettext(context, singular, plural, count))

    # Dates and times

    def day(self, day: date, *, weekday: bool = True, year: bool = True) -> str:
        """'Thursday 29 April 2027', 'jueves, 29 de abril de 2027'."""
        return format_date(day, _date_pattern(self.language, weekday, year), locale=self.locale)

    def time(self, moment: datetime) -> str:
        """The time of day on a 24-hour clock: '14:00' (the clock the moment is already in)."""
        return format_time(moment, "short", tzinfo=moment.tzinfo, locale=self.locale)

    def short_day(self, day: date) -> str:
        """A compact date for tables: '29 Apr 2027', '29. tra 2027.'."""
        return format_skeleton("yMMMd", day, locale=self.locale)

    def month(self, first: date) -> str:
        """A month and its year as a calendar's title: 'April 2027', 'travanj 2027.'."""
        return format_skeleton("yMMMM", first, locale=self.locale)

    def month_name(self, day: date) -> str:
        """The month alone, as a title says it: 'April', 'април', 'travanj'."""
        return str(self.locale.months["stand-alone"]["wide"][day.month])

    def weekday_abbreviations(self) -> list[str]:
        """Monday first, as the calendar's columns: 'Mon' ... 'Sun', 'пон.' ... 'нед.'."""
        names = self.locale.days["stand-alone"]["abbreviated"]
        return [str(names[index]) for index in range(7)]

    # Names of countries and languages

    def country(self, code: str) -> str:
        """A country by its ISO 3166-1 alpha-2 code, in the page's language."""
        return _country_name(self.language, code.upper())

    def language_name(self, tag: str) -> str:
        """A language by its BCP 47 tag ('it', 'en-GB'), in the page's language."""
        return _language_name(self.language, tag.split("-", 1)[0].lower())


@lru_cache(maxsize=2048)
def _country_name(language: str, code: str) -> str:
    # ISO 3166 says which codes are countries (CLDR also names regions such as "ZZ", unknown);
    # Kosovo's XK is user-assigned in ISO but used by everyone, CLDR included.
    country = pycountry.countries.get(alpha_2=code) if len(code) == 2 else None
    if country is None and code != "XK":
        return code
    name = _babel_locale(language).territories.get(code)
    if name:
        return str(name)
    return str(getattr(country, "common_name", None) or getattr(country, "name", code))


@lru_cache(maxsize=2048)
def _language_name(language: str, primary: str) -> str:
    name = _babel_locale(language).languages.get(primary) if primary.isalpha() else None
    if name:
        # CLDR writes most languages' names in lower case ("македонски"); a list or a label
        # shows them on their own, where they start with a capital.
        return str(name)[:1].upper() + str(name)[1:]
    entry = pycountry.languages.get(alpha_2=primary) if len(primary) == 2 else None
    return str(entry.name) if entry else primary


def for_language(language: str, catalogues: dict[str, NullTranslations]) -> Localiser:
    """The localiser of `language` (one the catalogues hold), else of English."""
    if language not in catalogues:
        language = DEFAULT
    return Localiser(language, catalogues[language])


ENGLISH: Final = Localiser(DEFAULT, NullTranslations())
