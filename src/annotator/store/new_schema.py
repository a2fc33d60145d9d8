"""Creating the schema of a new database straight from the models, without Alembic.

A new database is most commands' first step (``annotator import`` into a new file), and
importing and running the migration runtime costs more than the rest of a small command. The
migrations stay the source of truth: ``tests/store/test_new_schema.py`` checks that this path
and the migrations build the same tables, columns, keys, indexes and constraints.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Connection, Engine, text

from annotator.store import version
from annotator.store.models import Base

# Alembic's own table, as Alembic creates it.
_VERSION_TABLE = (
    "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL, "
    "CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))"
)


def create_at_head(engine: Engine, then: Callable[[Connection], None]) -> bool:
    """Create the head schema in an empty database, then ``then(connection)``, in one
    transaction; False (nothing done) if the database turned out to have a schema already.

    ``engine`` must take the write lock when it begins (:func:`annotator.store.engine.writer`)
    on SQLite; on PostgreSQL the schema lock of the migrations is taken. Two processes creating
    the same database at once take turns, and the second finds the schema made.
    """
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(
                text("SELECT pg_advisory_xact_lock(:key)"), {"key": version.SCHEMA_LOCK_KEY}
            )
        if version.current_revision(connection) is not None:
            return False
        Base.metadata.create_all(connection)
        connection.execute(text(_VERSION_TABLE))
        connection.execute(
            text("INSERT INTO alembic_version (version_num) VALUES (:head)"),
            {"head": version.HEAD},
        )
        then(connection)
    return True
