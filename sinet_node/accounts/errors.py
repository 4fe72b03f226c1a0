"""What can go wrong with an account; each message says what to do about it."""

from __future__ import annotations


class AccountError(ValueError):
    """A request about an account that cannot be done; ``field`` names the form field
    the message belongs next to (None for the form as a whole)."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class BadCredentials(AccountError):
    """Wrong email or password (never saying which, so emails cannot be probed)."""


class RateLimited(AccountError):
    """Too many failed logins for the account or from the address."""

    def __init__(self, message: str, *, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after
