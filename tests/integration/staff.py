"""The node's staff in a browser, as httpx sees it: log in through the form, read the
CSRF token out of a page, send forms back. Pages are asked for as a browser asks (Accept:
text/html); the client keeps cookies like a browser."""

from __future__ import annotations

import html
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx

from sinet_node.accounts import manage
from sinet_node.accounts.model import Account
from sinet_node.web.app import create_app
from tests.conftest import LiveNode

HTML = {"Accept": "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8"}
PASSWORD = "correct horse battery staple"
_CSRF = re.compile(r'name="csrf_token" value="([^"]*)"')


def csrf_in(page: str) -> str:
    found = _CSRF.search(page)
    assert found, "no CSRF token on the page"
    return html.unescape(found.group(1))


async def make_account(
    live: LiveNode, email: str, role: str = "admin", password: str | None = PASSWORD
) -> tuple[Account, str]:
    """An account made as the CLI makes it; ``password=None`` gives a one-time password."""
    return await manage.create_account(
        live.node.sessions, email=email, role=role, now=live.clock(), password=password
    )


async def get(client: httpx.AsyncClient, path: str) -> httpx.Response:
    return await client.get(path, headers=HTML)


async def log_in(
    client: httpx.AsyncClient, email: str, password: str, *, next_page: str = "/admin"
) -> httpx.Response:
    form = await get(client, f"/login?next={next_page}")
    assert form.status_code == 200, form.text
    return await client.post(
        "/login",
        data={
            "csrf_token": csrf_in(form.text),
            "email": email,
            "password": password,
            "next": next_page,
        },
        headers=HTML,
    )


async def submit(
    client: httpx.AsyncClient,
    page: str,
    action: str,
    data: dict[str, Any],
    *,
    files: dict[str, Any] | None = None,
) -> httpx.Response:
    """Open ``page`` and send one of its forms to ``action``, with the page's CSRF token."""
    opened = await get(client, page)
    assert opened.status_code == 200, f"{page}: {opened.status_code} {opened.text[:300]}"
    return await client.post(
        action, data={"csrf_token": csrf_in(opened.text), **data}, files=files, headers=HTML
    )


def browser(live: LiveNode, address: str = "127.0.0.1") -> httpx.AsyncClient:
    """Another browser (its own cookies) on the same node, from ``address``."""
    transport = httpx.ASGITransport(app=create_app(live.node), client=(address, 50000))
    return httpx.AsyncClient(transport=transport, base_url=live.node.settings.base_url)


@asynccontextmanager
async def logged_in(
    live: LiveNode, email: str, role: str = "admin"
) -> AsyncIterator[httpx.AsyncClient]:
    """A browser logged in as a new account with ``role`` (its password already chosen)."""
    await make_account(live, email, role)
    async with browser(live) as client:
        response = await log_in(client, email, PASSWORD)
        assert response.status_code == 303, response.text
        yield client


def banner(page: str) -> str:
    """The text of the confirmation (or error) banner at the top of an admin page."""
    found = re.search(r'<div class="flash[^"]*"[^>]*>(.*?)</div>', page, re.S)
    assert found, "no banner on the page"
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", found.group(1))).split())
