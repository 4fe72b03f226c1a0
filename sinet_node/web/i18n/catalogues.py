"""The interface's gettext catalogues, read from the .po files shipped in the package.

The .po files are the only form of the translations in the repository: `create_app` reads them
once per process and compiles them in memory (about 0.1 s for all five), so a fresh clone runs
without a build step and there is no compiled .mo that could go stale. Fuzzy
entries (a guess that no translator has confirmed) are left out, so their English shows
instead. English is the source language: its catalogue is empty and every message is shown as
written in the code.

Exceptions: ``CatalogueError`` (a catalogue is missing or does not parse).
"""

from __future__ import annotations

from functools import cache
from io import BytesIO
from pathlib import Path
from typing import Final

from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po
from babel.support import NullTranslations, Translations

from sinet_node.web.i18n.languages import DEFAULT, LANGUAGES

LOCALE_DIR: Final = Path(__file__).resolve().parent.parent / "locale"
DOMAIN: Final = "messages"


class CatalogueError(Exception):
    """A language's catalogue cannot be read; the message names the file."""


def po_path(language: str, locale_dir: Path = LOCALE_DIR) -> Path:
    return locale_dir / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def read_catalogue(language: str, locale_dir: Path = LOCALE_DIR) -> Translations:
    """The translations of one language, compiled from its .po file."""
    path = po_path(language, locale_dir)
    try:
        with path.open("rb") as source:
            catalog = read_po(source, locale=language, abort_invalid=True)
    except (OSError, PoFileError, ValueError) as exc:
        raise CatalogueError(f"cannot read the {language} catalogue {path}: {exc}") from exc
    compiled = BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)
    compiled.seek(0)
    return Translations(compiled, domain=DOMAIN)


def load_catalogues(locale_dir: Path = LOCALE_DIR) -> dict[str, NullTranslations]:
    """Every interface language's translations; English needs none."""
    catalogues: dict[str, NullTranslations] = {DEFAULT: NullTranslations()}
    for language in LANGUAGES:
        if language != DEFAULT:
            catalogues[language] = read_catalogue(language, locale_dir)
    return catalogues


@cache
def shipped_catalogues() -> dict[str, NullTranslations]:
    """The package's own catalogues, read once per process (on first use, not at import):
    every app made in the process shares them, as they never change while it runs."""
    return load_catalogues()
