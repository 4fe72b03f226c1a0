"""The network page as an admin uses it: the members and the introductions waiting, the
introductions setting, joining and leaving; and what the other members receive (a Follow
once an introduction is approved, a Remove when the node leaves)."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from sqlalchemy import select

from sinet_node.config import load_settings
from sinet_node.federation.membership.registry import own_member
from sinet_node.federation.remote_actors import get_actor
from sinet_node.storage import members as member_store
from sinet_node.storage.models import Member
from tests.conftest import LiveNode
from tests.fakes.fediverse import FakeActor
from tests.integration.html_page import HtmlPage
from tests.integration.staff import PASSWORD, banner, get, log_in, make_account, submit

PAGE = "/admin/network"
LEAVE = "/admin/network/leave"


@dataclass
class FakeMember:
    origin: str
    instance: FakeActor
    organisation: FakeActor


async def admin(live: LiveNode) -> None:
    await make_account(live, "admin@ohrid.example")
    assert (await log_in(live.client, "admin@ohrid.example", PASSWORD)).status_code == 303


async def member(
    live: LiveNode, host: str, state: str, *, name: str | None = None, cached: bool = True
) -> FakeMember:
    """A member node of the fake Fediverse, as the directory holds it (``state``)."""
    origin = f"https://{host}"
    instance = live.fediverse.add_actor(f"{origin}/actor")
    organisation = live.fediverse.add_actor(f"{origin}/users/org")
    if name:
        live.fediverse.documents[organisation.id]["name"] = name
    if cached:
        await get_actor(live.node, organisation.id)
    now = live.clock()
    async with live.node.sessions.begin() as session:
        session.add(
            Member(
                node=origin,
                instance_actor=instance.id,
                organisation=organisation.id,
                state=state,
                statement={"node": origin, "membershipState": state},
                statement_updated=now,
                admitted=state != member_store.PENDING,
                since=now if state != member_store.PENDING else None,
                last_seen=now if state == member_store.ACTIVE else None,
                introduced_by="https://lisbon.example/actor",
                next_check_at=now,
            )
        )
    return FakeMember(origin, instance, organisation)


async def state_of(live: LiveNode, node: str) -> str | None:
    async with live.node.sessions() as session:
        row = await member_store.by_node(session, node)
    return row.state if row is not None else None


def rows(page: str) -> list[str]:
    """Each table row's text, in order."""
    return [element.text for element in HtmlPage.parse(page).all("tr")]


async def test_the_table_lists_members_with_pending_introductions_first(live: LiveNode) -> None:
    await member(live, "split.example", "active", name="Youth Centre Split")
    await member(live, "nocache.example", "unreachable", cached=False)
    await member(live, "alcorcon.example", "pending", name="Municipality of Alcorcón")
    await admin(live)
    page = await get(live.client, PAGE)
    assert page.status_code == 200
    text = HtmlPage.parse(page.text).text
    assert "Introductions waiting for approval" in text
    table = [" ".join(row.split()) for row in rows(page.text)]
    pending_at = next(i for i, row in enumerate(table) if row.startswith("alcorcon.example"))
    split_at = next(i for i, row in enumerate(table) if row.startswith("split.example"))
    assert pending_at < split_at
    assert "Municipality of Alcorcón" in table[pending_at] and "lisbon.example" in table[pending_at]
    assert "Youth Centre Split" in table[split_at] and "active" in table[split_at]
    # Not in the actor cache: the organisation is named by its actor's address.
    [unknown] = [row for row in table if "nocache.example" in row]
    assert "https://nocache.example/users/org" in unknown and "unreachable" in unknown
    assert 'action="/admin/network/approve"' in page.text
    assert 'href="/admin/network"' in page.text  # in the admin navigation


async def test_the_page_in_macedonian(live: LiveNode) -> None:
    await member(live, "split.example", "active", name="Youth Centre Split")
    await admin(live)
    await get(live.client, "/language/mk?next=/admin/network")
    page = await get(live.client, PAGE)
    assert page.status_code == 200 and 'lang="mk"' in page.text
    text = HtmlPage.parse(page.text).text
    assert "Членови" in text and "активен" in text and "Members" not in text


async def test_approving_an_introduction_welcomes_the_member(live: LiveNode) -> None:
    alcorcon = await member(live, "alcorcon.example", "pending", name="Municipality of Alcorcón")
    await admin(live)
    response = await submit(
        live.client, PAGE, "/admin/network/approve", {"member": alcorcon.origin}
    )
    assert response.status_code == 303 and response.headers["location"] == PAGE
    after = await get(live.client, PAGE)
    assert "alcorcon.example" in banner(after.text) and "welcomed" in banner(after.text)
    assert "Introductions waiting for approval" not in after.text
    assert await state_of(live, alcorcon.origin) == "active"
    await live.drain()
    [follow] = live.fediverse.posts_to(alcorcon.organisation.inbox)
    assert follow.json["type"] == "Follow"
    assert follow.json["object"] == alcorcon.organisation.id
    assert follow.json["actor"] == live.node.urls.actor


async def test_turning_an_introduction_down_forgets_it(live: LiveNode) -> None:
    alcorcon = await member(live, "alcorcon.example", "pending")
    await admin(live)
    response = await submit(
        live.client, PAGE, "/admin/network/turn-down", {"member": alcorcon.origin}
    )
    assert response.status_code == 303
    after = await get(live.client, PAGE)
    assert "turned down" in banner(after.text)
    assert "alcorcon.example" not in " ".join(rows(after.text))
    assert await state_of(live, alcorcon.origin) is None
    await live.drain()
    assert live.fediverse.received == []


