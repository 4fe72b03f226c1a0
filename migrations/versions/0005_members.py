"""members: the network's member directory, each entry its member's own signed statement

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-23 11:00:00

One row per node this node knows as a member, its own included (node = our origin).
``statement`` is the member's statement exactly as it signed it (FEP-8b32), so it can be
served in our directory and checked by whoever reads it there.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "members",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("node", sa.String(length=2048), nullable=False),
        sa.Column("instance_actor", sa.String(length=2048), nullable=False),
        sa.Column("organisation", sa.String(length=2048), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("statement", sa.JSON(), nullable=False),
        sa.Column("statement_updated", sa.DateTime(), nullable=False),
        sa.Column("admitted", sa.Boolean(), nullable=False),
        sa.Column("since", sa.DateTime(), nullable=True),
        sa.Column("last_seen", sa.DateTime(), nullable=True),
        sa.Column("introduced_by", sa.String(length=2048), nullable=True),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("next_check_at", sa.DateTime(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("backfilled_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_members")),
        sa.UniqueConstraint("node", name=op.f("uq_members_node")),
        sa.UniqueConstraint("instance_actor", name=op.f("uq_members_instance_actor")),
    )
    with op.batch_alter_table("members", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_members_state"), ["state"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_members_next_check_at"), ["next_check_at"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("members", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_members_next_check_at"))
        batch_op.drop_index(batch_op.f("ix_members_state"))
    op.drop_table("members")
