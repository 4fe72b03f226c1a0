"""`sinet-node admin create / reset-password / list`: the accounts of the browser admin, as
an operator makes them, proved by logging in with what the command printed."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from sinet_node.cli.main import main
from tests.cli.test_cli import assert_one_line_error, connected, init_args, run_cli, run_program
from tests.fakes.fediverse import FakeFediverse
from tests.integration.staff import get, log_in


@pytest.fixture
def node_dir(tmp_path: Path) -> Path:
    data_dir = tmp_path / "ohrid"
    assert main([str(arg) for arg in init_args(data_dir)]) == 0
    return data_dir


def test_create_prints_a_one_time_password_that_must_be_changed(
    capsys: pytest.CaptureFixture[str], node_dir: Path
) -> None:
    result = run_cli(
        capsys, "admin", "create", "--data-dir", node_dir, "--email", "Ana@Ohrid.example"
    )
    assert result.code == 0, result.err
    password = result.out.strip().splitlines()[-1]
    assert len(password) == 19 and password.count("-") == 3
    assert "https://node.example/login" in result.err
    assert "admin account ana@ohrid.example" in result.err

    async def check() -> None:
        async with connected(node_dir, FakeFediverse()) as live:
            response = await log_in(live.client, "ana@ohrid.example", password)
            assert response.status_code == 303
            assert response.headers["location"].startswith("/admin/password")

    asyncio.run(check())


def test_create_an_editor_and_list_the_accounts(
    capsys: pytest.CaptureFixture[str], node_dir: Path
) -> None:
    for email, role in (("ana@ohrid.example", "admin"), ("marko@ohrid.example", "editor")):
        assert (
            run_cli(
                capsys, "admin", "create", "--data-dir", node_dir, "--email", email, "--role", role
            ).code
            == 0
        )
    listed = run_cli(capsys, "admin", "list", "--data-dir", node_dir, "--json")
    assert listed.code == 0 and listed.err == ""
    rows = {row["email"]: row for row in listed.json}
    assert rows["marko@ohrid.example"]["role"] == "editor"
    assert rows["ana@ohrid.example"]["role"] == "admin"
    assert all(row["must_change_password"] and row["last_login"] is None for row in rows.values())
    human = run_cli(capsys, "admin", "list", "--data-dir", node_dir)
    assert "marko@ohrid.example  editor" in human.out


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--email", "ANA@ohrid.example"], "already an account for ana@ohrid.example"),
        (["--email", "not-an-email"], "is not an email address"),
        (["--email", "a b@ohrid.example"], "is not an email address"),
    ],
)
def test_create_refuses_with_one_line(
    capsys: pytest.CaptureFixture[str], node_dir: Path, args: list[str], says: str
) -> None:
    assert (
        run_cli(
            capsys, "admin", "create", "--data-dir", node_dir, "--email", "ana@ohrid.example"
        ).code
        == 0
    )
    result = run_cli(capsys, "admin", "create", "--data-dir", node_dir, *args)
    assert result.code == 1
    assert_one_line_error(result, "sinet-node admin create:", says)


def test_a_bad_role_is_a_usage_error(node_dir: Path) -> None:
    result = run_program(
        "admin", "create", "--data-dir", node_dir, "--email", "a@b.example", "--role", "boss"
    )
    assert result.code == 2
    assert_one_line_error(result, "invalid choice: 'boss'")


def test_reset_password_replaces_the_password_and_ends_sessions(
    capsys: pytest.CaptureFixture[str], node_dir: Path
) -> None:
    first = run_cli(
        capsys, "admin", "create", "--data-dir", node_dir, "--email", "ana@ohrid.example"
    )
    old = first.out.strip().splitlines()[-1]

    async def logged_in_client_token() -> str:
        async with connected(node_dir, FakeFediverse()) as live:
            assert (await log_in(live.client, "ana@ohrid.example", old)).status_code == 303
            return str(live.client.cookies["sinet_session"])

    token = asyncio.run(logged_in_client_token())
    reset = run_cli(
        capsys, "admin", "reset-password", "--data-dir", node_dir, "--email", "Ana@ohrid.example"
    )
    assert reset.code == 0, reset.err
    new = reset.out.strip().splitlines()[-1]
    assert new != old

    async def check() -> None:
        async with connected(node_dir, FakeFediverse()) as live:
            live.client.cookies.set("sinet_session", token, domain="node.example")
            assert (await get(live.client, "/admin/password")).status_code == 303  # logged out
            live.client.cookies.clear()
            assert (await log_in(live.client, "ana@ohrid.example", old)).status_code == 400
            response = await log_in(live.client, "ana@ohrid.example", new)
            assert response.headers["location"].startswith("/admin/password")

    asyncio.run(check())
    missing = run_cli(
        capsys, "admin", "reset-password", "--data-dir", node_dir, "--email", "x@y.example"
    )
    assert_one_line_error(missing, "no account for x@y.example")
