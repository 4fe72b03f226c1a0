"""signed objects: retired keys' end of grace, and the signed original of received objects

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23 07:00:00

``key_pairs.expires_at``: a retired key stays published (and verifiable) until then.
``objects.signed_document``: a received object exactly as its author signed it (FEP-8b32),
kept beside the sanitised copy so that it can be relayed and checked by others. The node's
Ed25519 keys are not made here: opening a node adds any key it lacks.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("key_pairs", schema=None) as batch_op:
        batch_op.add_column(sa.Column("expires_at", sa.DateTime(), nullable=True))
    with op.batch_alter_table("objects", schema=None) as batch_op:
        batch_op.add_column(sa.Column("signed_document", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("objects", schema=None) as batch_op:
        batch_op.drop_column("signed_document")
    with op.batch_alter_table("key_pairs", schema=None) as batch_op:
        batch_op.drop_column("expires_at")
