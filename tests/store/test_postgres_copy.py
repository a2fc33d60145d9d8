"""Spans written with ``COPY`` on PostgreSQL: still one all-or-nothing transaction, and exactly
the rows an import into SQLite stores."""

from __future__ import annotations

import io
import json
import random
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text

from annotator.formats.native import write_records
from annotator.formats.readers import read_file
from annotator.store.exporter import export_records
from annotator.store.importer import ImportRefused, import_records
from annotator.store.store import Store

pytestmark = pytest.mark.postgres

Snapshot = dict[str, list[tuple[Any, ...]]]
LABELS = ("ACTOR", "PLACE", "EVENT", "FIGURE")


def corpus(documents: int, seed: int, prefix: str = "doc") -> list[dict[str, Any]]:
    """Documents of 200 characters, each with 20 distinct spans (some overlapping)."""
    chance = random.Random(seed)
    records = []
    for number in range(documents):
        text_ = "".join(chance.choice("abcdé fghij ") for _ in range(200))
        spans: set[tuple[int, int, str]] = set()
        while len(spans) < 20:
            start = chance.randrange(0, 190)
            spans.add((start, start + chance.randrange(1, 10), chance.choice(LABELS)))
        records.append(
            {
                "id": f"{prefix}-{number}",
                "text": text_,
                "annotator": "ann" if number % 3 else "bob",
                "spans": [{"start": s, "end": e, "label": label} for s, e, label in sorted(spans)],
            }
        )
    return records


def write(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
    return path


def export_lines(store: Store) -> list[dict[str, Any]]:
    buffer = io.StringIO()
    write_records(export_records(store), buffer)
    return [json.loads(line) for line in buffer.getvalue().split("\n") if line]


def spans_inserted_ever(url: str) -> int:
    """Rows ever inserted into spans, committed or not, as the statistics count them.

    The statistics reach the shared view shortly after a transaction ends, so this waits a
    little for a change.
    """
    engine = create_engine(url)
    try:
        with engine.connect() as connection:
            return int(
                connection.execute(
                    text("SELECT n_tup_ins FROM pg_stat_user_tables WHERE relname = 'spans'")
                ).scalar_one()
            )
    finally:
        engine.dispose()


def test_a_refused_import_after_copy_ran_leaves_postgres_unchanged(
    postgres_url: str,
    tmp_path: Path,
    snapshot: Callable[[Store], Snapshot],
) -> None:
    with Store.open(postgres_url) as store:
        import_records(store, read_file(write(tmp_path / "first.jsonl", corpus(20, seed=1))))
        before = snapshot(store)
        inserted_before = spans_inserted_ever(postgres_url)
        # 60 good documents in batches of 10 (six COPYs of 200 spans), then one bad span on
        # the last line.
        good = corpus(60, seed=2, prefix="new")
        bad = {"id": "bad", "text": "abc", "spans": [{"start": 1, "end": 9, "label": "ACTOR"}]}
        path = write(tmp_path / "second.jsonl", [*good, bad])
        with pytest.raises(ImportRefused) as refused:
            import_records(store, read_file(path), batch_size=10)
        assert [str(p) for p in refused.value.problems] == [
            f"{path}:61: span 1..9 is outside the text (3 characters)"
        ]
        assert snapshot(store) == before
    # The COPYs did run and were rolled back: the statistics count their rows as inserted.
    deadline = time.monotonic() + 5
    while spans_inserted_ever(postgres_url) == inserted_before and time.monotonic() < deadline:
        time.sleep(0.2)
    assert spans_inserted_ever(postgres_url) - inserted_before >= 1000


def test_a_large_import_stores_on_postgres_exactly_what_it_stores_on_sqlite(
    postgres_url: str, sqlite_url: str, tmp_path: Path
) -> None:
    first = write(tmp_path / "first.jsonl", corpus(200, seed=3))  # 4,000 spans
    # The second file repeats half of the first's documents with some new spans, so the spans
    # already stored in a set are skipped, and the rest are new.
    again = corpus(200, seed=3)[::2]
    for record in again:
        record["spans"].append({"start": 190, "end": 200, "label": "EVENT"})
    second = write(tmp_path / "second.jsonl", [*again, *corpus(150, seed=4, prefix="more")[100:]])
    results = {}
    for url in (postgres_url, sqlite_url):
        with Store.open(url) as store:
            reports = [import_records(store, read_file(path)) for path in (first, second)]
            results[url] = (reports, export_lines(store))
    postgres, sqlite = results[postgres_url], results[sqlite_url]
    assert postgres == sqlite
    reports, lines = postgres
    assert (reports[1].spans_added, reports[1].spans_known) == (100 + 50 * 20, 100 * 20)
    assert sum(len(line["spans"]) for line in lines) == 4000 + 100 + 1000
