"""Every message of the interface is translated into every language, and each translation
keeps the message's placeholders and markup.

The messages are extracted from the code as this test runs (the same extraction as
`make messages`), so a string added to a template or to Python without a translation fails
here, naming the string and the language: run `make messages`, then translate what it lists.
"""

from __future__ import annotations

import re
from io import BytesIO
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po, write_po

from sinet_node.web.i18n import messages
from sinet_node.web.i18n.catalogues import (
    CatalogueError,
    load_catalogues,
    po_path,
    read_catalogue,
)
from sinet_node.web.i18n.languages import DEFAULT, LANGUAGES

TRANSLATED = [language for language in LANGUAGES if language != DEFAULT]
_PLACEHOLDER = re.compile(r"%\([A-Za-z_]\w*\)[sdif]|%[sdif]|\{[A-Za-z_]\w*\}")
_TAG = re.compile(r"<[^>]+>")


@pytest.fixture(scope="module")
def extracted() -> Catalog:
    return messages.extract()


def read(language: str) -> Catalog:
    with po_path(language).open("rb") as source:
        return read_po(source, locale=language)


def placeholders(text: str) -> list[str]:
    return sorted(_PLACEHOLDER.findall(text.replace("%%", "")))


def problems(template: Catalog, catalog: Catalog) -> list[str]:
    """What is wrong with `catalog` for the messages of `template`, one line each."""
    found = []
    for wanted in template:
        if not wanted.id:
            continue
        message: Message | None = catalog.get(wanted.id, wanted.context)
        label = repr(wanted.id if isinstance(wanted.id, str) else wanted.id[0])
        if message is None:
            found.append(f"{label}: missing (run `make messages`)")
            continue
        if message.fuzzy:
            found.append(f"{label}: fuzzy")
        ids = [message.id] if isinstance(message.id, str) else list(message.id)
        forms = [message.string] if isinstance(message.string, str) else list(message.string)
        if isinstance(message.id, tuple) and len(forms) != catalog.num_plurals:
            found.append(f"{label}: {len(forms)} plural forms, not {catalog.num_plurals}")
        for form in forms:
            if not form:
                found.append(f"{label}: not translated")
                continue
            # A plural form is compared with the plural message (it holds the count).
            source = ids[-1]
            if (got := placeholders(form)) != (want := placeholders(source)):
                found.append(f"{label}: placeholders {got} != {want}")
            if sorted(_TAG.findall(form)) != sorted(_TAG.findall(source)):
                found.append(f"{label}: markup {_TAG.findall(form)} != {_TAG.findall(source)}")
    for message, errors in catalog.check():
        found.extend(f"{message.id!r}: {error}" for error in errors)
    return found


def test_the_code_has_messages_to_translate(extracted: Catalog) -> None:
    ids = {message.id for message in extracted}
    # Templates, Python labels and plurals all reach the catalogue.
    assert "Skip to content" in ids  # base.html
    assert "Call for volunteers" in ids  # wording.py, marked with N_
    assert "%(day)s (all day)" in ids  # event_time.py
    assert ("%(num)d practice", "%(num)d practices") in ids  # catalogue.py, ngettext
    assert len(extracted) > 150


@pytest.mark.parametrize("language", TRANSLATED)
def test_every_message_is_translated_into(language: str, extracted: Catalog) -> None:
    found = problems(extracted, read(language))
    assert not found, f"{language}: {len(found)} problems:\n" + "\n".join(found)


def test_the_check_catches_what_it_should(extracted: Catalog) -> None:
    # Guards the guard: a catalogue with each kind of mistake is reported.
    bad = Catalog(locale="it")
    bad.add("Skip to content", "Vai al contenuto")
    bad.add("Events in %(month)s", "Eventi di %(mese)s", flags=["python-format"])
    bad.add("Logo of %(name)s", "", flags=["python-format"])
    bad.add("Original on %(host)s", "Originale su %(host)s", flags=["fuzzy"])
    bad.add('By <a href="%(href)s">%(name)s</a>', "Di %(name)s (%(href)s)", flags=["python-format"])
    template = Catalog()
    for text in (
        "Skip to content",
        "Events in %(month)s",
        "Logo of %(name)s",
        "Original on %(host)s",
        'By <a href="%(href)s">%(name)s</a>',
        "Not Found",
    ):
        template.add(text)
    found = "\n".join(problems(template, bad))
    assert "'Skip to content'" not in found
    assert "'Events in %(month)s': placeholders" in found
    assert "'Logo of %(name)s': not translated" in found
    assert "'Original on %(host)s': fuzzy" in found
    assert "markup" in found
    assert "'Not Found': missing" in found


def test_plural_forms_are_each_languages_own() -> None:
    assert read("hr").num_plurals == 3
    assert read("mk").plural_expr == "(n%10==1 && n%100!=11 ? 0 : 1)"
    assert {language: read(language).num_plurals for language in ("it", "es", "nl")} == {
        "it": 2,
        "es": 2,
        "nl": 2,
    }


def test_catalogues_load_from_the_po_files_without_a_build_step() -> None:
    catalogues = load_catalogues()
    assert set(catalogues) == set(LANGUAGES)
    assert catalogues["mk"].gettext("Practices") == "Практики"
    assert catalogues["en"].gettext("Practices") == "Practices"


def test_a_fuzzy_translation_is_not_shown_and_a_broken_catalogue_is_refused(
    tmp_path: Path,
) -> None:
    catalog = Catalog(locale="it")
    catalog.add("Practices", "Pratiche")
    catalog.add("Events", "Eventi?", flags=["fuzzy"])
    out = BytesIO()
    write_po(out, catalog)
    po_path("it", tmp_path).parent.mkdir(parents=True)
    po_path("it", tmp_path).write_bytes(out.getvalue())
    translations = read_catalogue("it", tmp_path)
    assert translations.gettext("Practices") == "Pratiche"
    assert translations.gettext("Events") == "Events"  # the guess stays out
    po_path("it", tmp_path).write_text('msgid "Practices"\nPratiche\n', encoding="utf-8")
    with pytest.raises(CatalogueError, match="it catalogue"):
        read_catalogue("it", tmp_path)
    with pytest.raises(CatalogueError, match="mk catalogue"):
        read_catalogue("mk", tmp_path)
