"""Messages in the language of the request being served, for code outside the templates.

Code below the web layer (form validation, account rules) writes its messages for people as

    from sinet_node.translation import gettext as _
    raise AccountError(_("There is already an account for %(email)s.") % {"email": email})

and they come out in the reader's language: the web layer's language middleware binds the
request's translations to a context variable (``speaking``) for as long as the request runs.
Each request runs in its own task with its own copy of the context, so readers of different
languages served at once never see each other's. Outside a request (the command line, the
workers) nothing is bound and the English of the code is returned. ``make messages`` extracts
these ``_()`` calls with the rest.

A leaf: it imports nothing of the package. Exceptions: none.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Protocol


class Translations(Protocol):
    """What gettext.NullTranslations and babel.support.Translations offer."""

    def gettext(self, message: str, /) -> str: ...

    def ngettext(self, singular: str, plural: str, n: int, /) -> str: ...


_CURRENT: ContextVar[Translations | None] = ContextVar("sinet_translations", default=None)


def gettext(message: str) -> str:
    translations = _CURRENT.get()
    return message if translations is None else translations.gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    translations = _CURRENT.get()
    if translations is None:
        return singular if count == 1 else plural
    return translations.ngettext(singular, plural, count)


@contextmanager
def speaking(translations: Translations) -> Iterator[None]:
    """Messages asked for in this block (and in what it awaits) come from `translations`."""
    token = _CURRENT.set(translations)
    try:
        yield
    finally:
        _CURRENT.reset(token)
