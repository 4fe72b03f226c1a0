"""Access to the Node, the templates and the reader's language from a request (all set once on
app.state by ``create_app``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from jinja2 import Environment
from starlette.requests import Request

from sinet_node.federation.context import Node
from sinet_node.web import session_state
from sinet_node.web.i18n.jinja import gettext_callables
from sinet_node.web.i18n.languages import LANGUAGES, OWN_NAMES
from sinet_node.web.i18n.localiser import Localiser
from sinet_node.web.i18n.middleware import STATE_KEY, negotiated
from sinet_node.web.publication_view import Site


def node_of(request: Request) -> Node:
    node: Node = request.app.state.node
    return node


def site_of(request: Request) -> Site:
    """The node as pages see it, with the time of this request."""
    node = node_of(request)
    return Site(settings=node.settings, urls=node.urls, now=node.clock())


def templates_of(request: Request) -> Environment:
    env: Environment = request.app.state.templates
    return env


def localiser_of(request: Request) -> Localiser:
    """The page's language for this reader (their choice, their browser's, the node's), as the
    language middleware settled it for the request."""
    l10n = request.scope.get("state", {}).get(STATE_KEY)
    return l10n if isinstance(l10n, Localiser) else negotiated(request)


@dataclass(frozen=True)
class LanguageLink:
    code: str
    name: str  # in the language itself
    href: str  # the switcher, coming back to this page


def language_links(request: Request) -> list[LanguageLink]:
    """The switcher's links: each interface language, returning to the page the reader is on."""
    here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return [
        LanguageLink(code, OWN_NAMES[code], f"/language/{code}?{urlencode({'next': here})}")
        for code in LANGUAGES
    ]


def render(request: Request, template: str, **context: Any) -> str:
    node = node_of(request)
    l10n = localiser_of(request)
    return (
        templates_of(request)
        .get_template(template)
        .render(
            request=request,
            settings=node.settings,
            urls=node.urls,
            account=session_state.account(request),
            l10n=l10n,
            languages=language_links(request),
            **gettext_callables(l10n),
            **context,
        )
    )
