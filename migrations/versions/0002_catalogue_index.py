"""catalogue index: dates, facets and full text of every live object

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-30 10:00:00

The full-text part differs by engine: an FTS5 table on SQLite, a tsvector column with a GIN
index on PostgreSQL. The objects stored before this revision are filed by the same code that
files every later write (``storage.catalogue.index_row``). Should a later revision change
the catalogue tables, it must refill the index itself, as this backfill writes with the
code of the day.
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

from sinet_node.storage.catalogue import FTS_TABLE, index_row

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "catalogue",
        sa.Column("object_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("starts_at", sa.DateTime(), nullable=True),
        sa.Column("ends_at", sa.DateTime(), nullable=True),
        sa.Column("closes_at", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["object_id"],
            ["objects.id"],
            name=op.f("fk_catalogue_object_id_objects"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("object_id", name=op.f("pk_catalogue")),
    )
    op.create_index("ix_catalogue_kind_starts_at", "catalogue", ["kind", "starts_at"])
    op.create_index("ix_catalogue_kind_closes_at", "catalogue", ["kind", "closes_at"])
    op.create_table(
        "catalogue_facets",
        sa.Column("object_id", sa.Integer(), nullable=False),
        sa.Column("facet", sa.String(length=32), nullable=False),
        sa.Column("value", sa.String(length=300), nullable=False),
        sa.Column("label", sa.String(length=300), nullable=False),
        sa.ForeignKeyConstraint(
            ["object_id"],
            ["catalogue.object_id"],
            name=op.f("fk_catalogue_facets_object_id_catalogue"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("object_id", "facet", "value", name=op.f("pk_catalogue_facets")),
    )
    op.create_index("ix_catalogue_facets_facet_value", "catalogue_facets", ["facet", "value"])
    connection = op.get_bind()
    if connection.dialect.name == "sqlite":
        op.execute(
            f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5(title, body, tokenize='unicode61')"
        )
    else:
        op.add_column("catalogue", sa.Column("search", postgresql.TSVECTOR(), nullable=True))
        op.create_index("ix_catalogue_search", "catalogue", ["search"], postgresql_using="gin")
    _backfill(connection)


def _backfill(connection: sa.Connection) -> None:
    objects = sa.table(
        "objects",
        sa.column("id"),
        sa.column("kind"),
        sa.column("attributed_to"),
        sa.column("document", sa.JSON()),
        sa.column("deleted_at"),
    )
    live = sa.select(objects).where(objects.c.deleted_at.is_(None)).order_by(objects.c.id)
    for row in connection.execute(live).all():
        index_row(connection, row)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute(f"DROP TABLE {FTS_TABLE}")
    op.drop_index("ix_catalogue_facets_facet_value", table_name="catalogue_facets")
    op.drop_table("catalogue_facets")
    op.drop_index("ix_catalogue_kind_closes_at", table_name="catalogue")
    op.drop_index("ix_catalogue_kind_starts_at", table_name="catalogue")
    op.drop_table("catalogue")
