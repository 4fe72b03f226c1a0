"""Server-side sessions of logged-in browsers.

The cookie carries a random token; the database keeps only its SHA-256, the account,
an expiry and a per-session CSRF secret (the synchronizer token every form must send
back). Logging out deletes the row, so a copied cookie is worthless afterwards.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sinet_node.accounts.manage import Sessions
from sinet_node.accounts.model import Account
from sinet_node.storage import web_sessions as session_store

LIFETIME = timedelta(hours=12)


@dataclass(frozen=True)
class BrowserSession:
    id: int
    account: Account
    csrf_token: str
    expires_at: datetime
    flash: dict[str, Any] | None


def new_token() -> str:
    return secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


async def start_session(
    sessions: Sessions, account: Account, *, now: datetime
) -> tuple[str, BrowserSession]:
    """A new session for ``account``: (cookie token, session)."""
    token = new_token()
    expires_at = now + LIFETIME
    async with sessions.begin() as session:
        await session_store.remove_expired(session, now)
        row = session_store.add(
            session,
            token_hash=token_hash(token),
            account_id=account.id,
            csrf_secret=secrets.token_urlsafe(32),
            now=now,
            expires_at=expires_at,
        )
        await session.flush()
        return token, BrowserSession(row.id, account, row.csrf_secret, expires_at, None)


async def session_for_token(
    sessions: Sessions, token: str, *, now: datetime
) -> BrowserSession | None:
    if not token or len(token) > 200:
        return None
    async with sessions() as session:
        found = await session_store.live_with_account(session, token_hash(token), now)
    if found is None:
        return None
    row, account = found
    return BrowserSession(row.id, Account.of(account), row.csrf_secret, row.expires_at, row.flash)


async def end_session(sessions: Sessions, token: str) -> None:
    async with sessions.begin() as session:
        await session_store.remove(session, token_hash(token))


async def set_flash(sessions: Sessions, session_id: int, flash: dict[str, Any] | None) -> None:
    async with sessions.begin() as session:
        await session_store.set_flash(session, session_id, flash)
