# Macedonian text: Cyrillic letters that look like Latin ones are meant.
# ruff: noqa: RUF001
"""Dates, times, months and names in the reader's language, from the shipped catalogues and
CLDR: what a reader of each of the six languages sees on a page."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from sinet_node.web.event_time import describe, event_time
from sinet_node.web.i18n.catalogues import load_catalogues
from sinet_node.web.i18n.languages import LANGUAGES
from sinet_node.web.i18n.localiser import Localiser, for_language
from sinet_node.web.names import country_name, language_name
from sinet_node.web.publication_view import closes_text

CATALOGUES = load_catalogues()
SKOPJE = ZoneInfo("Europe/Skopje")


def in_(language: str) -> Localiser:
    return for_language(language, CATALOGUES)


@pytest.mark.parametrize(
    ("language", "full", "short", "month"),
    [
        ("en", "Thursday 29 April 2027", "29 April 2027", "April 2027"),
        ("mk", "четврток, 29 април 2027\u202fг.", "29 април 2027\u202fг.", "април 2027\u202fг."),
        ("it", "giovedì 29 aprile 2027", "29 aprile 2027", "aprile 2027"),
        ("hr", "četvrtak, 29. travnja 2027.", "29. travnja 2027.", "travanj 2027."),
        ("es", "jueves, 29 de abril de 2027", "29 de abril de 2027", "abril de 2027"),
        ("nl", "donderdag 29 april 2027", "29 april 2027", "april 2027"),
    ],
)
def test_dates_are_written_as_each_language_writes_them(
    language: str, full: str, short: str, month: str
) -> None:
    l10n = in_(language)
    day = date(2027, 4, 29)
    assert l10n.day(day) == full
    assert l10n.day(day, weekday=False) == short
    assert l10n.month(day) == month
    # Without the year (a span within one year names it once, at its end).
    assert "2027" not in l10n.day(day, year=False)
    assert l10n.day(day, year=False) in full


@pytest.mark.parametrize("language", LANGUAGES)
def test_times_use_a_24_hour_clock_in_the_moments_own_zone(language: str) -> None:
    moment = datetime(2027, 4, 29, 21, 5, tzinfo=SKOPJE)
    assert in_(language).time(moment) == "21:05"


def test_weekday_columns_start_on_monday() -> None:
    assert in_("en").weekday_abbreviations() == ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    assert in_("mk").weekday_abbreviations()[0] == "пон."
    assert in_("hr").weekday_abbreviations()[6] == "ned"


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "Thursday 29 April 2027, 10:00\u201314:00"),
        ("mk", "четврток, 29 април 2027\u202fг., 10:00\u201314:00"),
        ("es", "jueves, 29 de abril de 2027, 10:00\u201314:00"),
    ],
)
def test_an_event_reads_in_the_readers_language(language: str, text: str) -> None:
    when = event_time(
        datetime.fromisoformat("2027-04-29T08:00:00Z"),
        datetime.fromisoformat("2027-04-29T12:00:00Z"),
        "Europe/Skopje",
    )
    assert describe(when, in_(language)) == text
    assert when.zone_label == "Europe/Skopje, UTC+02:00"  # zones are not translated


def test_all_day_and_closing_texts_are_translated() -> None:
    start = datetime(2027, 7, 5, tzinfo=SKOPJE)
    when = event_time(start, datetime(2027, 7, 6, tzinfo=SKOPJE), "Europe/Skopje")
    assert describe(when, in_("it")) == "lunedì 5 luglio 2027 (tutto il giorno)"
    assert describe(when, in_("nl")) == "maandag 5 juli 2027 (hele dag)"
    closes = datetime(2027, 5, 31, 23, 59, 59, tzinfo=SKOPJE)
    assert closes_text(closes, in_("en")) == "the end of Monday 31 May 2027"
    assert closes_text(closes, in_("hr")) == "ponedjeljak, 31. svibnja 2027., do kraja dana"


@pytest.mark.parametrize(
    ("language", "country", "name"),
    [
        ("en", "MK", "North Macedonia"),
        ("mk", "MK", "Северна Македонија"),
        ("it", "HR", "Croazia"),
        ("hr", "ES", "Španjolska"),
        ("es", "NL", "Países Bajos"),
        ("nl", "IT", "Italië"),
        ("mk", "xk", "Косово"),
        # Not a country: shown as it is, never CLDR's "Unknown Region".
        ("en", "ZZ", "ZZ"),
        ("it", "Q1", "Q1"),
    ],
)
def test_country_names_in_the_readers_language(language: str, country: str, name: str) -> None:
    assert in_(language).country(country) == name


@pytest.mark.parametrize(
    ("language", "tag", "name"),
    [
        ("en", "mk", "Macedonian"),
        ("mk", "en-GB", "Англиски"),
        ("it", "nl", "Olandese"),
        ("hr", "it", "Talijanski"),
        ("es", "hr", "Croata"),
        ("nl", "es", "Spaans"),
        ("en", "xx", "xx"),
    ],
)
def test_language_names_in_the_readers_language(language: str, tag: str, name: str) -> None:
    assert in_(language).language_name(tag) == name


def test_plurals_follow_each_languages_rules() -> None:
    def practices(language: str, count: int) -> str:
        return in_(language).ngettext("%(num)d practice", "%(num)d practices", count) % {
            "num": count
        }

    assert [practices("en", n) for n in (1, 2, 21)] == ["1 practice", "2 practices", "21 practices"]
    # Croatian has three forms: 1 and 21 one, 2-4 another, 5-20 and 11 the third.
    assert [practices("hr", n) for n in (1, 3, 5, 11, 21, 22)] == [
        "1 praksa", "3 prakse", "5 praksi", "11 praksi", "21 praksa", "22 prakse",
    ]  # fmt: skip
    # Macedonian: a number ending in 1 (not 11) takes the singular.
    assert [practices("mk", n) for n in (1, 11, 21, 5)] == [
        "1 практика", "11 практики", "21 практика", "5 практики",
    ]  # fmt: skip


def test_an_unknown_language_falls_back_to_english() -> None:
    assert for_language("de", CATALOGUES).language == "en"
    assert for_language("de", CATALOGUES).gettext("Practices") == "Practices"


def test_names_for_python_callers_default_to_english_and_take_a_language() -> None:
    assert (country_name("HR"), language_name("mk")) == ("Croatia", "Macedonian")
    assert (country_name("HR", in_("it")), language_name("mk", in_("it"))) == (
        "Croazia",
        "Macedone",
    )
    assert (country_name(""), language_name("")) == ("", "")
