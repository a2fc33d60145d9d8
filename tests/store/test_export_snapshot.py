"""An export is one snapshot: another process that commits while it runs is in it entirely or
not at all (PostgreSQL's READ COMMITTED once let an export take half of such a commit)."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from annotator.store.exporter import PAGE, export_records
from annotator.store.importer import ImportReport
from annotator.store.store import Store

DOCUMENTS = 2 * PAGE + 1  # three pages: the writer commits after the first has been read


def test_an_export_holds_none_of_a_commit_made_while_it_runs(
    store: Store,
    db_url: str,
    write_jsonl: Callable[..., Path],
    import_file: Callable[..., ImportReport],
) -> None:
    documents: list[dict[str, Any]] = [
        {"id": f"d{number}", "text": f"article {number}"} for number in range(DOCUMENTS)
    ]
    import_file(store, write_jsonl(documents, "documents.jsonl"))
    late = write_jsonl(
        [{**document, "annotator": "late", "spans": []} for document in documents], "late.jsonl"
    )

    records = export_records(store)
    first = next(records)  # the export's transaction has begun and read its first page
    writer = subprocess.run(
        [sys.executable, "-m", "annotator", "import", str(late), "--db", db_url],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert writer.returncode == 0, writer.stderr
    exported = [first, *records]

    assert [record.annotator for record in exported] == [None] * DOCUMENTS
    # The writer did commit: a new export has every one of its sets.
    after = list(export_records(store))
    assert sum(record.annotator == "late" for record in after) == DOCUMENTS


@pytest.mark.postgres
def test_a_postgres_snapshot_is_repeatable_read_and_read_only(postgres_url: str) -> None:
    with Store.open(postgres_url) as store:
        with store.snapshot() as session:
            assert session.execute(text("SHOW transaction_isolation")).scalar() == "repeatable read"
            assert session.execute(text("SHOW transaction_read_only")).scalar() == "on"
        # The store's other transactions are as they were.
        with store.reading() as session:
            assert session.execute(text("SHOW transaction_isolation")).scalar() == "read committed"
