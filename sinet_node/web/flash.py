"""The confirmation banner after a redirect ("Settings saved."), kept on the server-side
session and shown once by the next admin page. A one-time password rides along the same
way, so it never appears in a URL or a log."""

from __future__ import annotations

from dataclasses import dataclass

from starlette.requests import Request

from sinet_node.accounts import browser_sessions
from sinet_node.web import session_state
from sinet_node.web.context import node_of

SUCCESS = "success"
ERROR = "error"


@dataclass(frozen=True)
class Flash:
    message: str
    kind: str = SUCCESS  # SUCCESS | ERROR
    secret: str | None = None  # a one-time password to hand over, shown once


async def flash(
    request: Request, message: str, *, kind: str = SUCCESS, secret: str | None = None
) -> None:
    """Show ``message`` on the next admin page of this browser (needs a session)."""
    session = session_state.remembered(request)
    if session is None:
        return
    value = {"message": message, "kind": kind, "secret": secret}
    await browser_sessions.set_flash(node_of(request).sessions, session.id, value)


async def take_flash(request: Request) -> Flash | None:
    """The banner waiting for this browser, removed as it is read."""
    session = session_state.remembered(request)
    if session is None or not session.flash:
        return None
    await browser_sessions.set_flash(node_of(request).sessions, session.id, None)
    value = session.flash
    secret = value.get("secret")
    return Flash(
        message=str(value.get("message", "")),
        kind=str(value.get("kind", SUCCESS)),
        secret=str(secret) if secret else None,
    )
