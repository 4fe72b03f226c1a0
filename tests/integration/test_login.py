"""Logging in and out of the admin pages, as a browser (and an API client) sees it:
passwords, the rate limit, cookie flags, server-side sessions, the forced password change
and the CSRF token on every form."""

from __future__ import annotations

from dataclasses import replace
from http.cookies import SimpleCookie

import httpx
import pytest

from sinet_node.config import Settings
from sinet_node.node import create_node_files, open_node
from sinet_node.web.app import create_app
from tests.conftest import LiveNode
from tests.integration.staff import (
    HTML,
    PASSWORD,
    browser,
    csrf_in,
    get,
    log_in,
    logged_in,
    make_account,
    submit,
)

EMAIL = "admin@ohrid.example"


def session_cookie(response: httpx.Response) -> SimpleCookie:
    cookies = [
        value for value in response.headers.get_list("set-cookie") if "sinet_session=" in value
    ]
    assert len(cookies) == 1, response.headers.get_list("set-cookie")
    parsed = SimpleCookie()
    parsed.load(cookies[0])
    return parsed


async def test_logging_in_opens_the_page_asked_for(live: LiveNode) -> None:
    await make_account(live, EMAIL)
    response = await log_in(live.client, "  Admin@Ohrid.EXAMPLE ", PASSWORD, next_page="/admin")
    assert response.status_code == 303
    assert response.headers["location"] == "/admin"
    page = await get(live.client, "/admin")
    assert page.status_code == 200
    assert "Signed in as admin@ohrid.example" in page.text
    # Every page shows who is logged in, with a way out (a POST form with its token).
    home = await get(live.client, "/")
    assert "Signed in as admin@ohrid.example" in home.text
    assert 'action="/logout"' in home.text and csrf_in(home.text)


async def test_a_wrong_password_or_unknown_email_gets_the_same_answer(live: LiveNode) -> None:
    await make_account(live, EMAIL)
    wrong = await log_in(live.client, EMAIL, "not the password")
    unknown = await log_in(live.client, "nobody@ohrid.example", PASSWORD)
    for response in (wrong, unknown):
        assert response.status_code == 400
        assert "Wrong email or password." in response.text
        assert not [c for c in response.headers.get_list("set-cookie") if "sinet_session=" in c]
    assert (await get(live.client, "/admin")).status_code == 303  # still logged out


async def test_session_cookie_is_http_only_lax_and_secure_behind_https(live: LiveNode) -> None:
    await make_account(live, EMAIL)
    cookie = session_cookie(await log_in(live.client, EMAIL, PASSWORD))["sinet_session"]
    assert cookie["httponly"] is True
    assert cookie["samesite"].lower() == "lax"
    assert cookie["path"] == "/"
    assert cookie["secure"] is True  # BASE_URL is https://node.example


async def test_session_cookie_is_not_secure_on_a_plain_http_node(settings: Settings) -> None:
    local = replace(settings, base_url="http://127.0.0.1:8100")
    await create_node_files(local)
    async with open_node(local) as node:
        transport = httpx.ASGITransport(app=create_app(node))
        async with httpx.AsyncClient(transport=transport, base_url=local.base_url) as client:
            from sinet_node.accounts import manage

            await manage.create_account(
                node.sessions, email=EMAIL, role="admin", now=node.clock(), password=PASSWORD
            )
            response = await log_in(client, EMAIL, PASSWORD)
            cookie = session_cookie(response)["sinet_session"]
            assert cookie["httponly"] is True
            assert not cookie["secure"]  # a browser would never send it back over http
            assert (await get(client, "/admin")).status_code == 200


async def test_logout_ends_the_session_on_the_server(live: LiveNode) -> None:
    await make_account(live, EMAIL)
    await log_in(live.client, EMAIL, PASSWORD)
    token = live.client.cookies["sinet_session"]
    # Someone who copied the cookie gets in before the logout...
    async with browser(live) as thief:
        thief.cookies.set("sinet_session", token, domain="node.example")
        assert (await get(thief, "/admin")).status_code == 200
        response = await submit(live.client, "/admin", "/logout", {})
        assert response.status_code == 303
        assert response.headers["location"] == "/login?logged_out"
        # ...and not after it: the session is gone from the database, not only the cookie.
        after = await get(thief, "/admin")
        assert after.status_code == 303
        assert after.headers["location"].startswith("/login?next=")
    assert "You have logged out." in (await get(live.client, "/login?logged_out")).text


