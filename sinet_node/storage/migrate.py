"""Bring a database to the newest Alembic revision.

The revisions ship inside the package as ``sinet_node.migrations`` (mapped from the
top-level ``migrations/`` folder), so an installed node can migrate itself.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection
from sqlalchemy.ext.asyncio import AsyncEngine


def migrations_path() -> Path:
    spec = importlib.util.find_spec("sinet_node.migrations")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the sinet_node.migrations package is missing from this installation")
    return Path(next(iter(spec.submodule_search_locations)))


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(migrations_path()))
    return config


async def upgrade_to_head(engine: AsyncEngine) -> None:
    config = alembic_config()

    def _upgrade(connection: Connection) -> None:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")

    async with engine.begin() as connection:
        await connection.run_sync(_upgrade)


async def current_revision(engine: AsyncEngine) -> str | None:
    def _current(connection: Connection) -> str | None:
        return MigrationContext.configure(connection).get_current_revision()

    async with engine.connect() as connection:
        return await connection.run_sync(_current)


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()
