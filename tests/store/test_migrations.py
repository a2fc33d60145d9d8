"""Alembic migrations: they build exactly the schema the models describe, the code knows every
revision, and a database from a newer Annotator is refused and left as it was."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, text

from annotator.store import version
from annotator.store.engine import create_database_engine, writer
from annotator.store.migrate import alembic_config, script_revisions, upgrade_to_head
from annotator.store.models import Base
from annotator.store.store import Store

Snapshot = dict[str, list[tuple[Any, ...]]]


def test_migrated_schema_matches_the_models(db_url: str) -> None:
    # Built by the migrations themselves: Store.open creates a new database from the models.
    engine = create_database_engine(db_url)
    upgrade_to_head(writer(engine))
    with engine.connect() as connection:
        context = MigrationContext.configure(
            connection, opts={"compare_type": True, "compare_server_default": True}
        )
        differences = compare_metadata(context, Base.metadata)
    engine.dispose()
    assert differences == []


def test_the_database_is_at_the_head_revision(store: Store) -> None:
    with store.engine.connect() as connection:
        assert version.current_revision(connection) == version.HEAD


def test_known_revisions_are_the_migration_scripts_in_order() -> None:
    assert list(version.KNOWN_REVISIONS) == script_revisions()
    assert script_revisions()[-1] == version.HEAD


def test_opening_again_changes_nothing(db_url: str, snapshot: Callable[[Store], Snapshot]) -> None:
    with Store.open(db_url) as first:
        before = snapshot(first)
    with Store.open(db_url) as second:
        assert snapshot(second) == before


def test_a_database_from_a_newer_annotator_is_refused_and_left_unchanged(
    db_url: str, snapshot: Callable[[Store], Snapshot]
) -> None:
    with Store.open(db_url) as opened:
        with opened.engine.begin() as connection:
            connection.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
        before = snapshot(opened)
    with pytest.raises(version.SchemaTooNew, match=r"'9999_future'.*newer Annotator"):
        Store.open(db_url)
    with pytest.raises(version.SchemaTooNew):
        Store.open(db_url, upgrade=False)
    engine = create_engine(db_url)
    try:
        with engine.connect() as connection:
            assert connection.execute(text("SELECT version_num FROM alembic_version")).all() == [
                ("9999_future",)
            ]
    finally:
        engine.dispose()
    reopened = Store(db_url)  # the constructor checks nothing: only to read the tables
    try:
        assert snapshot(reopened) == before
    finally:
        reopened.close()


def test_a_database_with_foreign_tables_is_not_taken_over(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'other.sqlite'}"
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE documents (id INTEGER PRIMARY KEY)"))
    engine.dispose()
    with pytest.raises(version.NotAnAnnotatorDatabase):
        Store.open(url)


def test_upgrading_a_0004_database_keeps_its_sets_unflagged_and_uncommented(db_url: str) -> None:
    """0005 and 0006 (which adds the comment and flag columns) upgrade a database that holds
    sets and spans: every row is kept, with no comment and no flag."""
    from alembic import command

    engine = create_database_engine(db_url)
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), "0004")
        connection.execute(
            text(
                "INSERT INTO documents (id, external_id, text, sha256, length, title, meta, "
                "imported_at) VALUES (1, 'd', 'Kabul', '', 5, 'Kabul', '{}', CURRENT_TIMESTAMP)"
            )
        )
        connection.execute(
            text(
                "INSERT INTO people (id, name, role, created_at) "
                "VALUES (1, 'ana', 'annotator', CURRENT_TIMESTAMP)"
            )
        )
        connection.execute(
            text(
                "INSERT INTO annotation_sets (id, document_id, person_id, status, created_at, "
                "updated_at) VALUES (1, 1, 1, 'done', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)"
            )
        )
        connection.execute(
            text(
                "INSERT INTO labels (id, name, color, hotkey, alt_hotkey, description, position) "
                "VALUES (1, 'PLACE', '#00aa00', '2', '', '', 0)"
            )
        )
        connection.execute(
            text(
                "INSERT INTO spans (id, set_id, start_offset, end_offset, label_id) "
                "VALUES (1, 1, 0, 5, 1)"
            )
        )
    upgrade_to_head(writer(engine))
    with engine.connect() as connection:
        assert version.current_revision(connection) == version.HEAD
        sets = connection.execute(text("SELECT status, comment, flagged FROM annotation_sets"))
        assert [tuple(row) for row in sets] == [("done", None, False)]
        spans = connection.execute(text("SELECT start_offset, end_offset, comment FROM spans"))
        assert [tuple(row) for row in spans] == [(0, 5, None)]
    engine.dispose()
