"""`admin create`, `admin reset-password`, `admin list`: accounts of the browser admin."""

from __future__ import annotations

import argparse
from typing import Any

from sinet_node.accounts import manage
from sinet_node.accounts.errors import AccountError
from sinet_node.accounts.model import Account
from sinet_node.cli.common import CliError, print_listing, say, settings_from
from sinet_node.node import open_node


def _login_url(base_url: str) -> str:
    return f"{base_url}/login"


async def create(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    async with open_node(settings) as node:
        try:
            account, password = await manage.create_account(
                node.sessions, email=args.email, role=args.role, now=node.clock()
            )
        except AccountError as exc:
            raise CliError(exc.message) from exc
    say(f"Created the {account.role} account {account.email}.")
    say(f"Log in at {_login_url(settings.base_url)} with this one-time password; it is shown")
    say("only now and must be changed at the first login:")
    print(password)
    return 0


async def reset_password(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    async with open_node(settings) as node:
        try:
            found = await manage.find_account(node.sessions, args.email)
            if found is None:
                raise CliError(f"no account for {args.email.strip()}; see `sinet-node admin list`")
            account, password = await manage.reset_password(
                node.sessions, found.id, now=node.clock()
            )
        except AccountError as exc:
            raise CliError(exc.message) from exc
    say(f"New one-time password for {account.email} (logged out everywhere; it must be")
    say(f"changed at the next login at {_login_url(settings.base_url)}):")
    print(password)
    return 0


def _row(account: Account) -> dict[str, Any]:
    return {
        "email": account.email,
        "role": account.role,
        "must_change_password": account.must_change_password,
        "created": account.created_at.isoformat(),
        "last_login": account.last_login_at.isoformat() if account.last_login_at else None,
    }


def _line(row: dict[str, Any]) -> str:
    note = "  (one-time password)" if row["must_change_password"] else ""
    return (
        f"{row['email']}  {row['role']}  last login: {row['last_login'] or 'never logged in'}{note}"
    )


async def list_accounts(args: argparse.Namespace) -> int:
    async with open_node(settings_from(args)) as node:
        accounts = await manage.list_accounts(node.sessions)
    return print_listing(
        [_row(account) for account in accounts],
        as_json=args.json,
        line=_line,
        empty="No accounts yet: create the first with `sinet-node admin create --email E`.",
    )
