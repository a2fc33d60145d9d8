"""Which schema revisions this code knows, checked without importing Alembic (start-up time)."""

from __future__ import annotations

from sqlalchemy import Connection, inspect, text

# Oldest first; the last is the head. tests/store/test_migrations.py checks this list against
# the Alembic scripts in migrations/versions.
KNOWN_REVISIONS: tuple[str, ...] = ("0001", "0002", "0003", "0004", "0005", "0006", "0007", "0008")
HEAD = KNOWN_REVISIONS[-1]
# Key of the PostgreSQL advisory lock that serialises creating and upgrading the schema.
SCHEMA_LOCK_KEY = 0x616E6E6F  # "anno"


class SchemaTooNew(RuntimeError):
    """The database was written by a newer Annotator; this one must not touch it."""


class SchemaOutdated(RuntimeError):
    """The database needs a migration and the caller asked not to run one."""


class NotAnAnnotatorDatabase(RuntimeError):
    """The database holds tables but no Annotator schema revision."""


def current_revision(connection: Connection) -> str | None:
    """The database's schema revision, or None for a database with no Annotator tables."""
    tables = set(inspect(connection).get_table_names())
    if "alembic_version" not in tables:
        if tables & {"documents", "spans"}:
            raise NotAnAnnotatorDatabase(
                "the database has tables but no schema revision; it was not made by Annotator"
            )
        return None
    row = connection.execute(text("SELECT version_num FROM alembic_version")).first()
    if row is None and tables - {"alembic_version"}:
        # Alembic writes the row in the transaction that creates the tables, so tables without
        # it were changed outside Annotator; migrating from "nothing" would fail on the first
        # CREATE TABLE, and guessing a revision could damage the data.
        raise NotAnAnnotatorDatabase(
            "the database has tables but its alembic_version table is empty, so its schema "
            "revision is unknown; Annotator will not change it (restore it from a backup)"
        )
    return None if row is None else str(row[0])


def is_before(revision: str, other: str) -> bool:
    """Whether the known ``revision`` is older than the known ``other``."""
    return KNOWN_REVISIONS.index(revision) < KNOWN_REVISIONS.index(other)


def needs_upgrade(revision: str | None, where: str) -> bool:
    """True when ``revision`` is older than the code; raises when it is unknown (newer)."""
    if revision == HEAD:
        return False
    if revision is None or revision in KNOWN_REVISIONS:
        return True
    raise SchemaTooNew(
        f"the database {where} has schema revision {revision!r}, which this version of "
        f"Annotator does not know (it knows up to {HEAD!r}); it was written by a newer "
        "Annotator: upgrade Annotator to use it"
    )
