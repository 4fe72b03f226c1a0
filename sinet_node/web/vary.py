"""Pages vary with the reader's language: every HTML response says so to caches.

What language a page is written in depends on Accept-Language and on the switcher's cookie, so
an HTML response carries ``Vary: Accept-Language, Cookie`` (added to whatever it varies on
already, such as Accept on negotiated URLs). Other responses (ActivityStreams JSON, feeds,
calendars, static files) are the same for every reader and are left alone.
"""

from __future__ import annotations

from typing import Final

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

LANGUAGE_VARY: Final = ("Accept-Language", "Cookie")


def add_vary(headers: MutableHeaders, names: tuple[str, ...]) -> None:
    present = [item.strip() for item in headers.get("vary", "").split(",") if item.strip()]
    known = {item.lower() for item in present}
    headers["Vary"] = ", ".join(present + [name for name in names if name.lower() not in known])


class VaryByLanguage:
    """ASGI middleware: `Vary: Accept-Language, Cookie` on every text/html response."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_vary(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                if headers.get("content-type", "").startswith("text/html"):
                    add_vary(headers, LANGUAGE_VARY)
            await send(message)

        await self.app(scope, receive, send_with_vary)
