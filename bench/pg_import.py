"""Import into PostgreSQL, as whole processes: ``annotator import`` against a psycopg ``COPY`` load.

``python -m bench.pg_import --db URL [--docs 10000] [--repeat 3]`` writes the synthetic corpus,
then, ``--repeat`` times and interleaved, times each side as a fresh process loading the corpus
into a freshly created schema (Annotator's, created before the clock starts) on the server named
by URL:

- Annotator: ``annotator import CORPUS --db URL`` (the installed console script);
- baseline: ``python -m bench.pg_copy_baseline CORPUS CONNINFO``, the same rows with ``COPY``.

It prints one JSON object: the median seconds of each side, their ratio (baseline seconds over
Annotator's, so 1.0 is as fast as COPY; target >= 0.5), and the load average before and after.
Both sides must leave the same numbers of documents, annotation sets and spans.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from annotator.store.store import Store
from bench.processes import annotator_command, load_average, timed_process
from bench.synthetic_corpus import write_corpus

TARGET = 0.5
# A private schema, emptied before each run and dropped at the end: `public` is never touched.
PG_SCHEMA = "bench_pg_import"
COUNTED = ("documents", "annotation_sets", "spans")


def fresh_schema(url: str) -> tuple[str, str]:
    """Empty the private schema and create Annotator's tables in it; returns the SQLAlchemy URL
    and the libpq connection string, both confined to it."""
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text(f"DROP SCHEMA IF EXISTS {PG_SCHEMA} CASCADE"))
        connection.execute(text(f"CREATE SCHEMA {PG_SCHEMA}"))
    engine.dispose()
    confined = make_url(url).update_query_dict({"options": f"-csearch_path={PG_SCHEMA}"})
    sqlalchemy_url = confined.render_as_string(hide_password=False)
    Store.open(sqlalchemy_url).close()
    conninfo = confined.set(drivername="postgresql").render_as_string(hide_password=False)
    return sqlalchemy_url, conninfo


def row_counts(url: str) -> dict[str, int]:
    engine = create_engine(url)
    with engine.connect() as connection:
        counts = {
            t: int(connection.execute(text(f"SELECT count(*) FROM {t}")).scalar_one())
            for t in COUNTED
        }
    engine.dispose()
    return counts


def run(url: str, docs: int, repeat: int, work: Path) -> dict[str, Any]:
    corpus = work / f"corpus_{docs}.jsonl"
    write_corpus(corpus, docs, relations=0)  # the COPY baseline stores no relations
    annotator = annotator_command()
    load_before = load_average()
    times: dict[str, list[float]] = {"annotator": [], "copy": []}
    counts: dict[str, dict[str, int]] = {}
    try:
        for _ in range(repeat):
            sqlalchemy_url, _conninfo = fresh_schema(url)
            times["annotator"].append(
                timed_process([annotator, "import", str(corpus), "--db", sqlalchemy_url])
            )
            counts["annotator"] = row_counts(sqlalchemy_url)
            sqlalchemy_url, conninfo = fresh_schema(url)
            times["copy"].append(
                timed_process(
                    [sys.executable, "-m", "bench.pg_copy_baseline", str(corpus), conninfo]
                )
            )
            counts["copy"] = row_counts(sqlalchemy_url)
            if counts["annotator"] != counts["copy"]:
                raise AssertionError(f"different rows: {counts}")
    finally:
        engine = create_engine(url, isolation_level="AUTOCOMMIT")
        with engine.connect() as connection:
            connection.execute(text(f"DROP SCHEMA IF EXISTS {PG_SCHEMA} CASCADE"))
        engine.dispose()
    annotator_s = statistics.median(times["annotator"])
    copy_s = statistics.median(times["copy"])
    ratio = copy_s / annotator_s
    return {
        "docs": docs,
        "repeat": repeat,
        "rows": counts["copy"],
        "annotator_median_s": round(annotator_s, 3),
        "copy_median_s": round(copy_s, 3),
        "annotator_s": [round(t, 3) for t in times["annotator"]],
        "copy_s": [round(t, 3) for t in times["copy"]],
        "ratio": round(ratio, 3),
        "target": TARGET,
        "ok": ratio >= TARGET,
        "load_before": load_before,
        "load_after": load_average(),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.pg_import", description=__doc__)
    parser.add_argument("--db", required=True, metavar="URL", help="postgresql+psycopg://...")
    parser.add_argument("--docs", type=int, default=10_000, help="documents (default 10000)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per side; the median counts")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="bench_pg_import_"))
    try:
        report = run(args.db, args.docs, args.repeat, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
