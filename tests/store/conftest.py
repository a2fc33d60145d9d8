"""Helpers for store tests: JSONL files to import, and a full snapshot of every table."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import MetaData, select

from annotator.formats.readers import read_file
from annotator.store.importer import ImportReport, import_records
from annotator.store.store import Store

Snapshot = dict[str, list[tuple[Any, ...]]]


def table_snapshot(store: Store) -> Snapshot:
    """Every row of every table (all columns, sorted), to compare a database before and after."""
    metadata = MetaData()
    with store.engine.connect() as connection:
        metadata.reflect(connection)
        return {
            name: sorted((tuple(row) for row in connection.execute(select(table)).all()), key=repr)
            for name, table in sorted(metadata.tables.items())
        }


@pytest.fixture
def snapshot() -> Callable[[Store], Snapshot]:
    return table_snapshot


@pytest.fixture
def write_jsonl(tmp_path: Path) -> Callable[..., Path]:
    """Write records (dicts, or raw lines as str) to ``tmp_path/name`` as JSONL."""

    def write(records: Iterable[dict[str, Any] | str], name: str = "data.jsonl") -> Path:
        path = tmp_path / name
        lines = [r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records]
        path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
        return path

    return write


@pytest.fixture
def import_file() -> Callable[..., ImportReport]:
    def run(store: Store, path: Path, annotator: str = "imported", **kwargs: Any) -> ImportReport:
        return import_records(store, read_file(path), annotator, **kwargs)

    return run
