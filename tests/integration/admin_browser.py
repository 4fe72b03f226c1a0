"""A logged-in member of staff, as the in-process node sees a browser: an account made through
the accounts code, a real login through the form (cookie and CSRF token), and forms sent
the way a browser sends them (urlencoded or multipart, Accept: text/html)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import httpx

from sinet_node.accounts import manage
from tests.conftest import LiveNode
from tests.integration.html_page import HtmlPage

PASSWORD = "a long enough test passphrase"
HTML = {"Accept": "text/html,application/xhtml+xml"}
_CSRF = re.compile(r'name="csrf_token" value="([^"]+)"')


def csrf_token(html: str) -> str:
    match = _CSRF.search(html)
    assert match is not None, "the page has no form with a CSRF token"
    return match[1]


@dataclass
class Staff:
    live: LiveNode
    token: str

    async def get(self, path: str) -> httpx.Response:
        return await self.live.client.get(path, headers=HTML)

    async def page(self, path: str) -> HtmlPage:
        response = await self.get(path)
        assert response.status_code == 200, response.text
        return HtmlPage.parse(response.text)

    async def post(
        self,
        path: str,
        fields: dict[str, Any],
        files: dict[str, tuple[str, bytes, str]] | None = None,
        *,
        csrf: str | None = None,
    ) -> httpx.Response:
        """POST a form as a browser does; the session's CSRF token unless `csrf` is given
        ('' leaves it out)."""
        data = dict(fields)
        token = self.token if csrf is None else csrf
        if token:
            data["csrf_token"] = token
        if files is None:
            # Browsers send file forms as multipart even without a file chosen.
            files = {"image": ("", b"", "application/octet-stream")}
        return await self.live.client.post(path, data=data, files=files, headers=HTML)


async def log_in(live: LiveNode, *, role: str = "editor") -> Staff:
    email = f"{role}@ohrid.example"
    await manage.create_account(
        live.node.sessions, email=email, role=role, now=live.clock(), password=PASSWORD
    )
    form = await live.client.get("/login", headers=HTML)
    response = await live.client.post(
        "/login",
        data={"email": email, "password": PASSWORD, "csrf_token": csrf_token(form.text)},
        headers=HTML,
    )
    assert response.status_code == 303, response.text
    admin = await live.client.get("/admin", headers=HTML)
    assert admin.status_code == 200
    return Staff(live, csrf_token(admin.text))
