"""The federation page (admins): deliveries waiting, hosts failing and why, and a button
that makes every waiting or failed delivery due now."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from sinet_node.storage import delivery_health
from sinet_node.storage.outbox import delivery_counts
from sinet_node.translation import gettext as _
from sinet_node.translation import ngettext
from sinet_node.web.admin_pages import admin_page, done
from sinet_node.web.auth import checked_form, require_admin
from sinet_node.web.context import node_of

PAGE = "/admin/federation"


async def federation(request: Request) -> Response:
    await require_admin(request)
    node = node_of(request)
    async with node.sessions() as session:
        hosts = await delivery_health.host_health(session)
        failures = await delivery_health.recent_failures(session)
        counts = await delivery_counts(session)
        unresolved = await delivery_health.unresolved_activities(session)
    return await admin_page(
        request,
        "admin/federation.html",
        hosts=hosts,
        failures=failures,
        counts=counts,
        unresolved=unresolved,
        now=node.clock(),
    )


async def retry(request: Request) -> Response:
    await require_admin(request)
    form = await checked_form(request)
    host = form.get("host")
    host = host.strip().lower() if isinstance(host, str) and host.strip() else None
    node = node_of(request)
    async with node.sessions.begin() as session:
        made_due = await delivery_health.retry_now(session, node.clock(), host)
    message = ngettext(
        "%(n)d delivery will be sent again within seconds.",
        "%(n)d deliveries will be sent again within seconds.",
        made_due,
    ) % {"n": made_due}
    if host:
        message = _("%(host)s: %(message)s") % {"host": host, "message": message}
    return await done(request, PAGE, message)