async def test_logout_without_the_token_is_refused(live: LiveNode) -> None:
    await make_account(live, EMAIL)
    await log_in(live.client, EMAIL, PASSWORD)
    response = await live.client.post("/logout", data={}, headers=HTML)
    assert response.status_code == 403
    assert (await get(live.client, "/admin")).status_code == 200  # still logged in


async def test_sessions_expire(live: LiveNode) -> None:
    await make_account(live, EMAIL)
    await log_in(live.client, EMAIL, PASSWORD)
    live.clock.advance(hours=12, seconds=1)
    response = await get(live.client, "/admin")
    assert response.status_code == 303 and response.headers["location"].startswith("/login")


# The rate limit ------------------------------------------------------------------------


async def test_five_failures_for_an_account_block_it_from_every_address(live: LiveNode) -> None:
    await make_account(live, EMAIL)
    for number in range(5):  # each from another address: the account's own count
        async with browser(live, f"10.0.0.{number + 1}") as attacker:
            assert (await log_in(attacker, EMAIL, f"guess {number}")).status_code == 400
    async with browser(live, "10.0.1.1") as owner:
        blocked = await log_in(owner, EMAIL, PASSWORD)  # even the right password
        assert blocked.status_code == 429
        assert 890 <= int(blocked.headers["retry-after"]) <= 900
        assert "Too many failed logins" in blocked.text
        assert (await get(owner, "/admin")).status_code == 303
        # Another account is not affected.
        await make_account(live, "editor@ohrid.example", "editor")
        assert (await log_in(owner, "editor@ohrid.example", PASSWORD)).status_code == 303
    live.clock.advance(minutes=15)
    async with browser(live, "10.0.1.2") as owner:
        assert (await log_in(owner, EMAIL, PASSWORD)).status_code == 303


async def test_five_failures_from_an_address_block_it_for_every_account(live: LiveNode) -> None:
    await make_account(live, EMAIL)
    async with browser(live, "192.0.2.7") as attacker:
        for number in range(5):  # five different accounts guessed from one address
            response = await log_in(attacker, f"user{number}@ohrid.example", "guess")
            assert response.status_code == 400
        blocked = await log_in(attacker, EMAIL, PASSWORD)
        assert blocked.status_code == 429
        assert int(blocked.headers["retry-after"]) > 0
    async with browser(live, "192.0.2.8") as owner:  # the account itself is fine
        assert (await log_in(owner, EMAIL, PASSWORD)).status_code == 303


async def test_the_limit_is_kept_in_the_database(live: LiveNode) -> None:
    """Another process (a second app on the same database) sees the same count."""
    await make_account(live, EMAIL)
    for _ in range(5):
        await log_in(live.client, EMAIL, "guess")
    async with (
        open_node(live.node.settings, clock=live.clock) as other,
        httpx.AsyncClient(
            transport=httpx.ASGITransport(app=create_app(other)), base_url="https://node.example"
        ) as client,
    ):
        assert (await log_in(client, EMAIL, PASSWORD)).status_code == 429


async def test_a_successful_login_clears_the_accounts_failures(live: LiveNode) -> None:
    await make_account(live, EMAIL)
    for _ in range(4):
        await log_in(live.client, EMAIL, "guess")
    assert (await log_in(live.client, EMAIL, PASSWORD)).status_code == 303
    async with browser(live, "10.9.9.9") as other:
        for _ in range(4):
            assert (await log_in(other, EMAIL, "guess")).status_code == 400
        assert (await log_in(other, EMAIL, PASSWORD)).status_code == 303


# The forced password change ----------------------------------------------------------


