"""The confirmation banner after a redirect ("Settings saved."), kept on the server-side
session and shown once by the next admin page, with an optional list of details (what went
wrong along the way). A one-time password rides along the same way, so it never appears in a
URL or a log."""

from __future__ import annotations

from collections.abc import Sequence
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
    details: tuple[str, ...] = ()  # listed under the message


async def flash(
    request: Request,
    message: str,
    *,
    kind: str = SUCCESS,
    secret: str | None = None,
    details: Sequence[str] = (),
) -> None:
    """Show ``message`` on the next admin page of this browser (needs a session)."""
    session = session_state.remembered(request)
    if session is None:
        return
    value = {"message": message, "kind": kind, "secret": secret, "details": list(details)}
    await browser_sessions.set_flash(node_of(request).sessions, session.id, value)


async def take_flash(request: Request) -> Flash | None:
    """The banner waiting for this browser, removed as it is read."""
    session = session_state.remembered(request)
    if session is None or not session.flash:
        return None
    await browser_sessions.set_flash(node_of(request).sessions, session.id, None)
    value = session.flash
    secret = value.get("secret")
    details = value.get("details")
    return Flash(
        message=str(value.get("message", "")),
        kind=str(value.get("kind", SUCCESS)),
        secret=str(secret) if secret else None,
        details=tuple(str(item) for item in details) if isinstance(details, list) else (),
    )
