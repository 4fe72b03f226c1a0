"""Extract the interface's messages from the code and bring every catalogue up to date.

    python -m sinet_node.web.i18n.messages      (or: make messages)

reads every ``_()``, ``gettext()``, ``ngettext()``, ``pgettext()``, ``N_()`` ... in the
package's Python and every ``_()`` and ``{% trans %}`` in its templates, writes the template
catalogue ``locale/messages.pot``, and merges it into each language's ``messages.po``: new
messages arrive with an empty translation (to be written), messages the code no longer has are
dropped, translations already written are kept. A catalogue is rewritten only when its messages
changed, so running it twice changes nothing. It then lists, per language, what still needs a
translation; tests/unit/test_catalogues.py fails while anything does.

Exceptions: none of its own (a template that does not parse stops it with Jinja's error).
"""

from __future__ import annotations

import sys
from collections.abc import Iterable
from io import BytesIO
from pathlib import Path
from typing import Any, Final

from babel import Locale
from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import read_po, write_po

from sinet_node.web.i18n.catalogues import DOMAIN, LOCALE_DIR, po_path
from sinet_node.web.i18n.languages import DEFAULT, LANGUAGES

PACKAGE_DIR: Final = Path(__file__).resolve().parents[2]  # sinet_node/
POT_PATH: Final = LOCALE_DIR / f"{DOMAIN}.pot"
# Templates are read with the environment's own settings (templating.create_templates).
_TEMPLATE_OPTIONS: Final = {
    "trim_blocks": "true",
    "lstrip_blocks": "true",
    "trimmed": "true",
    "newstyle_gettext": "true",
    "silent": "false",
}
METHOD_MAP: Final = [("**/templates/**.html", "jinja2"), ("**.py", "python")]
OPTIONS_MAP: Final = {"**/templates/**.html": _TEMPLATE_OPTIONS}
KEYWORDS: Final = {**DEFAULT_KEYWORDS, "N_": None}
COMMENT_TAGS: Final = ("Translators:",)
_PROJECT: Final = "SINet Node"
_VERSION: Final = "0.1"
_HEADER: Final = """\
# {what} of the SINet Node interface.
# Distributed under the same license as SINet Node (AGPL-3.0-or-later).
# Written with `make messages` (sinet_node/web/i18n/messages.py); translations by hand.
#"""
_VOLATILE: Final = (b'"POT-Creation-Date:', b'"PO-Revision-Date:')


def extract(package_dir: Path = PACKAGE_DIR) -> Catalog:
    """Every message of the interface, with where it was found."""
    catalog = Catalog(
        project=_PROJECT,
        version=_VERSION,
        domain=DOMAIN,
        charset="utf-8",
        fuzzy=False,
        header_comment=_HEADER.format(what="The messages"),
    )
    found = extract_from_dir(
        package_dir,
        METHOD_MAP,
        OPTIONS_MAP,
        KEYWORDS,
        COMMENT_TAGS,
        strip_comment_tags=True,
    )
    for filename, lineno, message, comments, context in found:
        location = (f"sinet_node/{filename}", lineno)
        catalog.add(message, None, [location], auto_comments=comments, context=context)
    return catalog


def _serialise(catalog: Catalog) -> bytes:
    out = BytesIO()
    write_po(out, catalog, width=100, sort_output=True, include_lineno=False, ignore_obsolete=True)
    return out.getvalue()


def _same_messages(old: bytes, new: bytes) -> bool:
    """True when two catalogues differ at most in their creation and revision dates."""

    def stable(text: bytes) -> list[bytes]:
        return [line for line in text.splitlines() if not line.startswith(_VOLATILE)]

    return stable(old) == stable(new)


def _write_if_changed(path: Path, content: bytes) -> bool:
    if path.exists() and _same_messages(path.read_bytes(), content):
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content)
    return True


def _new_catalogue(language: str) -> Catalog:
    name = str(Locale.parse(language).english_name)
    catalog = Catalog(
        locale=Locale.parse(language),
        project=_PROJECT,
        version=_VERSION,
        domain=DOMAIN,
        charset="utf-8",
        fuzzy=False,
        header_comment=_HEADER.format(what=f"The {name} translation"),
    )
    catalog.language_team = name
    catalog.last_translator = "SINet Node translators"
    return catalog


def update(template: Catalog, language: str, locale_dir: Path = LOCALE_DIR) -> Catalog:
    """`language`'s catalogue merged with `template`; written back when its messages changed."""
    path = po_path(language, locale_dir)
    if path.exists():
        with path.open("rb") as source:
            catalog = read_po(source, locale=language)
    else:
        catalog = _new_catalogue(language)
    # No fuzzy matching: a near-miss guess reads as done to a hurried translator; an empty
    # translation is listed as missing until someone writes it.
    catalog.update(template, no_fuzzy_matching=True, update_header_comment=False)
    catalog.obsolete.clear()
    _write_if_changed(path, _serialise(catalog))
    return catalog


def untranslated(catalog: Catalog) -> list[str]:
    """The messages of `catalog` without a confirmed translation (empty or fuzzy)."""
    missing = []
    for message in catalog:
        if not message.id:
            continue  # the header
        forms = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(forms):
            missing.append(message.id if isinstance(message.id, str) else message.id[0])
    return missing


def run(languages: Iterable[str] = LANGUAGES, locale_dir: Path = LOCALE_DIR) -> dict[str, Any]:
    template = extract()
    _write_if_changed(locale_dir / f"{DOMAIN}.pot", _serialise(template))
    report: dict[str, Any] = {"messages": len(template)}
    for language in languages:
        if language != DEFAULT:  # English is the language the code is written in
            report[language] = untranslated(update(template, language, locale_dir))
    return report


def main() -> int:
    report = run()
    print(f"{report.pop('messages')} messages in {POT_PATH.relative_to(PACKAGE_DIR.parent)}")
    for language, missing in report.items():
        print(f"{language}: {len(missing)} to translate")
        for message in missing:
            print(f"    {message!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
