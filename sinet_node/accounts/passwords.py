"""Passwords: argon2id hashes (argon2-cffi's defaults), the rules for a new password and
one-time passwords that people can read out or type.

Hashing costs ~64 MiB and tens of milliseconds on purpose; it runs in a thread so the
event loop keeps serving other requests meanwhile.
"""

from __future__ import annotations

import asyncio
import functools
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from sinet_node.accounts.errors import AccountError
from sinet_node.translation import gettext as _

MIN_LENGTH = 10
MAX_LENGTH = 256  # argon2 hashes anything, but a megabyte "password" is a denial of service
# No 0/o, 1/l/i: a one-time password is often read out or copied from a screen by hand.
ONE_TIME_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


@functools.cache
def _hasher() -> PasswordHasher:
    return PasswordHasher()


@functools.cache
def _dummy_hash() -> str:
    """Verified against when the email is unknown, so both cases take as long."""
    return _hasher().hash(secrets.token_urlsafe(16))


def new_one_time_password() -> str:
    """Four groups of four (about 79 bits): 'k7qm-x3vd-9fhw-ra2p'."""
    letters = "".join(secrets.choice(ONE_TIME_ALPHABET) for _ in range(16))
    return "-".join(letters[i : i + 4] for i in range(0, 16, 4))


def check_new_password(password: str, *, email: str, field: str = "new_password") -> None:
    if len(password) < MIN_LENGTH:
        raise AccountError(
            _("Choose a password of at least %(n)d characters.") % {"n": MIN_LENGTH}, field=field
        )
    if len(password) > MAX_LENGTH:
        raise AccountError(
            _("Choose a password of at most %(n)d characters.") % {"n": MAX_LENGTH}, field=field
        )
    if password.strip().lower() == email.lower():
        raise AccountError(_("Your email address is not a good password."), field=field)


async def hash_password(password: str) -> str:
    return await asyncio.to_thread(_hasher().hash, password)


async def verify_password(password_hash: str | None, password: str) -> bool:
    """True when ``password`` matches; with no hash (unknown account) it still does the
    work of a verification and answers False."""

    def verify() -> bool:
        try:
            return _hasher().verify(password_hash or _dummy_hash(), password) and bool(
                password_hash
            )
        except (VerificationError, InvalidHashError):
            return False

    return await asyncio.to_thread(verify)


def needs_rehash(password_hash: str) -> bool:
    """True when the hash was made with weaker parameters than today's defaults."""
    return _hasher().check_needs_rehash(password_hash)
