"""The reader's language, settled once per request, and caches told that pages depend on it.

For every HTTP request this ASGI middleware negotiates the page language (the switcher's
cookie, Accept-Language, the node's language, English: ``languages.negotiate``), keeps the
``Localiser`` on the request's state for the templates (``context.localiser_of``), and binds
its translations for code outside the web layer (``sinet_node.translation``) while the request
runs. HTML responses get ``Vary: Accept-Language, Cookie`` added to whatever they vary on
already (Accept on negotiated URLs); JSON, feeds, calendars and static files are the same for
every reader and are left alone.
"""

from __future__ import annotations

from typing import Final

from babel.support import NullTranslations
from starlette.datastructures import MutableHeaders
from starlette.requests import HTTPConnection
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sinet_node.translation import speaking
from sinet_node.web.i18n.languages import COOKIE, negotiate
from sinet_node.web.i18n.localiser import Localiser, for_language

LANGUAGE_VARY: Final = ("Accept-Language", "Cookie")
STATE_KEY: Final = "l10n"


def add_vary(headers: MutableHeaders, names: tuple[str, ...]) -> None:
    present = [item.strip() for item in headers.get("vary", "").split(",") if item.strip()]
    known = {item.lower() for item in present}
    headers["Vary"] = ", ".join(present + [name for name in names if name.lower() not in known])


def negotiated(connection: HTTPConnection) -> Localiser:
    """The localiser for this request, from the app's catalogues and the node's language."""
    state = connection.app.state
    catalogues: dict[str, NullTranslations] = state.catalogues
    language = negotiate(
        connection.cookies.get(COOKIE),
        connection.headers.get("accept-language"),
        state.node.settings.language,
    )
    return for_language(language, catalogues)


class ReaderLanguage:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        l10n = negotiated(HTTPConnection(scope))
        scope.setdefault("state", {})[STATE_KEY] = l10n

        async def send_with_vary(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                if headers.get("content-type", "").startswith("text/html"):
                    add_vary(headers, LANGUAGE_VARY)
            await send(message)

        with speaking(l10n.translations):
            await self.app(scope, receive, send_with_vary)
