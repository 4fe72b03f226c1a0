"""The language switcher: /language/{code} remembers the reader's choice and goes back.

A plain link (no JavaScript, no form) sets a cookie for a year and answers 303 to the page the
reader came from, given as `next`. Only a path on this node is followed: anything else (another
host, "//host", a scheme) goes to the home page, so the switcher cannot be made to send a
reader elsewhere.
"""

from __future__ import annotations

from typing import Final
from urllib.parse import urlsplit

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from sinet_node.web.context import node_of
from sinet_node.web.i18n.languages import COOKIE, LANGUAGES
from sinet_node.web.problem import HTTPProblem

ONE_YEAR: Final = 365 * 24 * 3600
_MAX_NEXT: Final = 2000


def local_path(value: str | None) -> str:
    """`value` when it is a path (and query) on this node, else '/'."""
    if not value or len(value) > _MAX_NEXT or not value.startswith("/"):
        return "/"
    if value.startswith(("//", "/\\")) or any(ord(char) < 0x20 for char in value):
        return "/"
    parts = urlsplit(value)
    return value if not parts.scheme and not parts.netloc else "/"


async def choose(request: Request) -> Response:
    code = request.path_params["code"]
    if code not in LANGUAGES:
        raise HTTPProblem(404, f"the interface has no language {code!r}: {', '.join(LANGUAGES)}")
    response = RedirectResponse(local_path(request.query_params.get("next")), status_code=303)
    response.set_cookie(
        COOKIE,
        code,
        max_age=ONE_YEAR,
        path="/",
        samesite="lax",
        httponly=True,
        secure=node_of(request).urls.base.startswith("https://"),
    )
    response.headers["Cache-Control"] = "no-store"
    return response