async def test_answering_an_introduction_that_is_not_there(live: LiveNode) -> None:
    split = await member(live, "split.example", "active")
    await admin(live)
    response = await submit(live.client, PAGE, "/admin/network/approve", {"member": split.origin})
    assert response.status_code == 409
    assert "No introduction of https://split.example" in banner(response.text)
    assert await state_of(live, split.origin) == "active"


@pytest.mark.parametrize(("choice", "label"), [("approval", "wait"), ("automatic", "welcomed")])
async def test_the_introductions_setting_is_saved(live: LiveNode, choice: str, label: str) -> None:
    await admin(live)
    if choice == "automatic":  # from the other setting, so that saving changes something
        await submit(
            live.client, PAGE, "/admin/network/introductions", {"introductions": "approval"}
        )
    response = await submit(
        live.client, PAGE, "/admin/network/introductions", {"introductions": choice}
    )
    assert response.status_code == 303
    page = await get(live.client, PAGE)
    assert label in banner(page.text)
    [checked] = [
        radio
        for radio in HtmlPage.parse(page.text).all("input", name="introductions")
        if "checked" in radio.attrs
    ]
    assert checked.attrs["value"] == choice
    assert live.node.settings.introductions == choice  # the running node uses it at once
    assert load_settings(live.node.settings.data_dir).introductions == choice


async def test_an_unknown_introductions_setting_is_refused(live: LiveNode) -> None:
    await admin(live)
    response = await submit(
        live.client, PAGE, "/admin/network/introductions", {"introductions": "never"}
    )
    assert response.status_code == 400 and 'id="introductions-error"' in response.text
    assert load_settings(live.node.settings.data_dir).introductions == "automatic"


@pytest.mark.parametrize(
    ("target", "says"),
    [
        ("", "Enter the address of a member node"),
        ("https://mastodon.example", "https://mastodon.example is not a SINet node"),
        ("ftp://files.example", "is not an http(s) address"),
    ],
)
async def test_joining_something_that_is_not_a_member(
    live: LiveNode, target: str, says: str
) -> None:
    await admin(live)
    response = await submit(live.client, PAGE, "/admin/network/join", {"target": target})
    assert response.status_code == 400
    page = HtmlPage.parse(response.text)
    [error] = page.all("p", id="target-error")
    assert says in error.text
    [field] = page.all("input", id="target")
    assert field.attrs["value"] == target and field.attrs["aria-invalid"] == "true"
    async with live.node.sessions() as session:
        assert (await session.scalars(select(Member))).all() == []


async def test_leaving_tells_every_member(live: LiveNode) -> None:
    split = await member(live, "split.example", "active", name="Youth Centre Split")
    await own_member(live.node)
    await admin(live)
    page = await get(live.client, PAGE)
    assert f'href="{LEAVE}"' in page.text
    confirm = await get(live.client, LEAVE)
    assert confirm.status_code == 200 and "1 member is told" in confirm.text
    response = await submit(live.client, LEAVE, LEAVE, {})
    assert response.status_code == 303 and response.headers["location"] == PAGE
    after = await get(live.client, PAGE)
    assert "has left the network" in banner(after.text)
    text = HtmlPage.parse(after.text).text
    assert "This node has left the network." in text and f'href="{LEAVE}"' not in after.text
    assert 'action="/admin/network/join"' in after.text  # it can join again
    assert await state_of(live, live.node.urls.origin) == "left"
    await live.drain()
    [remove] = live.fediverse.posts_to(split.instance.inbox)
    assert remove.json["type"] == "Remove"
    assert remove.json["object"]["membershipState"] == "left"


@pytest.mark.parametrize(
    ("action", "fields"),
    [
        ("/admin/network/approve", {"member": "https://alcorcon.example"}),
        ("/admin/network/turn-down", {"member": "https://alcorcon.example"}),
        ("/admin/network/introductions", {"introductions": "approval"}),
        ("/admin/network/join", {"target": "https://mastodon.example"}),
        (LEAVE, {}),
    ],
)
async def test_a_form_without_its_csrf_token_changes_nothing(
    live: LiveNode, action: str, fields: dict[str, str]
) -> None:
    await member(live, "alcorcon.example", "pending")
    await own_member(live.node)
    await admin(live)
    response = await live.client.post(action, data=fields, headers={"Accept": "text/html"})
    assert response.status_code == 403 and "Form not accepted" in response.text
    assert await state_of(live, "https://alcorcon.example") == "pending"
    assert await state_of(live, live.node.urls.origin) == "active"
    assert live.node.settings.introductions == "automatic"
    assert "https://mastodon.example/.well-known/nodeinfo" not in live.fediverse.gets


@pytest.mark.parametrize("path", [PAGE, LEAVE])
async def test_editors_do_not_manage_the_network(live: LiveNode, path: str) -> None:
    await make_account(live, "editor@ohrid.example", "editor")
    await log_in(live.client, "editor@ohrid.example", PASSWORD)
    page = await get(live.client, path)
    assert page.status_code == 403 and "This page is for admins" in page.text
    assert 'href="/admin/network"' not in (await get(live.client, "/admin")).text
