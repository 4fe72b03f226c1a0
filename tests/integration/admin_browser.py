"""A member of staff publishing from the browser: logged in through the form (tests.integration
.staff), with the session's CSRF token at hand and forms sent as a browser sends a form with a
file field (multipart, even when no file is chosen)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx

from tests.conftest import LiveNode
from tests.integration.html_page import HtmlPage
from tests.integration.staff import HTML, PASSWORD, csrf_in, get, log_in, make_account

__all__ = ["HTML", "Staff", "staff_member"]


@dataclass
class Staff:
    live: LiveNode
    token: str

    async def get(self, path: str) -> httpx.Response:
        return await get(self.live.client, path)

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
            files = {"image": ("", b"", "application/octet-stream")}
        return await self.live.client.post(path, data=data, files=files, headers=HTML)


async def staff_member(live: LiveNode, *, role: str = "editor") -> Staff:
    """A new account with `role`, logged in on the live node's own client."""
    email = f"{role}@ohrid.example"
    await make_account(live, email, role)
    response = await log_in(live.client, email, PASSWORD)
    assert response.status_code == 303, response.text
    admin = await get(live.client, "/admin")
    assert admin.status_code == 200
    return Staff(live, csrf_in(admin.text))
