"""The Starlette application: every route in one list, errors as problem+json."""

from __future__ import annotations

import logging

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from sinet_node.federation.context import Node
from sinet_node.web.auth import AuthRedirect, SessionLoader, auth_redirect
from sinet_node.web.context import render
from sinet_node.web.endpoints import (
    actors,
    admin_accounts,
    admin_federation,
    admin_follows,
    admin_home,
    admin_network,
    admin_profile,
    admin_publications,
    calendars,
    catalogue,
    collections,
    discovery,
    event_calendar,
    feeds,
    inbox,
    language,
    login,
    objects,
    pages,
)
from sinet_node.web.i18n.catalogues import shipped_catalogues
from sinet_node.web.i18n.middleware import ReaderLanguage
from sinet_node.web.negotiation import wants_html
from sinet_node.web.problem import HTTPProblem, problem_response
from sinet_node.web.templating import create_templates

log = logging.getLogger(__name__)

ROUTES = [
    Route("/", pages.home),
    Route("/ns", pages.vocabulary),
    Route("/tags/{tag}", pages.hashtag),
    Route("/language/{code}", language.choose, name="language"),
    Route("/.well-known/webfinger", discovery.webfinger),
    Route("/.well-known/host-meta", discovery.host_meta),
    Route("/.well-known/nodeinfo", discovery.nodeinfo_links),
    Route("/nodeinfo/2.1", discovery.nodeinfo),
    Route("/actor", actors.instance),
    Route("/actor/inbox", inbox.inbox, methods=["POST"]),
    Route("/actor/outbox", collections.instance_outbox),
    Route("/actor/members", collections.members),
    Route("/actor/membership", actors.membership),
    Route("/inbox", inbox.inbox, methods=["POST"]),
    Route("/users/{username}", actors.organisation),
    Route("/@{username}", actors.profile),
    Route("/users/{username}/inbox", inbox.inbox, methods=["POST"]),
    Route("/users/{username}/outbox", collections.outbox),
    Route("/users/{username}/followers", collections.followers),
    Route("/users/{username}/following", collections.following),
    Route("/users/{username}/featured", collections.featured),
    Route("/users/{username}/events.ics", calendars.organisation),
    Route("/users/{username}/feed.rss", feeds.rss),
    Route("/users/{username}/feed.atom", feeds.atom),
    Route("/practices", catalogue.practices),
    Route("/events", catalogue.events),
    Route("/events.ics", calendars.node_events),
    Route("/events/calendar", event_calendar.month),  # before /events/{token}, which would match
    Route("/calls", catalogue.calls),
    Route("/practices/{token}", objects.publication),
    Route("/events/{token}.ics", calendars.event),  # before /events/{token}, which would match
    Route("/events/{token}", objects.publication),
    Route("/calls/{token}", objects.publication),
    Route("/network/events/{row_id}.ics", calendars.network_event),
    Route("/network/{kinds}/{row_id}", objects.network_publication),
    Route("/activities/{token}", objects.activity),
    Route("/media/{name}", objects.media),
    # The staff's side: logging in, and the admin pages (every change a POST with CSRF).
    Route("/login", login.login_form, methods=["GET"]),
    Route("/login", login.login, methods=["POST"]),
    Route("/logout", login.logout, methods=["POST"]),
    Route("/admin", admin_home.dashboard),
    Route("/admin/password", login.password_form, methods=["GET"]),
    Route("/admin/password", login.change_password, methods=["POST"]),
    # Our practices, events and calls: list, new, edit, delete (a confirmation page first).
    *(
        route
        for section in ("practices", "events", "calls")
        for route in (
            Route(f"/admin/{section}", admin_publications.listing),
            Route(f"/admin/{section}/new", admin_publications.new_form),
            Route(f"/admin/{section}/new", admin_publications.create, methods=["POST"]),
            Route(f"/admin/{section}/{{token}}/edit", admin_publications.edit_form),
            Route(f"/admin/{section}/{{token}}/edit", admin_publications.update, methods=["POST"]),
            Route(f"/admin/{section}/{{token}}/delete", admin_publications.delete_form),
            Route(
                f"/admin/{section}/{{token}}/delete", admin_publications.delete, methods=["POST"]
            ),
        )
    ),
    Route("/admin/profile", admin_profile.profile_form, methods=["GET"]),
    Route("/admin/profile", admin_profile.save_profile, methods=["POST"]),
    Route("/admin/followers", admin_follows.followers),
    Route("/admin/followers/accept", admin_follows.accept, methods=["POST"]),
    Route("/admin/followers/reject", admin_follows.reject, methods=["POST"]),
    Route("/admin/following", admin_follows.following, methods=["GET"]),
    Route("/admin/following", admin_follows.follow, methods=["POST"]),
    Route("/admin/following/unfollow", admin_follows.unfollow, methods=["POST"]),
    Route("/admin/federation", admin_federation.federation),
    Route("/admin/federation/retry", admin_federation.retry, methods=["POST"]),
    Route("/admin/network", admin_network.network),
    Route("/admin/network/join", admin_network.join_network, methods=["POST"]),
    Route("/admin/network/approve", admin_network.approve, methods=["POST"]),
    Route("/admin/network/turn-down", admin_network.turn_down, methods=["POST"]),
    Route("/admin/network/introductions", admin_network.save_introductions, methods=["POST"]),
    Route("/admin/network/leave", admin_network.leave_form, methods=["GET"]),
    Route("/admin/network/leave", admin_network.leave, methods=["POST"]),
    Route("/admin/accounts", admin_accounts.accounts, methods=["GET"]),
    Route("/admin/accounts", admin_accounts.create, methods=["POST"]),
    Route("/admin/accounts/{account_id:int}/role", admin_accounts.change_role, methods=["POST"]),
    Route(
        "/admin/accounts/{account_id:int}/reset-password",
        admin_accounts.reset_password,
        methods=["POST"],
    ),
    Route("/admin/accounts/{account_id:int}/delete", admin_accounts.delete, methods=["POST"]),
    Mount("/static", StaticFiles(packages=[("sinet_node.web", "static")]), name="static"),
]


def _answer(request: Request, problem: HTTPProblem) -> Response:
    """A page with the message for a browser, problem+json for everyone else."""
    if not wants_html(request):
        return problem_response(problem)
    html = render(request, "error.html", problem=problem)
    return HTMLResponse(html, status_code=problem.status, headers=problem.headers)


async def _problem(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPProblem)
    return _answer(request, exc)


async def _http_exception(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    return _answer(
        request, HTTPProblem(exc.status_code, exc.detail, headers=dict(exc.headers or {}))
    )


async def _unexpected(request: Request, exc: Exception) -> Response:
    # Never a traceback to the client; the log has it.
    log.exception("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
    return problem_response(
        HTTPProblem(500, "the node hit an unexpected error; it has been logged")
    )


def create_app(node: Node) -> Starlette:
    app = Starlette(
        routes=ROUTES,
        # The reader's language first: pages rendered by the session code speak it too.
        middleware=[Middleware(ReaderLanguage), Middleware(SessionLoader)],
        exception_handlers={
            AuthRedirect: auth_redirect,
            HTTPProblem: _problem,
            HTTPException: _http_exception,
            Exception: _unexpected,
        },
    )
    app.state.node = node
    app.state.templates = create_templates()
    app.state.catalogues = shipped_catalogues()
    return app
