"""An account as the rest of the code sees it: a frozen value, not a database row."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sinet_node.storage.models import AccountRecord

ADMIN = "admin"
EDITOR = "editor"
ROLES = (ADMIN, EDITOR)


@dataclass(frozen=True)
class Account:
    id: int
    email: str
    role: str  # ADMIN | EDITOR
    must_change_password: bool
    created_at: datetime
    last_login_at: datetime | None

    @property
    def is_admin(self) -> bool:
        return self.role == ADMIN

    @classmethod
    def of(cls, row: AccountRecord) -> Account:
        return cls(
            id=row.id,
            email=row.email,
            role=row.role,
            must_change_password=row.must_change_password,
            created_at=row.created_at,
            last_login_at=row.last_login_at,
        )
