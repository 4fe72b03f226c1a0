"""Who is logged in, and the checks every admin page and form makes.

Endpoints call ``require_editor`` / ``require_admin`` first and read a POSTed form only
through ``checked_form``, which enforces the size limit and the CSRF token. A browser
without a session is sent to the login page (303); an API client gets problem+json.

Errors: ``AuthRedirect`` (turned into a 303 for browsers by ``auth_redirect``, registered
in app.py) and ``HTTPProblem`` 403 / 413 for a refused form or a page for admins only.
"""

from __future__ import annotations

import secrets
from urllib.parse import quote, urlsplit

from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sinet_node.accounts import browser_sessions
from sinet_node.accounts.browser_sessions import BrowserSession
from sinet_node.accounts.model import Account
from sinet_node.translation import gettext as _
from sinet_node.web import session_state
from sinet_node.web.context import node_of
from sinet_node.web.negotiation import wants_html
from sinet_node.web.problem import HTTPProblem, problem_response

SESSION_COOKIE = "sinet_session"
LOGIN_CSRF_COOKIE = "sinet_login_csrf"
CSRF_FIELD = "csrf_token"
LOGIN_PATH = "/login"
PASSWORD_PATH = "/admin/password"
HOME_PATH = "/admin"
MAX_FORM_BYTES = 10 * 1024 * 1024
# A larger body is still read (and thrown away) up to here, so that the browser gets to
# see the 413 page instead of a connection reset; beyond it the connection is dropped.
DRAIN_LIMIT_BYTES = 64 * 1024 * 1024


class AuthRedirect(Exception):
    """Send a browser to ``location``; an API client gets ``problem`` instead."""

    def __init__(self, location: str, problem: HTTPProblem) -> None:
        super().__init__(problem.detail)
        self.location = location
        self.problem = problem


async def auth_redirect(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, AuthRedirect)
    if wants_html(request):
        return RedirectResponse(exc.location, status_code=303)
    return problem_response(exc.problem)


# Who is logged in ---------------------------------------------------------------------


async def current_session(request: Request) -> BrowserSession | None:
    if session_state.looked_up(request):
        return session_state.remembered(request)
    token = request.cookies.get(SESSION_COOKIE, "")
    node = node_of(request)
    session = (
        await browser_sessions.session_for_token(node.sessions, token, now=node.clock())
        if token
        else None
    )
    session_state.remember(request, session)
    return session


async def current_account(request: Request) -> Account | None:
    session = await current_session(request)
    return session.account if session is not None else None


def safe_next(value: str | None, default: str = HOME_PATH) -> str:
    """A path on this site to go back to after logging in; anything else becomes ``default``."""
    if not value or not value.startswith("/") or value.startswith(("//", "/\\")):
        return default
    parts = urlsplit(value)
    return value if not parts.scheme and not parts.netloc else default


def _here(request: Request) -> str:
    """Where to come back to: this page for a GET; for a form sent after the session
    ended, the admin home (the POST cannot be repeated by a redirect)."""
    if request.method not in ("GET", "HEAD"):
        return HOME_PATH
    query = request.url.query
    return request.url.path + (f"?{query}" if query else "")


async def require_editor(request: Request) -> Account:
    """The logged-in account (editor or admin) whose password is not a one-time one."""
    account = await current_account(request)
    if account is None:
        raise AuthRedirect(
            f"{LOGIN_PATH}?next={quote(_here(request), safe='/')}",
            HTTPProblem(401, _("Log in first: this page is for the node's staff.")),
        )
    if account.must_change_password and request.url.path != PASSWORD_PATH:
        raise AuthRedirect(
            f"{PASSWORD_PATH}?next={quote(_here(request), safe='/')}",
            HTTPProblem(403, _("Change your one-time password first.")),
        )
    return account


async def require_admin(request: Request) -> Account:
    account = await require_editor(request)
    if not account.is_admin:
        raise HTTPProblem(
            403,
            _(
                "Only an admin of this node can open this page. "
                "Ask one if something here must change."
            ),
            title=_("This page is for admins"),
        )
    return account


