"""The accounts page: create (a one-time password shown once), change role, reset the
password, delete; never oneself, never the last admin; editors may not come here."""

from __future__ import annotations

import re

import httpx

from sinet_node.accounts import manage
from sinet_node.accounts.model import Account
from tests.conftest import LiveNode
from tests.integration.staff import (
    HTML,
    PASSWORD,
    banner,
    browser,
    csrf_in,
    get,
    log_in,
    make_account,
    submit,
)

PAGE = "/admin/accounts"


async def admin(live: LiveNode) -> Account:
    account, _ = await make_account(live, "admin@ohrid.example")
    assert (await log_in(live.client, "admin@ohrid.example", PASSWORD)).status_code == 303
    return account


async def account_of(live: LiveNode, email: str) -> Account | None:
    return await manage.find_account(live.node.sessions, email)


async def role_of(live: LiveNode, email: str) -> str | None:
    account = await account_of(live, email)
    return account.role if account else None


def one_time_password(page: str) -> str:
    found = re.search(r'<code id="one-time-password">([^<]+)</code>', page)
    assert found, "no one-time password on the page"
    return found.group(1)


async def test_creating_an_account_shows_its_one_time_password_once(live: LiveNode) -> None:
    await admin(live)
    response = await submit(
        live.client, PAGE, PAGE, {"email": "Marko@Ohrid.example", "role": "editor"}
    )
    assert response.status_code == 303 and response.headers["location"] == PAGE
    page = await get(live.client, PAGE)
    assert page.headers["cache-control"] == "no-store"
    assert "marko@ohrid.example can now log in as editor" in banner(page.text)
    password = one_time_password(page.text)
    assert "one-time-password" not in (await get(live.client, PAGE)).text  # shown once
    created = await account_of(live, "marko@ohrid.example")
    assert created and created.role == "editor" and created.must_change_password
    async with browser(live) as marko:
        response = await log_in(marko, "marko@ohrid.example", password)
        assert response.headers["location"].startswith("/admin/password")


async def test_a_bad_or_taken_email_is_shown_next_to_the_field(live: LiveNode) -> None:
    await admin(live)
    for email, says in (
        ("not an email", "is not an email address"),
        ("ADMIN@ohrid.example", "already an account"),
    ):
        response = await submit(live.client, PAGE, PAGE, {"email": email, "role": "editor"})
        assert response.status_code == 400
        error = re.search(r'<p class="error" id="email-error">([^<]*)</p>', response.text)
        assert error and says in error.group(1)
        assert 'aria-describedby="email-error"' in response.text
    assert [a.email for a in await manage.list_accounts(live.node.sessions)] == [
        "admin@ohrid.example"
    ]


async def test_changing_a_role(live: LiveNode) -> None:
    await admin(live)
    marko, _ = await make_account(live, "marko@ohrid.example", "editor")
    response = await submit(live.client, PAGE, f"{PAGE}/{marko.id}/role", {"role": "admin"})
    assert response.status_code == 303
    assert "marko@ohrid.example is now admin" in banner((await get(live.client, PAGE)).text)
    assert await role_of(live, "marko@ohrid.example") == "admin"
    refused = await submit(live.client, PAGE, f"{PAGE}/{marko.id}/role", {"role": "owner"})
    assert refused.status_code == 409 and "must be admin or editor" in banner(refused.text)


async def test_the_last_admin_stays_an_admin(live: LiveNode) -> None:
    me = await admin(live)
    response = await submit(live.client, PAGE, f"{PAGE}/{me.id}/role", {"role": "editor"})
    assert response.status_code == 409
    assert "the last admin" in banner(response.text)
    assert await role_of(live, "admin@ohrid.example") == "admin"