async def test_a_one_time_password_must_be_changed_first(live: LiveNode) -> None:
    _, one_time = await make_account(live, EMAIL, password=None)
    response = await log_in(live.client, EMAIL, one_time, next_page="/admin")
    assert response.status_code == 303
    assert response.headers["location"] == "/admin/password?next=/admin"
    # Every other page sends the browser back to the password form; an API client is told.
    elsewhere = await get(live.client, "/admin")
    assert elsewhere.status_code == 303
    assert elsewhere.headers["location"].startswith("/admin/password")
    api = await live.client.get("/admin", headers={"Accept": "application/json"})
    assert api.status_code == 403
    assert api.headers["content-type"] == "application/problem+json"
    form = await get(live.client, "/admin/password?next=/admin")
    assert "one-time password" in form.text

    mismatch = await submit(
        live.client,
        "/admin/password",
        "/admin/password",
        {
            "current_password": one_time,
            "new_password": "a brand new secret",
            "confirm_password": "a brand new secre",
            "next": "/admin",
        },
    )
    assert mismatch.status_code == 400
    assert 'id="confirm_password-error"' in mismatch.text
    assert 'aria-describedby="confirm_password-error"' in mismatch.text
    short = await submit(
        live.client,
        "/admin/password",
        "/admin/password",
        {"current_password": one_time, "new_password": "short", "confirm_password": "short"},
    )
    assert short.status_code == 400 and "at least 10 characters" in short.text
    wrong_current = await submit(
        live.client,
        "/admin/password",
        "/admin/password",
        {
            "current_password": "guess",
            "new_password": "a brand new secret",
            "confirm_password": "a brand new secret",
        },
    )
    assert wrong_current.status_code == 400 and "not your current password" in wrong_current.text

    changed = await submit(
        live.client,
        "/admin/password",
        "/admin/password",
        {
            "current_password": one_time,
            "new_password": "a brand new secret",
            "confirm_password": "a brand new secret",
            "next": "/admin",
        },
    )
    assert changed.status_code == 303 and changed.headers["location"] == "/admin"
    page = await get(live.client, "/admin")
    assert page.status_code == 200
    assert "Your password has been changed." in page.text
    async with browser(live, "10.1.1.1") as again:
        assert (await log_in(again, EMAIL, one_time)).status_code == 400
        assert (await log_in(again, EMAIL, "a brand new secret")).status_code == 303


async def test_changing_the_password_ends_the_other_sessions(live: LiveNode) -> None:
    await make_account(live, EMAIL)
    await log_in(live.client, EMAIL, PASSWORD)
    async with browser(live) as laptop:
        await log_in(laptop, EMAIL, PASSWORD)
        response = await submit(
            live.client,
            "/admin/password",
            "/admin/password",
            {
                "current_password": PASSWORD,
                "new_password": "another good password",
                "confirm_password": "another good password",
            },
        )
        assert response.status_code == 303
        assert (await get(live.client, "/admin")).status_code == 200  # this one stays
        assert (await get(laptop, "/admin")).status_code == 303  # the other is logged out


# CSRF, and who may open what ----------------------------------------------------------


@pytest.mark.parametrize("token", [None, "forged-token", "other-session"])
async def test_a_form_without_its_token_changes_nothing(live: LiveNode, token: str | None) -> None:
    await make_account(live, EMAIL)
    await log_in(live.client, EMAIL, PASSWORD)
    data = {
        "current_password": PASSWORD,
        "new_password": "a password set by csrf",
        "confirm_password": "a password set by csrf",
    }
    if token == "other-session":
        async with logged_in(live, "other@ohrid.example") as other:
            data["csrf_token"] = csrf_in((await get(other, "/admin")).text)
    elif token is not None:
        data["csrf_token"] = token
    response = await live.client.post("/admin/password", data=data, headers=HTML)
    assert response.status_code == 403
    assert "Nothing was changed" in response.text
    async with browser(live, "10.2.2.2") as check:
        assert (await log_in(check, EMAIL, PASSWORD)).status_code == 303  # the old one still works
    api = await live.client.post("/admin/password", data=data)
    assert api.status_code == 403 and api.headers["content-type"] == "application/problem+json"


async def test_the_login_form_needs_its_own_token(live: LiveNode) -> None:
    await make_account(live, EMAIL)
    response = await live.client.post(
        "/login", data={"email": EMAIL, "password": PASSWORD}, headers=HTML
    )
    assert response.status_code == 403
    assert "sinet_session" not in live.client.cookies


async def test_without_a_session_a_browser_is_sent_to_log_in(live: LiveNode) -> None:
    response = await get(live.client, "/admin/password?x=1")
    assert response.status_code == 303
    assert response.headers["location"] == "/login?next=/admin/password%3Fx%3D1"
    api = await live.client.get("/admin", headers={"Accept": "application/json"})
    assert api.status_code == 401
    assert api.headers["content-type"] == "application/problem+json"
    assert api.json()["detail"].startswith("Log in first")


async def test_next_never_leaves_the_site(live: LiveNode) -> None:
    await make_account(live, EMAIL)
    response = await log_in(live.client, EMAIL, PASSWORD, next_page="//evil.example/phish")
    assert response.status_code == 303 and response.headers["location"] == "/admin"


async def test_a_form_larger_than_the_limit_gets_413(live: LiveNode) -> None:
    await make_account(live, EMAIL)
    await log_in(live.client, EMAIL, PASSWORD)
    token = csrf_in((await get(live.client, "/admin")).text)
    response = await live.client.post(
        "/admin/password",
        data={"csrf_token": token},
        files={"upload": ("big.png", b"\0" * (11 * 1024 * 1024), "image/png")},
        headers=HTML,
    )
    assert response.status_code == 413
    assert "too large" in response.text
