"""Create and upgrade the schema with Alembic (imported only when a database needs it)."""

from __future__ import annotations

from sqlalchemy import Connection


def alembic_config(connection: Connection | None = None):  # type: ignore[no-untyped-def]
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", "annotator.store:migrations")
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def upgrade_to_head(connection: Connection) -> None:
    """Run every migration the database lacks, on ``connection`` (in its transaction)."""
    from alembic import command

    command.upgrade(alembic_config(connection), "head")


def script_revisions() -> list[str]:
    """The revisions of the migration scripts, oldest first."""
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory.from_config(alembic_config())
    return [script.revision for script in reversed(list(scripts.walk_revisions()))]
