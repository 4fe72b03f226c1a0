"""How every admin page answers: rendered with the waiting banner, never cached, never
framed; and how every admin action ends: a 303 to the page that shows its effect."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse

from sinet_node.web.context import render
from sinet_node.web.flash import ERROR, Flash, flash, take_flash

PRIVATE_HEADERS = {
    # One-time passwords and follower lists must not linger in shared caches or history.
    "Cache-Control": "no-store",
    # Admin buttons inside someone else's frame would be a clickjacking target.
    "X-Frame-Options": "DENY",
    "Content-Security-Policy": "frame-ancestors 'none'",
    "Referrer-Policy": "same-origin",
}


async def admin_page(
    request: Request,
    template: str,
    *,
    status_code: int = 200,
    error: str | None = None,
    **context: Any,
) -> HTMLResponse:
    """The page with the banner waiting for this browser, or with ``error`` (an action
    that could not be done, answered with ``status_code`` and nothing changed)."""
    banner = Flash(error, kind=ERROR) if error else await take_flash(request)
    html = render(request, template, flash=banner, **context)
    return HTMLResponse(html, status_code=status_code, headers=PRIVATE_HEADERS)


async def done(
    request: Request,
    location: str,
    message: str,
    *,
    secret: str | None = None,
    details: Sequence[str] = (),
) -> RedirectResponse:
    """After a change: a banner saying what happened (and ``details`` listed under it), and a
    303 to ``location``."""
    await flash(request, message, secret=secret, details=details)
    return RedirectResponse(location, status_code=303)
