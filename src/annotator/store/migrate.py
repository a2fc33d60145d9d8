"""Create and upgrade the schema with Alembic (imported only when a database needs it)."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Connection, Engine, text

from annotator.store import version


def alembic_config(connection: Connection | None = None):  # type: ignore[no-untyped-def]
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", "annotator.store:migrations")
    if connection is not None:
        config.attributes["connection"] = connection
    return config


def upgrade_to_head(engine: Engine, then: Callable[[Connection], None] | None = None) -> None:
    """Run every migration the database lacks, then ``then(connection)``, in one transaction.

    Two processes opening a new database at once take turns: SQLite's write lock
    (``BEGIN IMMEDIATE``) or a PostgreSQL advisory lock is held for the whole transaction, and
    Alembic reads the revision after taking it, so the second process finds nothing to do.

    On SQLite, Alembic changes a table by copying it and dropping the old one; with foreign
    keys on, that drop would cascade-delete every row that points at the table. So foreign keys
    are off during the migration (the pragma only takes effect outside a transaction), and
    ``PRAGMA foreign_key_check`` must find nothing before the migration commits.
    """
    from alembic import command

    with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            connection.connection.dbapi_connection.execute("PRAGMA foreign_keys=OFF")  # type: ignore[union-attr]
        try:
            with connection.begin():
                if connection.dialect.name == "postgresql":
                    connection.execute(
                        text("SELECT pg_advisory_xact_lock(:key)"), {"key": version.SCHEMA_LOCK_KEY}
                    )
                command.upgrade(alembic_config(connection), "head")
                if then is not None:
                    then(connection)
                if sqlite:
                    broken = connection.execute(text("PRAGMA foreign_key_check")).all()
                    if broken:
                        raise RuntimeError(f"migration broke foreign keys: {broken[:5]}")
        finally:
            if sqlite:
                connection.connection.dbapi_connection.execute("PRAGMA foreign_keys=ON")  # type: ignore[union-attr]


def script_revisions() -> list[str]:
    """The revisions of the migration scripts, oldest first."""
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory.from_config(alembic_config())
    return [script.revision for script in reversed(list(scripts.walk_revisions()))]
