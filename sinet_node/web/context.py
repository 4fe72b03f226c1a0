"""Access to the Node and templates from a request (set once on app.state)."""

from __future__ import annotations

from typing import Any

from jinja2 import Environment
from starlette.requests import Request

from sinet_node.federation.context import Node
from sinet_node.web import session_state
from sinet_node.web.publication_view import Site


def node_of(request: Request) -> Node:
    node: Node = request.app.state.node
    return node


def site_of(request: Request) -> Site:
    """The node as pages see it, with the time of this request."""
    node = node_of(request)
    return Site(settings=node.settings, urls=node.urls, now=node.clock())


def templates_of(request: Request) -> Environment:
    env: Environment = request.app.state.templates
    return env


def render(request: Request, template: str, **context: Any) -> str:
    node = node_of(request)
    return (
        templates_of(request)
        .get_template(template)
        .render(
            request=request,
            settings=node.settings,
            urls=node.urls,
            account=session_state.account(request),
            **context,
        )
    )
