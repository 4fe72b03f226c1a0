"""RFC 9457 problem details: every error the web layer answers has this shape."""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

from starlette.responses import Response

from sinet_node.jsonio import dumps

PROBLEM_JSON = "application/problem+json"


class HTTPProblem(Exception):
    """Raised by endpoints to answer with a problem document."""

    def __init__(
        self,
        status: int,
        detail: str,
        *,
        title: str | None = None,
        headers: dict[str, str] | None = None,
        extra: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.title = title or HTTPStatus(status).phrase
        self.headers = headers or {}
        self.extra = extra or {}


def problem_response(problem: HTTPProblem) -> Response:
    body: dict[str, Any] = {
        "type": "about:blank",
        "title": problem.title,
        "status": problem.status,
        "detail": problem.detail,
        **problem.extra,
    }
    return Response(
        dumps(body), status_code=problem.status, media_type=PROBLEM_JSON, headers=problem.headers
    )
