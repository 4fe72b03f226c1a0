"""Logging in, with a rate limit: after ``MAX_FAILURES`` failed logins for one account, or
from one address, within ``WINDOW``, further attempts are refused (without checking the
password) until the oldest of those failures is older than the window.

Failures are rows in the database, so the limit holds across processes and restarts.
A refused attempt is not counted again: waiting is always enough to get back in.
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta

from sinet_node.accounts.errors import AccountError, BadCredentials, RateLimited
from sinet_node.accounts.manage import Sessions, normalise_email
from sinet_node.accounts.model import Account
from sinet_node.accounts.passwords import hash_password, needs_rehash, verify_password
from sinet_node.storage import accounts as account_store
from sinet_node.storage import login_attempts as attempt_store
from sinet_node.translation import gettext as _
from sinet_node.translation import ngettext

MAX_FAILURES = 5
WINDOW = timedelta(minutes=15)


def _blocked_for(failures: list[datetime], now: datetime) -> int | None:
    """Seconds until a new attempt is allowed, or None when one is allowed now."""
    if len(failures) < MAX_FAILURES:
        return None
    # Newest first: once the MAX_FAILURES-th newest leaves the window, one slot is free.
    free_at = failures[MAX_FAILURES - 1] + WINDOW
    return max(1, math.ceil((free_at - now).total_seconds()))


async def _check_limit(sessions: Sessions, email: str, address: str, now: datetime) -> None:
    since = now - WINDOW
    async with sessions() as session:
        by_account = await attempt_store.failure_times(session, since=since, email=email)
        by_address = await attempt_store.failure_times(session, since=since, address=address)
    waits = [
        wait for wait in (_blocked_for(by_account, now), _blocked_for(by_address, now)) if wait
    ]
    if waits:
        wait = max(waits)
        raise RateLimited(
            ngettext(
                "Too many failed logins. Try again in %(minutes)d minute.",
                "Too many failed logins. Try again in %(minutes)d minutes.",
                math.ceil(wait / 60),
            )
            % {"minutes": math.ceil(wait / 60)},
            retry_after=wait,
        )


async def _fail(sessions: Sessions, email: str, address: str, now: datetime) -> BadCredentials:
    async with sessions.begin() as session:
        await attempt_store.forget_before(session, now - WINDOW)
        attempt_store.record_failure(session, email=email, address=address, now=now)
    return BadCredentials(_("Wrong email or password."))


async def log_in(
    sessions: Sessions, *, email: str, password: str, address: str, now: datetime
) -> Account:
    """The account whose email and password these are; ``BadCredentials`` or ``RateLimited``."""
    try:
        email = normalise_email(email)
    except AccountError:
        email = email.strip().lower()[:320]  # still counted: probing with junk costs too
    await _check_limit(sessions, email, address, now)
    async with sessions() as session:
        row = await account_store.by_email(session, email)
        password_hash = row.password_hash if row is not None else None
    if not password or not await verify_password(password_hash, password):
        raise await _fail(sessions, email, address, now)
    new_hash = await hash_password(password) if needs_rehash(str(password_hash)) else None
    async with sessions.begin() as session:
        row = await account_store.by_email(session, email)
        if row is None:  # deleted while we checked the password
            raise BadCredentials(_("Wrong email or password."))
        row.last_login_at = now
        if new_hash is not None:
            row.password_hash = new_hash
        await attempt_store.forget_account(session, email)
        return Account.of(row)
