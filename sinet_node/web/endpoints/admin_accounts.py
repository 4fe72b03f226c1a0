"""Accounts (admins): who may log in, with which role; a new account or a reset password
gets a one-time password, shown once on the page that follows."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from sinet_node.accounts import manage
from sinet_node.accounts.errors import AccountError
from sinet_node.accounts.model import EDITOR, ROLES
from sinet_node.translation import gettext as _
from sinet_node.web.admin_pages import admin_page, done
from sinet_node.web.auth import checked_form, require_admin
from sinet_node.web.context import node_of

PAGE = "/admin/accounts"


async def _page(
    request: Request,
    *,
    status_code: int = 200,
    error: str | None = None,
    errors: dict[str, str] | None = None,
    new: dict[str, str] | None = None,
) -> Response:
    accounts = await manage.list_accounts(node_of(request).sessions)
    return await admin_page(
        request,
        "admin/accounts.html",
        status_code=status_code,
        error=error,
        accounts=accounts,
        roles=ROLES,
        errors=errors or {},
        new=new or {"email": "", "role": EDITOR},
    )


async def accounts(request: Request) -> Response:
    await require_admin(request)
    return await _page(request)


async def create(request: Request) -> Response:
    await require_admin(request)
    form = await checked_form(request)
    new = {"email": str(form.get("email") or ""), "role": str(form.get("role") or "")}
    node = node_of(request)
    try:
        account, password = await manage.create_account(
            node.sessions, email=new["email"], role=new["role"], now=node.clock()
        )
    except AccountError as exc:
        return await _page(
            request, status_code=400, errors={exc.field or "email": exc.message}, new=new
        )
    return await done(
        request,
        PAGE,
        _("%(email)s can now log in as %(role)s with this one-time password.")
        % {"email": account.email, "role": _(account.role)},
        secret=password,
    )


def _account_id(request: Request) -> int:
    account_id: int = request.path_params["account_id"]
    return account_id


async def change_role(request: Request) -> Response:
    await require_admin(request)
    form = await checked_form(request)
    try:
        account = await manage.change_role(
            node_of(request).sessions, _account_id(request), str(form.get("role") or "")
        )
    except AccountError as exc:
        return await _page(request, status_code=409, error=exc.message)
    return await done(
        request,
        PAGE,
        _("%(email)s is now %(role)s.") % {"email": account.email, "role": _(account.role)},
    )


async def reset_password(request: Request) -> Response:
    await require_admin(request)
    await checked_form(request)
    node = node_of(request)
    try:
        account, password = await manage.reset_password(
            node.sessions, _account_id(request), now=node.clock()
        )
    except AccountError as exc:
        return await _page(request, status_code=409, error=exc.message)
    return await done(
        request,
        PAGE,
        _("%(email)s has a new one-time password and was logged out everywhere.")
        % {"email": account.email},
        secret=password,
    )


async def delete(request: Request) -> Response:
    acting = await require_admin(request)
    await checked_form(request)
    try:
        gone = await manage.delete_account(
            node_of(request).sessions, _account_id(request), acting=acting
        )
    except AccountError as exc:
        return await _page(request, status_code=409, error=exc.message)
    return await done(
        request, PAGE, _("The account of %(email)s was deleted.") % {"email": gone.email}
    )
