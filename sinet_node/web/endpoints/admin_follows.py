"""Followers, follow requests and following (admins): the same code paths as the
`follow`, `unfollow`, `approve` and `reject` commands."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from starlette.requests import Request
from starlette.responses import Response

from sinet_node.federation import follows
from sinet_node.federation.follows import FollowError
from sinet_node.storage import actors as actor_store
from sinet_node.storage import follows as follow_store
from sinet_node.storage.models import Follower, Following
from sinet_node.translation import gettext as _
from sinet_node.web.admin_pages import admin_page, done
from sinet_node.web.auth import checked_form, require_admin
from sinet_node.web.context import node_of
from sinet_node.web.credits import remote_credit

FOLLOWERS_PAGE = "/admin/followers"
FOLLOWING_PAGE = "/admin/following"


@dataclass(frozen=True)
class Person:
    """A remote actor as a row of these pages."""

    actor: str  # its id, sent back by the forms
    name: str
    handle: str  # user@host, or the host when unknown
    url: str
    state: str = ""
    since: datetime | None = None


async def _people(request: Request, rows: Sequence[Follower | Following]) -> list[Person]:
    node = node_of(request)
    async with node.sessions() as session:
        cached = await actor_store.by_uris(session, [row.actor_uri for row in rows])
    people = []
    for row in rows:
        actor = cached.get(row.actor_uri)
        credit = remote_credit(row.actor_uri, actor)
        user = actor.preferred_username if actor is not None else None
        people.append(
            Person(
                actor=row.actor_uri,
                name=credit.name,
                handle=f"{user}@{credit.host}" if user else credit.host,
                url=credit.url,
                state=row.state,
                since=row.created_at,
            )
        )
    return people


async def _followers_page(
    request: Request, *, status_code: int = 200, error: str | None = None
) -> Response:
    node = node_of(request)
    async with node.sessions() as session:
        accepted = await follow_store.followers(session, node.urls.actor)
        pending = await follow_store.followers(session, node.urls.actor, follow_store.PENDING)
    return await admin_page(
        request,
        "admin/followers.html",
        status_code=status_code,
        error=error,
        followers=await _people(request, accepted),
        requests=await _people(request, pending),
    )


async def followers(request: Request) -> Response:
    await require_admin(request)
    return await _followers_page(request)


async def _answer(request: Request, *, approve: bool) -> Response:
    await require_admin(request)
    form = await checked_form(request)
    actor = form.get("actor")
    try:
        await follows.answer_request(node_of(request), str(actor or ""), approve=approve)
    except FollowError as exc:
        return await _followers_page(request, status_code=409, error=str(exc))
    message = (
        _("%(actor)s now follows %(name)s.")
        if approve
        else _("The request of %(actor)s was declined.")
    ) % {"actor": actor, "name": node_of(request).settings.name}
    return await done(request, FOLLOWERS_PAGE, message)


async def accept(request: Request) -> Response:
    return await _answer(request, approve=True)


async def reject(request: Request) -> Response:
    return await _answer(request, approve=False)


async def _following_page(
    request: Request,
    *,
    status_code: int = 200,
    error: str | None = None,
    errors: dict[str, str] | None = None,
    target: str = "",
) -> Response:
    node = node_of(request)
    async with node.sessions() as session:
        rows = await follow_store.all_following(session, node.urls.actor)
    return await admin_page(
        request,
        "admin/following.html",
        status_code=status_code,
        error=error,
        following=await _people(request, rows),
        errors=errors or {},
        target=target,
    )


async def following(request: Request) -> Response:
    await require_admin(request)
    return await _following_page(request)


async def follow(request: Request) -> Response:
    await require_admin(request)
    form = await checked_form(request)
    target = str(form.get("target") or "").strip()
    if not target:
        return await _following_page(
            request, status_code=400, errors={"target": _("Enter a handle or the URL of an actor.")}
        )
    try:
        actor = await follows.follow(node_of(request), target)
    except FollowError as exc:
        return await _following_page(
            request, status_code=400, errors={"target": str(exc)}, target=target
        )
    return await done(
        request,
        FOLLOWING_PAGE,
        _("Follow request sent to %(actor)s. It shows as accepted once they answer.")
        % {"actor": actor},
    )


async def unfollow(request: Request) -> Response:
    await require_admin(request)
    form = await checked_form(request)
    actor = str(form.get("actor") or "")
    try:
        await follows.unfollow(node_of(request), actor)
    except FollowError as exc:
        return await _following_page(request, status_code=409, error=str(exc))
    return await done(
        request, FOLLOWING_PAGE, _("You no longer follow %(actor)s.") % {"actor": actor}
    )
