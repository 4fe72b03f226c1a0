"""Logging in and out, and changing one's own password (forced after a one-time one)."""

from __future__ import annotations

from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response

from sinet_node.accounts import browser_sessions, manage
from sinet_node.accounts.errors import AccountError, BadCredentials, RateLimited
from sinet_node.accounts.login import log_in
from sinet_node.translation import gettext as _
from sinet_node.web import auth, session_state
from sinet_node.web.admin_pages import PRIVATE_HEADERS, admin_page, done
from sinet_node.web.context import node_of, render


def _field(form_value: object) -> str:
    return form_value if isinstance(form_value, str) else ""


def _login_page(
    request: Request,
    *,
    email: str = "",
    next_page: str | None = None,
    error: str | None = None,
    status_code: int = 200,
    headers: dict[str, str] | None = None,
) -> HTMLResponse:
    token = auth.login_csrf_token(request)
    html = render(
        request,
        "login.html",
        email=email,
        error=error,
        next=auth.safe_next(next_page or request.query_params.get("next")),
        logged_out="logged_out" in request.query_params,
    )
    response = HTMLResponse(
        html, status_code=status_code, headers={**PRIVATE_HEADERS, **(headers or {})}
    )
    auth.set_login_csrf_cookie(request, response, token)
    return response


async def login_form(request: Request) -> Response:
    if await auth.current_account(request) is not None:
        return RedirectResponse(auth.safe_next(request.query_params.get("next")), 303)
    return _login_page(request)


def _client_address(request: Request) -> str:
    return request.client.host if request.client else "unknown"


async def login(request: Request) -> Response:
    form = await auth.checked_form(request)
    email, password = _field(form.get("email")), _field(form.get("password"))
    next_page = auth.safe_next(_field(form.get("next")))
    node = node_of(request)
    try:
        account = await log_in(
            node.sessions,
            email=email,
            password=password,
            address=_client_address(request),
            now=node.clock(),
        )
    except RateLimited as exc:
        return _login_page(
            request,
            email=email,
            next_page=next_page,
            error=exc.message,
            status_code=429,
            headers={"Retry-After": str(exc.retry_after)},
        )
    except BadCredentials as exc:
        return _login_page(
            request, email=email, next_page=next_page, error=exc.message, status_code=400
        )
    old_token = request.cookies.get(auth.SESSION_COOKIE)
    if old_token:  # a new session id at every login: no session fixation
        await browser_sessions.end_session(node.sessions, old_token)
    token, session = await browser_sessions.start_session(node.sessions, account, now=node.clock())
    session_state.remember(request, session)
    target = next_page
    if account.must_change_password:
        target = f"{auth.PASSWORD_PATH}?next={quote(next_page, safe='/')}"
    response = RedirectResponse(target, status_code=303)
    auth.set_session_cookie(request, response, token)
    auth.clear_login_csrf_cookie(request, response)
    return response


async def logout(request: Request) -> Response:
    response = RedirectResponse(f"{auth.LOGIN_PATH}?logged_out", status_code=303)
    if await auth.current_session(request) is not None:
        await auth.checked_form(request)
        token = request.cookies.get(auth.SESSION_COOKIE, "")
        await browser_sessions.end_session(node_of(request).sessions, token)
    auth.clear_session_cookie(request, response)
    return response


PASSWORD_FIELDS = ("current_password", "new_password", "confirm_password")


async def password_form(request: Request) -> Response:
    account = await auth.require_editor(request)
    return await admin_page(
        request,
        "admin/password.html",
        forced=account.must_change_password,
        next=auth.safe_next(request.query_params.get("next")),
        errors={},
    )


async def change_password(request: Request) -> Response:
    account = await auth.require_editor(request)
    form = await auth.checked_form(request)
    session = await auth.current_session(request)
    node = node_of(request)
    next_page = auth.safe_next(_field(form.get("next")))
    try:
        await manage.change_password(
            node.sessions,
            account.id,
            current=_field(form.get("current_password")),
            new=_field(form.get("new_password")),
            confirm=_field(form.get("confirm_password")),
            now=node.clock(),
            keep_session_id=session.id if session is not None else None,
        )
    except AccountError as exc:
        return await admin_page(
            request,
            "admin/password.html",
            status_code=400,
            forced=account.must_change_password,
            next=next_page,
            errors={exc.field or "new_password": exc.message},
        )
    return await done(request, next_page, _("Your password has been changed."))
