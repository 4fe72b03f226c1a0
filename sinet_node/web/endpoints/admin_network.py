"""The network page (admins): the member directory, introductions waiting for approval, how
introductions are taken, joining through a member and leaving. The same code paths as the
`join`, `network` and `leave` commands (federation.membership)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import datetime

from starlette.requests import Request
from starlette.responses import Response

from sinet_node.config import INTRODUCTIONS, write_settings
from sinet_node.federation.context import Node
from sinet_node.federation.membership import leaving
from sinet_node.federation.membership.joining import JoinFailed, JoinReport, join
from sinet_node.federation.membership.registry import answer_introduction
from sinet_node.federation.urls import host_of
from sinet_node.storage import actors as actor_store
from sinet_node.storage import members as member_store
from sinet_node.storage.members import LEFT, PENDING
from sinet_node.storage.models import Member
from sinet_node.translation import gettext as _
from sinet_node.translation import ngettext
from sinet_node.web.admin_pages import admin_page, done
from sinet_node.web.auth import checked_form, require_admin
from sinet_node.web.context import node_of
from sinet_node.web.credits import remote_credit

PAGE = "/admin/network"
LEAVE_PAGE = "/admin/network/leave"
MAX_DETAILS = 20  # failures listed in the banner; the rest are counted


@dataclass(frozen=True)
class MemberView:
    """A member as a row of the page."""

    node: str  # its origin, sent back by the approval forms
    host: str  # what the page shows of it
    name: str  # the organisation's display name, or its actor's address when not cached
    url: str
    state: str
    since: datetime | None
    last_seen: datetime | None
    last_error: str | None
    introduced_by: str  # the host that named it, for introductions


async def _members(node: Node) -> list[MemberView]:
    async with node.sessions() as session:
        rows: Sequence[Member] = await member_store.listed(session, exclude=node.urls.origin)
        cached = await actor_store.by_uris(session, [row.organisation for row in rows])
    views = []
    for row in rows:
        actor = cached.get(row.organisation)
        credit = remote_credit(row.organisation, actor)
        views.append(
            MemberView(
                node=row.node,
                host=host_of(row.node),
                name=credit.name if actor is not None else row.organisation,
                url=credit.url,
                state=row.state,
                since=row.since,
                last_seen=row.last_seen,
                last_error=row.last_error,
                introduced_by=host_of(row.introduced_by or ""),
            )
        )
    return views


async def _page(
    request: Request,
    *,
    status_code: int = 200,
    error: str | None = None,
    errors: dict[str, str] | None = None,
    target: str = "",
) -> Response:
    node = node_of(request)
    members = await _members(node)
    return await admin_page(
        request,
        "admin/network.html",
        status_code=status_code,
        error=error,
        errors=errors or {},
        target=target,
        pending=[member for member in members if member.state == PENDING],
        members=[member for member in members if member.state != PENDING],
        has_left=await leaving.has_left(node),
        introductions=node.settings.introductions,
    )


async def network(request: Request) -> Response:
    await require_admin(request)
    return await _page(request)


def _summary(report: JoinReport) -> str:
    return _(
        "Joined the network through %(node)s. Members: %(members)d; newly followed: "
        "%(followed)d; objects imported: %(imported)d; failures: %(failures)d."
    ) % {
        "node": report.through,
        "members": len(report.members),
        "followed": len(report.followed),
        "imported": report.imported,
        "failures": len(report.failures),
    }


def _failures(report: JoinReport) -> list[str]:
    listed = [f"{what}: {why}" for what, why in report.failures[:MAX_DETAILS]]
    more = len(report.failures) - MAX_DETAILS
    if more > 0:
        listed.append(_("…and %(n)d more.") % {"n": more})
    return listed


async def join_network(request: Request) -> Response:
    await require_admin(request)
    form = await checked_form(request)
    target = str(form.get("target") or "").strip()
    if not target:
        return await _page(
            request,
            status_code=400,
            errors={"target": _("Enter the address of a member node or an organisation's handle.")},
        )
    try:
        report = await join(node_of(request), target)
    except JoinFailed as exc:
        return await _page(request, status_code=400, errors={"target": str(exc)}, target=target)
    return await done(request, PAGE, _summary(report), details=_failures(report))


async def _answer(request: Request, *, approve: bool) -> Response:
    await require_admin(request)
    form = await checked_form(request)
    member = str(form.get("member") or "")
    try:
        await answer_introduction(node_of(request), member, approve=approve)
    except LookupError:
        return await _page(
            request,
            status_code=409,
            error=_("No introduction of %(node)s is waiting for approval.") % {"node": member},
        )
    message = (
        _("%(node)s is welcomed as a member; its organisation is being followed.")
        if approve
        else _("The introduction of %(node)s was turned down.")
    ) % {"node": member}
    return await done(request, PAGE, message)


async def approve(request: Request) -> Response:
    return await _answer(request, approve=True)


async def turn_down(request: Request) -> Response:
    return await _answer(request, approve=False)


async def save_introductions(request: Request) -> Response:
    """Written to sinet.toml and used by the running node at once (the worker shares it)."""
    await require_admin(request)
    form = await checked_form(request)
    choice = str(form.get("introductions") or "")
    if choice not in INTRODUCTIONS:
        return await _page(
            request,
            status_code=400,
            errors={"introductions": _("Choose how introductions are taken.")},
        )
    node = node_of(request)
    new = replace(node.settings, introductions=choice)
    write_settings(new)
    node.settings = new
    message = (
        _("Members introduced by others are now welcomed automatically.")
        if choice == "automatic"
        else _("Members introduced by others now wait here for an admin's approval.")
    )
    return await done(request, PAGE, message)


async def leave_form(request: Request) -> Response:
    await require_admin(request)
    node = node_of(request)
    members = [member for member in await _members(node) if member.state != LEFT]
    return await admin_page(
        request,
        "admin/network_leave.html",
        members=members,
        has_left=await leaving.has_left(node),
    )


async def leave(request: Request) -> Response:
    await require_admin(request)
    await checked_form(request)
    told = await leaving.leave(node_of(request))
    return await done(
        request,
        PAGE,
        ngettext(
            "This node has left the network; %(n)d member is being told.",
            "This node has left the network; %(n)d members are being told.",
            len(told),
        )
        % {"n": len(told)},
    )
