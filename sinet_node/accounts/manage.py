"""Creating, listing and changing accounts: the rules an admin (or the CLI) works under.

A new account, and an account whose password an admin resets, gets a one-time password
that must be changed at the first login. A node always keeps at least one admin, and an
admin cannot delete their own account.
"""

from __future__ import annotations

import re
from datetime import datetime

from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from sinet_node.accounts.errors import AccountError
from sinet_node.accounts.model import ADMIN, ROLES, Account
from sinet_node.accounts.passwords import (
    check_new_password,
    hash_password,
    new_one_time_password,
    verify_password,
)
from sinet_node.storage import accounts as account_store
from sinet_node.storage import web_sessions as session_store
from sinet_node.storage.models import AccountRecord
from sinet_node.translation import gettext as _

Sessions = async_sessionmaker[AsyncSession]

EMAIL_MAX_LENGTH = 254
# Deliberately loose: one @, something on each side, a dot in the domain, no spaces.
_EMAIL = re.compile(r"^[^@\s]+@[^@\s.]+(\.[^@\s.]+)+$")


def normalise_email(raw: str) -> str:
    """The email as stored: trimmed and lower-cased (so uniqueness ignores case)."""
    email = raw.strip().lower()
    if not email:
        raise AccountError(_("Enter an email address."), field="email")
    if len(email) > EMAIL_MAX_LENGTH or not _EMAIL.match(email):
        raise AccountError(
            _("%(email)r is not an email address like name@example.org.") % {"email": raw.strip()},
            field="email",
        )
    return email


def check_role(role: str) -> str:
    if role not in ROLES:
        raise AccountError(
            _("The role must be admin or editor, not %(role)r.") % {"role": role}, field="role"
        )
    return role


async def create_account(
    sessions: Sessions, *, email: str, role: str, now: datetime, password: str | None = None
) -> tuple[Account, str]:
    """A new account and its password: a one-time password (to be changed at the first
    login) unless ``password`` is given (the demo node's fixed one)."""
    email = normalise_email(email)
    check_role(role)
    if password is None:
        password, must_change = new_one_time_password(), True
    else:
        check_new_password(password, email=email, field="password")
        must_change = False
    password_hash = await hash_password(password)
    duplicate = AccountError(
        _("There is already an account for %(email)s.") % {"email": email}, field="email"
    )
    try:
        async with sessions.begin() as session:
            if await account_store.by_email(session, email) is not None:
                raise duplicate
            row = account_store.add(
                session,
                email=email,
                password_hash=password_hash,
                role=role,
                must_change_password=must_change,
                now=now,
            )
            await session.flush()
            account = Account.of(row)
    except IntegrityError as exc:  # created by someone else between the check and the insert
        raise duplicate from exc
    return account, password


async def list_accounts(sessions: Sessions) -> list[Account]:
    async with sessions() as session:
        return [Account.of(row) for row in await account_store.everyone(session)]


async def find_account(sessions: Sessions, email: str) -> Account | None:
    async with sessions() as session:
        row = await account_store.by_email(session, normalise_email(email))
        return None if row is None else Account.of(row)


async def _existing(session: AsyncSession, account_id: int) -> AccountRecord:
    row = await account_store.by_id(session, account_id)
    if row is None:
        raise AccountError(_("That account does not exist (any more)."))
    return row


async def reset_password(
    sessions: Sessions, account_id: int, *, now: datetime
) -> tuple[Account, str]:
    """A new one-time password for the account; its sessions end (whoever holds the old
    password is logged out everywhere)."""
    password = new_one_time_password()
    password_hash = await hash_password(password)
    async with sessions.begin() as session:
        row = await _existing(session, account_id)
        row.password_hash = password_hash
        row.must_change_password = True
        row.password_changed_at = now
        await session_store.remove_for_account(session, row.id)
        return Account.of(row), password


async def _keeps_an_admin(session: AsyncSession, leaving: AccountRecord) -> None:
    admins = await account_store.lock_admins(session, ADMIN)
    if leaving.role == ADMIN and set(admins) <= {leaving.id}:
        raise AccountError(
            _("%(email)s is the last admin: make another account admin first.")
            % {"email": leaving.email}
        )


async def change_role(sessions: Sessions, account_id: int, role: str) -> Account:
    check_role(role)
    async with sessions.begin() as session:
        row = await _existing(session, account_id)
        if row.role != role:
            if role != ADMIN:
                await _keeps_an_admin(session, row)
            row.role = role
        return Account.of(row)


async def delete_account(sessions: Sessions, account_id: int, *, acting: Account) -> Account:
    if account_id == acting.id:
        raise AccountError(_("You cannot delete your own account; ask another admin."))
    async with sessions.begin() as session:
        row = await _existing(session, account_id)
        await _keeps_an_admin(session, row)
        gone = Account.of(row)
        await session_store.remove_for_account(session, row.id)
        await session.delete(row)
    return gone


async def change_password(
    sessions: Sessions,
    account_id: int,
    *,
    current: str,
    new: str,
    confirm: str,
    now: datetime,
    keep_session_id: int | None = None,
) -> Account:
    """The account holder sets a new password; every other session of theirs ends."""
    async with sessions() as session:
        row = await _existing(session, account_id)
        old_hash, email = row.password_hash, row.email
    if not await verify_password(old_hash, current):
        raise AccountError(_("This is not your current password."), field="current_password")
    check_new_password(new, email=email)
    if new != confirm:
        raise AccountError(_("The two new passwords differ."), field="confirm_password")
    if new == current:
        raise AccountError(
            _("Choose a password different from the current one."), field="new_password"
        )
    new_hash = await hash_password(new)
    async with sessions.begin() as session:
        row = await _existing(session, account_id)
        row.password_hash = new_hash
        row.must_change_password = False
        row.password_changed_at = now
        await session_store.remove_for_account(session, row.id, keep_id=keep_session_id)
        return Account.of(row)
