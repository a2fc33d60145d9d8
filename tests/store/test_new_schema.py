"""A new database is created from the models without Alembic, and gets exactly the schema the
migrations build (tables, columns, keys, indexes, constraints, the revision and the labels)."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Connection, create_engine, inspect, text
from sqlalchemy.engine import make_url

from annotator.store.engine import create_database_engine, writer
from annotator.store.migrate import upgrade_to_head
from annotator.store.new_schema import create_at_head
from annotator.store.store import Store, seed_defaults

PG_SCHEMAS = ("by_migrations", "by_models")


def schema_of(connection: Connection) -> dict[str, Any]:
    """Everything about the tables a database has, in a form that compares as equal."""
    found = inspect(connection)
    tables: dict[str, Any] = {}
    for table in sorted(found.get_table_names()):
        tables[table] = {
            "columns": [
                (c["name"], str(c["type"]), c["nullable"], c.get("default"))
                for c in found.get_columns(table)
            ],
            "primary_key": found.get_pk_constraint(table)["constrained_columns"],
            "foreign_keys": sorted(
                (
                    tuple(fk["constrained_columns"]),
                    fk["referred_table"],
                    tuple(fk["referred_columns"]),
                    (fk.get("options") or {}).get("ondelete"),
                )
                for fk in found.get_foreign_keys(table)
            ),
            "indexes": sorted(
                (ix["name"], tuple(ix["column_names"]), bool(ix["unique"]))
                for ix in found.get_indexes(table)
            ),
            "unique": sorted(
                (uq["name"], tuple(uq["column_names"]))
                for uq in found.get_unique_constraints(table)
            ),
            "checks": sorted(
                (ck["name"], " ".join(ck["sqltext"].split()))
                for ck in found.get_check_constraints(table)
            ),
        }
    return {
        "tables": tables,
        "revision": connection.execute(text("SELECT version_num FROM alembic_version")).all(),
        "labels": connection.execute(
            text(
                "SELECT name, color, hotkey, alt_hotkey, description, position FROM labels "
                "ORDER BY position"
            )
        ).all(),
    }


@pytest.fixture
def two_empty_databases(db_url: str, tmp_path: Path) -> Iterator[tuple[str, str]]:
    """Two empty databases of the kind ``db_url`` is: SQLite files, or PostgreSQL schemas."""
    url = make_url(db_url)
    if url.get_backend_name() == "sqlite":
        yield (f"sqlite:///{tmp_path / 'migrated.sqlite'}", f"sqlite:///{tmp_path / 'made.sqlite'}")
        return
    admin = create_engine(db_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        for schema in PG_SCHEMAS:
            connection.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
            connection.execute(text(f"CREATE SCHEMA {schema}"))
    try:
        yield tuple(  # type: ignore[misc]
            url.update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(
                hide_password=False
            )
            for schema in PG_SCHEMAS
        )
    finally:
        with admin.connect() as connection:
            for schema in PG_SCHEMAS:
                connection.execute(text(f"DROP SCHEMA IF EXISTS {schema} CASCADE"))
        admin.dispose()


def test_the_models_build_the_schema_the_migrations_build(
    two_empty_databases: tuple[str, str],
) -> None:
    schemas = []
    for url, build in zip(two_empty_databases, ("migrations", "models"), strict=True):
        engine = create_database_engine(url)
        try:
            if build == "migrations":
                upgrade_to_head(writer(engine), then=seed_defaults)
            else:
                assert create_at_head(writer(engine), then=seed_defaults)
            with engine.connect() as connection:
                schemas.append(schema_of(connection))
        finally:
            engine.dispose()
    migrated, made = schemas
    assert made["tables"].keys() == migrated["tables"].keys()
    for table in migrated["tables"]:
        assert made["tables"][table] == migrated["tables"][table], table
    assert made == migrated
    assert len(made["labels"]) == 4


def test_a_database_with_a_schema_is_not_created_again(db_url: str) -> None:
    Store.open(db_url).close()
    engine = create_database_engine(db_url)
    try:
        assert not create_at_head(writer(engine), then=seed_defaults)
    finally:
        engine.dispose()


def test_opening_a_new_database_does_not_import_alembic(tmp_path: Path) -> None:
    database = tmp_path / "new.sqlite"
    probe = (
        "import sys\n"
        "from annotator.store.store import Store\n"
        f"Store.open({f'sqlite:///{database}'!r}).close()\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('alembic', 'mako')))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
    with Store.open(f"sqlite:///{database}") as store, store.reading() as session:
        assert session.execute(text("SELECT count(*) FROM labels")).scalar_one() == 4