# Cookies -----------------------------------------------------------------------------


def _secure(request: Request) -> bool:
    """Secure cookies whenever the node's public origin is https (also behind a TLS
    terminator that talks plain http to us)."""
    return node_of(request).settings.base_url.startswith("https://")


def set_session_cookie(request: Request, response: Response, token: str) -> None:
    response.set_cookie(
        SESSION_COOKIE,
        token,
        max_age=int(browser_sessions.LIFETIME.total_seconds()),
        path="/",
        secure=_secure(request),
        httponly=True,
        samesite="lax",
    )


def clear_session_cookie(request: Request, response: Response) -> None:
    response.delete_cookie(
        SESSION_COOKIE, path="/", secure=_secure(request), httponly=True, samesite="lax"
    )


def login_csrf_token(request: Request) -> str:
    """The pre-session token of the login form: the browser's cookie, or a new one."""
    token = request.cookies.get(LOGIN_CSRF_COOKIE, "")
    if not (20 <= len(token) <= 100 and token.replace("-", "").replace("_", "").isalnum()):
        token = secrets.token_urlsafe(32)
    session_state.remember_login_csrf(request, token)
    return token


def set_login_csrf_cookie(request: Request, response: Response, token: str) -> None:
    response.set_cookie(
        LOGIN_CSRF_COOKIE,
        token,
        max_age=2 * 3600,
        path="/",
        secure=_secure(request),
        httponly=True,
        samesite="lax",
    )


def clear_login_csrf_cookie(request: Request, response: Response) -> None:
    response.delete_cookie(
        LOGIN_CSRF_COOKIE, path="/", secure=_secure(request), httponly=True, samesite="lax"
    )


# Forms -------------------------------------------------------------------------------


async def _read_body(request: Request, max_bytes: int) -> bytes:
    declared = request.headers.get("content-length", "")
    too_big = HTTPProblem(
        413,
        _("The form is too large: at most %(mb)d MB can be sent at once (a smaller image helps).")
        % {"mb": max_bytes // (1024 * 1024)},
        title=_("Form too large"),
    )
    if declared.isdigit() and int(declared) > DRAIN_LIMIT_BYTES:
        raise too_big
    body = bytearray()
    seen = 0
    async for chunk in request.stream():
        seen += len(chunk)
        if seen <= max_bytes:
            body += chunk
        elif seen > DRAIN_LIMIT_BYTES:
            break
    if seen > max_bytes:
        raise too_big
    return bytes(body)


async def checked_form(request: Request, *, max_bytes: int = MAX_FORM_BYTES) -> FormData:
    """The POSTed form (urlencoded or multipart, at most ``max_bytes``) once its CSRF token
    matches this browser's session (or, before login, the login form's cookie).
    A missing or wrong token is a 403 and the endpoint goes no further."""
    body = await _read_body(request, max_bytes)

    async def replay() -> Message:
        return {"type": "http.request", "body": body, "more_body": False}

    form = await Request(request.scope, replay).form(max_fields=200, max_part_size=max_bytes)
    session = await current_session(request)
    expected = (
        session.csrf_token if session is not None else request.cookies.get(LOGIN_CSRF_COOKIE, "")
    )
    sent = form.get(CSRF_FIELD)
    if not expected or not isinstance(sent, str) or not secrets.compare_digest(sent, expected):
        raise HTTPProblem(
            403,
            _(
                "This form was not accepted: it has expired or did not come from this site. "
                "Nothing was changed. Go back, reload the page and send it again."
            ),
            title=_("Form not accepted"),
        )
    return form


# Middleware ----------------------------------------------------------------------------


class SessionLoader:
    """Looks up the session of a request that carries the cookie, before the endpoint
    runs, so every page (public ones too) can show who is logged in."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            request = Request(scope)
            if SESSION_COOKIE in request.cookies:
                await current_session(request)
        await self.app(scope, receive, send)
