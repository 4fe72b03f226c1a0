"""What this request knows about its browser session, kept on ``request.state``.

Filled once per request (by ``auth.SessionLoader`` or the first ``current_account``) so
templates, which render synchronously, can show who is logged in and put the CSRF token
in every form.
"""

from __future__ import annotations

from starlette.requests import Request

from sinet_node.accounts.browser_sessions import BrowserSession
from sinet_node.accounts.model import Account

_SESSION = "sinet_browser_session"
_LOGIN_CSRF = "sinet_login_csrf"


def looked_up(request: Request) -> bool:
    return hasattr(request.state, _SESSION)


def remember(request: Request, session: BrowserSession | None) -> None:
    setattr(request.state, _SESSION, session)


def remembered(request: Request) -> BrowserSession | None:
    session: BrowserSession | None = getattr(request.state, _SESSION, None)
    return session


def account(request: Request) -> Account | None:
    session = remembered(request)
    return session.account if session is not None else None


def remember_login_csrf(request: Request, token: str) -> None:
    """The login form's token, before there is a session to bind it to."""
    setattr(request.state, _LOGIN_CSRF, token)


def csrf_token(request: Request) -> str:
    """The token this request's forms must send back: the session's, or the login form's."""
    session = remembered(request)
    if session is not None:
        return session.csrf_token
    token: str = getattr(request.state, _LOGIN_CSRF, "")
    return token