async def test_resetting_a_password_logs_the_account_out(live: LiveNode) -> None:
    await admin(live)
    marko, _ = await make_account(live, "marko@ohrid.example", "editor")
    async with browser(live) as laptop:
        assert (await log_in(laptop, "marko@ohrid.example", PASSWORD)).status_code == 303
        response = await submit(live.client, PAGE, f"{PAGE}/{marko.id}/reset-password", {})
        assert response.status_code == 303
        page = await get(live.client, PAGE)
        assert "logged out everywhere" in banner(page.text)
        password = one_time_password(page.text)
        assert (await get(laptop, "/admin")).status_code == 303  # the session is gone
    async with browser(live, "10.3.3.3") as again:
        assert (await log_in(again, "marko@ohrid.example", PASSWORD)).status_code == 400
        changed = await log_in(again, "marko@ohrid.example", password)
        assert changed.headers["location"].startswith("/admin/password")


async def test_deleting_an_account(live: LiveNode) -> None:
    me = await admin(live)
    marko, _ = await make_account(live, "marko@ohrid.example", "editor")
    async with browser(live) as laptop:
        await log_in(laptop, "marko@ohrid.example", PASSWORD)
        response = await submit(live.client, PAGE, f"{PAGE}/{marko.id}/delete", {})
        assert response.status_code == 303
        assert "was deleted" in banner((await get(live.client, PAGE)).text)
        assert await account_of(live, "marko@ohrid.example") is None
        assert (await get(laptop, "/admin")).status_code == 303
    page = await get(live.client, PAGE)
    assert f"{PAGE}/{me.id}/delete" not in page.text  # no button to delete oneself
    response = await submit(live.client, PAGE, f"{PAGE}/{me.id}/delete", {})
    assert response.status_code == 409
    assert "cannot delete your own account" in banner(response.text)
    assert await account_of(live, "admin@ohrid.example") is not None


async def test_an_admin_can_delete_another_admin_but_not_the_last(live: LiveNode) -> None:
    me = await admin(live)
    other, _ = await make_account(live, "ana@ohrid.example", "admin")
    assert (await submit(live.client, PAGE, f"{PAGE}/{other.id}/delete", {})).status_code == 303
    # Now alone: demoting oneself would leave the node without an admin.
    assert (
        await submit(live.client, PAGE, f"{PAGE}/{me.id}/role", {"role": "editor"})
    ).status_code == 409


async def test_account_actions_need_the_token(live: LiveNode) -> None:
    await admin(live)
    response = await live.client.post(
        PAGE, data={"email": "x@ohrid.example", "role": "admin"}, headers=HTML
    )
    assert response.status_code == 403
    assert await account_of(live, "x@ohrid.example") is None


async def test_editors_get_403_on_every_admin_action(live: LiveNode) -> None:
    await admin(live)
    target, _ = await make_account(live, "ana@ohrid.example", "editor")
    await make_account(live, "editor@ohrid.example", "editor")
    async with browser(live, "10.4.4.4") as editor:
        await log_in(editor, "editor@ohrid.example", PASSWORD)
        token = csrf_in((await get(editor, "/admin")).text)
        for path, data in (
            (PAGE, {"email": "x@ohrid.example", "role": "admin"}),
            (f"{PAGE}/{target.id}/role", {"role": "admin"}),
            (f"{PAGE}/{target.id}/reset-password", {}),
            (f"{PAGE}/{target.id}/delete", {}),
            ("/admin/federation/retry", {}),
            ("/admin/following", {"target": "https://peer.example/users/a"}),
            ("/admin/followers/accept", {"actor": "https://peer.example/users/a"}),
            ("/admin/profile", {"name": "Taken over"}),
        ):
            response = await editor.post(path, data={"csrf_token": token, **data}, headers=HTML)
            assert response.status_code == 403, path
            assert "This page is for admins" in response.text
        api: httpx.Response = await editor.get(PAGE, headers={"Accept": "application/json"})
        assert api.status_code == 403 and api.headers["content-type"] == "application/problem+json"
    assert await account_of(live, "x@ohrid.example") is None
    assert await role_of(live, "ana@ohrid.example") == "editor"
    assert live.node.settings.name == "Municipality of Ohrid"
