"""The federation page: waiting and failed deliveries and why, and the retry button that
makes them due now, proved by the peer receiving them."""

from __future__ import annotations

import httpx

from sinet_node.federation import local_publishing
from sinet_node.storage.models import Delivery
from tests.conftest import LiveNode
from tests.integration.staff import PASSWORD, banner, get, log_in, make_account, submit
from tests.integration.test_delivery import deliveries
from tests.integration.test_publishing import follow, load

PAGE = "/admin/federation"


async def admin(live: LiveNode) -> None:
    await make_account(live, "admin@ohrid.example")
    assert (await log_in(live.client, "admin@ohrid.example", PASSWORD)).status_code == 303


async def test_a_waiting_delivery_is_shown_and_retried_now(live: LiveNode) -> None:
    alice = await follow(live, "https://peer.example/users/alice")
    live.fediverse.program(alice.inbox, httpx.Response(503, headers={"Retry-After": "3600"}))
    await local_publishing.publish(live.node, "practice", load("practice"))
    await live.drain()
    [row] = await deliveries(live)
    assert row.state == "pending" and (row.next_attempt_at - live.clock()).total_seconds() >= 3600
    await admin(live)
    page = await get(live.client, PAGE)
    assert page.status_code == 200
    assert "peer.example" in page.text and "HTTP 503" in page.text
    response = await submit(live.client, PAGE, "/admin/federation/retry", {})
    assert response.status_code == 303 and response.headers["location"] == PAGE
    assert "1 delivery will be sent again" in banner((await get(live.client, PAGE)).text)
    [row] = await deliveries(live)
    assert row.next_attempt_at <= live.clock()  # due now, not in an hour
    await live.drain()  # no clock change: only the button made it due
    [row] = await deliveries(live)
    assert row.state == "done"
    assert [item.json["type"] for item in live.fediverse.posts_to(alice.inbox)] == ["Create"] * 2


async def test_a_failed_delivery_is_listed_with_its_reason_and_sent_again(live: LiveNode) -> None:
    alice = await follow(live, "https://peer.example/users/alice")
    bob = await follow(live, "https://other.example/users/bob")
    live.fediverse.program(alice.inbox, httpx.Response(410))
    await local_publishing.publish(live.node, "practice", load("practice"))
    await live.drain()
    states = {row.host: row.state for row in await deliveries(live)}
    assert states == {"peer.example": "failed", "other.example": "done"}
    await admin(live)
    page = await get(live.client, PAGE)
    assert "Deliveries given up" in page.text
    assert alice.inbox in page.text and "HTTP 410" in page.text
    # The button of one server retries that server only.
    response = await submit(live.client, PAGE, "/admin/federation/retry", {"host": "peer.example"})
    assert response.status_code == 303
    assert "peer.example: 1 delivery" in banner((await get(live.client, PAGE)).text)
    await live.drain()
    rows = {row.host: row for row in await deliveries(live)}
    assert rows["peer.example"].state == "done"
    assert len(live.fediverse.posts_to(alice.inbox)) == 2
    assert len(live.fediverse.posts_to(bob.inbox)) == 1  # nothing sent twice elsewhere


async def test_a_paused_host_is_resumed_by_the_button(live: LiveNode) -> None:
    alice = await follow(live, "https://peer.example/users/alice")
    threshold = live.node.settings.host_failure_threshold
    live.fediverse.program(alice.inbox, *[httpx.Response(502) for _ in range(threshold)])
    for _ in range(threshold):
        await local_publishing.publish(live.node, "practice", load("practice"))
    await live.drain()
    await admin(live)
    page = await get(live.client, PAGE)
    assert "paused until" in page.text and f"{threshold} failures in a row" in page.text
    await submit(live.client, PAGE, "/admin/federation/retry", {})
    await live.drain()
    async with live.node.sessions() as session:
        from sqlalchemy import select

        states = set((await session.scalars(select(Delivery.state))).all())
    assert states == {"done"}
    assert "Nothing is waiting and no server is failing." in (await get(live.client, PAGE)).text


async def test_editors_do_not_see_the_federation_page(live: LiveNode) -> None:
    await make_account(live, "editor@ohrid.example", "editor")
    await log_in(live.client, "editor@ohrid.example", PASSWORD)
    assert (await get(live.client, PAGE)).status_code == 403
    dashboard = await get(live.client, "/admin")
    assert dashboard.status_code == 200
    assert 'href="/admin/federation"' not in dashboard.text  # no link to what is refused
