"""The templates' gettext, bound to one page's language.

The Jinja environment is shared by every request, so the translations are not installed in it
(its globals would be one language for all readers at once). Instead each render gets its own
``gettext``, ``ngettext``, ``pgettext`` and ``npgettext`` in the template context, where
``{% trans %}`` and ``_()`` look them up (context variables hide the environment's globals).

They behave as Jinja's "newstyle" gettext: the message is always a %-format string (write "%%"
for a percent sign), its variables are passed as keywords and escaped, and ``ngettext`` gets
``num`` for free. A translation is our own text, so it is trusted as markup like the template.

Exceptions: none.
"""

from __future__ import annotations

from typing import Any

from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from sinet_node.web.i18n.localiser import Localiser


def _finish(context: Context, text: str, variables: dict[str, Any]) -> str:
    if context.eval_ctx.autoescape:
        return Markup(text) % variables
    return text % variables


def gettext_callables(l10n: Localiser) -> dict[str, Any]:
    """What a render passes to its template for `l10n`'s language."""

    @pass_context
    def gettext(context: Context, message: str, /, **variables: Any) -> str:
        return _finish(context, l10n.gettext(message), variables)

    @pass_context
    def ngettext(
        context: Context, singular: str, plural: str, num: int, /, **variables: Any
    ) -> str:
        variables.setdefault("num", num)
        return _finish(context, l10n.ngettext(singular, plural, num), variables)

    @pass_context
    def pgettext(context: Context, where: str, message: str, /, **variables: Any) -> str:
        return _finish(context, l10n.pgettext(where, message), variables)

    @pass_context
    def npgettext(
        context: Context, where: str, singular: str, plural: str, num: int, /, **variables: Any
    ) -> str:
        variables.setdefault("num", num)
        return _finish(context, l10n.npgettext(where, singular, plural, num), variables)

    return {
        "gettext": gettext,
        "ngettext": ngettext,
        "pgettext": pgettext,
        "npgettext": npgettext,
    }
