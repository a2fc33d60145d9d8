"""Import/export throughput and memory of Annotator against plain ``sqlite3`` + ``json``.

    python -m bench.corpus_io [--docs N] [--out DIR] [--repeat R] [--db URL] [--skip-memory]

Prints one JSON object on stdout; exits 0 even when a target is missed (it is a report).

- Corpus: ``--docs`` synthetic news documents (bench/synthetic_corpus.py, seeded), native JSONL.
- Annotator: ``annotator import CORPUS --db DB`` then ``annotator export --db DB -o FILE``, run
  in this process through :func:`annotator.cli.main`, i.e. exactly the user's commands
  (``formats.read_file`` + ``store.importer.import_records``; ``store.exporter.export_records``
  + ``formats.native``). The schema is created before the clock starts, as the baseline's is.
- Baseline: bench/plain_sqlite.py, the same rows and lines with ``sqlite3`` and ``json`` only.
- Both use WAL, ``synchronous=FULL`` and foreign keys, one transaction per import.
- Each timing is the best of ``--repeat`` runs, annotator and baseline alternating, each import
  into a fresh database. The export must equal the corpus line by line (parsed JSON), or the
  benchmark fails: it proves correctness as well as speed.
- Memory: peak RSS (``RUSAGE_CHILDREN`` of a small launcher) of a fresh process running
  ``annotator import`` then ``annotator export``, for 1,000 and for 10,000 documents.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import io
import json
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from functools import partial
from itertools import zip_longest
from pathlib import Path
from typing import Any

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from annotator.cli import main as annotator_main
from annotator.store.store import Store
from bench import plain_sqlite
from bench.synthetic_corpus import write_corpus

IMPORT_TARGET = 0.5
EXPORT_TARGET = 0.5
MEMORY_TARGET = 1.5
MEMORY_SIZES = (1_000, 10_000)
# The PostgreSQL schema the benchmark works in (and drops), so it never touches `public`.
PG_SCHEMA = "bench_corpus_io"

# The measured process: exactly `annotator import` then `annotator export -o`.
_CHILD = """
import sys
from annotator.cli import main
corpus, db, out = sys.argv[1:4]
sys.exit(main(["import", corpus, "--db", db]) or main(["export", "--db", db, "-o", out]))
"""
# Runs _CHILD (its first argument) and prints the child's peak RSS in KiB.
_LAUNCHER = """
import resource, subprocess, sys
done = subprocess.run([sys.executable, "-c", *sys.argv[1:]], stdout=subprocess.DEVNULL)
if done.returncode:
    sys.exit(done.returncode)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def same_records(expected: Path, actual: Path) -> None:
    """Raise unless both files hold the same JSON values, line by line."""
    with expected.open(encoding="utf-8") as left, actual.open(encoding="utf-8") as right:
        for number, (a, b) in enumerate(zip_longest(left, right), start=1):
            if a is None or b is None:
                raise AssertionError(f"{actual} and {expected} have different numbers of lines")
            if json.loads(a) != json.loads(b):
                raise AssertionError(f"{actual} line {number} differs from {expected}")


def run_cli(*argv: str) -> None:
    """``annotator ARGV`` in this process, its output swallowed; raise unless it succeeds."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stderr(err):
        code = annotator_main(list(argv), out)
    if code != 0:
        raise RuntimeError(f"annotator {' '.join(argv)} exited {code}: {err.getvalue()[-2000:]}")


def timed(action: Callable[[], object]) -> float:
    """Seconds ``action`` takes, starting with no garbage left over from the setup (or from the
    other side's run) for it to pay for; the garbage collector itself stays on."""
    gc.collect()
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


@contextlib.contextmanager
def postgres_schema(url: str) -> Iterator[str]:
    """``url`` confined to a private schema that is emptied now and dropped at the end."""
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    with engine.connect() as connection:
        connection.execute(text(f"DROP SCHEMA IF EXISTS {PG_SCHEMA} CASCADE"))
        connection.execute(text(f"CREATE SCHEMA {PG_SCHEMA}"))
    confined = make_url(url).update_query_dict({"options": f"-csearch_path={PG_SCHEMA}"})
    try:
        yield confined.render_as_string(hide_password=False)
    finally:
        with engine.connect() as connection:
            connection.execute(text(f"DROP SCHEMA IF EXISTS {PG_SCHEMA} CASCADE"))
        engine.dispose()


def fresh_annotator_db(work: Path, pg_url: str | None) -> str:
    """An empty Annotator database with its schema: a new SQLite file, or the emptied PG schema."""
    if pg_url is not None:
        engine = create_engine(pg_url, isolation_level="AUTOCOMMIT")
        with engine.connect() as connection:
            connection.execute(text(f"DROP SCHEMA IF EXISTS {PG_SCHEMA} CASCADE"))
            connection.execute(text(f"CREATE SCHEMA {PG_SCHEMA}"))
        engine.dispose()
        url = pg_url
    else:
        path = work / "annotator.sqlite"
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
        url = f"sqlite:///{path}"
    Store.open(url).close()
    return url


def fresh_plain_db(work: Path) -> Path:
    path = work / "plain.sqlite"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    plain_sqlite.create(path)
    return path


def throughput(corpus: Path, work: Path, docs: int, repeat: int, pg_url: str | None) -> Any:
    """Best-of-``repeat`` seconds for each side, alternating, with the exports checked."""
    best: dict[str, float] = {}

    def keep(key: str, action: Callable[[], object]) -> None:
        best[key] = min(best.get(key, float("inf")), timed(action))

    a_out, b_out = work / "annotator_export.jsonl", work / "plain_export.jsonl"
    for _ in range(repeat):
        url = fresh_annotator_db(work, pg_url)
        keep("a_import", partial(run_cli, "import", str(corpus), "--db", url))
        keep("a_export", partial(run_cli, "export", "--db", url, "-o", str(a_out)))
        same_records(corpus, a_out)
        plain = fresh_plain_db(work)
        keep("b_import", partial(plain_sqlite.import_jsonl, corpus, plain))
        keep("b_export", partial(plain_sqlite.export_jsonl, plain, b_out))
        same_records(corpus, b_out)
    result = {}
    for step, target in (("import", IMPORT_TARGET), ("export", EXPORT_TARGET)):
        annotator = docs / best[f"a_{step}"]
        baseline = docs / best[f"b_{step}"]
        ratio = annotator / baseline
        result[step] = {
            "annotator_docs_per_s": round(annotator, 1),
            "baseline_docs_per_s": round(baseline, 1),
            "annotator_best_s": round(best[f"a_{step}"], 3),
            "baseline_best_s": round(best[f"b_{step}"], 3),
            "ratio": round(ratio, 3),
            "target": target,
            "ok": ratio >= target,
        }
    return result


def peak_rss_mb(corpus: Path, work: Path) -> float:
    """Peak RSS (MiB) of a fresh process running ``annotator import`` then ``export``.

    A small launcher starts that process and reports ``RUSAGE_CHILDREN``: Linux counts the
    memory a process had before ``exec`` in its peak, so a child started straight from this
    (large) process would report this process's size when that is the larger.
    """
    database = work / f"rss_{corpus.stem}.sqlite"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)
    output = work / f"rss_{corpus.stem}_export.jsonl"
    launched = subprocess.run(
        [sys.executable, "-c", _LAUNCHER, _CHILD, str(corpus), str(database), str(output)],
        capture_output=True,
        text=True,
        check=False,
    )
    if launched.returncode != 0:
        raise RuntimeError(f"the import/export process failed: {launched.stderr[-2000:]}")
    same_records(corpus, output)
    return int(launched.stdout) / 1024  # Linux reports KiB


def memory(work: Path, corpora: dict[int, Path]) -> dict[str, Any]:
    """Peak RSS for each of ``MEMORY_SIZES``; ``corpora`` holds those written in this run."""
    sizes = {}
    for docs in MEMORY_SIZES:
        corpus = corpora.get(docs)
        if corpus is None:
            corpus = work / f"corpus_{docs}.jsonl"
            write_corpus(corpus, docs)
        sizes[docs] = peak_rss_mb(corpus, work)
    small, large = (sizes[n] for n in MEMORY_SIZES)
    ratio = large / small
    return {
        "rss_1k_mb": round(small, 1),
        "rss_10k_mb": round(large, 1),
        "ratio": round(ratio, 3),
        "target": MEMORY_TARGET,
        "ok": ratio <= MEMORY_TARGET,
    }


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.corpus_io", description=__doc__)
    parser.add_argument("--docs", type=int, default=10_000, help="documents (default 10000)")
    parser.add_argument("--out", type=Path, help="keep the corpus, databases and exports here")
    parser.add_argument("--repeat", type=int, default=3, help="runs per timing; the best counts")
    parser.add_argument(
        "--db",
        metavar="URL",
        help="time Annotator on this PostgreSQL database (in a private schema, dropped after) "
        "instead of a SQLite file; the baseline stays SQLite",
    )
    parser.add_argument("--skip-memory", action="store_true", help="no RSS measurement")
    return parser.parse_args(argv)


def run(args: argparse.Namespace, work: Path) -> dict[str, Any]:
    corpus = work / f"corpus_{args.docs}.jsonl"
    size = write_corpus(corpus, args.docs)
    report: dict[str, Any] = {
        "docs": args.docs,
        "corpus_mb": round(size / 2**20, 1),
        "repeat": args.repeat,
        "durability": "WAL, synchronous=FULL, foreign_keys=ON, one transaction per import",
        "annotator_db": "sqlite",
        "export_equals_input": True,  # same_records raised otherwise
    }
    if args.db:
        with postgres_schema(args.db) as pg_url:
            report["annotator_db"] = f"postgresql (schema {PG_SCHEMA})"
            report["durability"] = (
                "baseline: SQLite WAL, synchronous=FULL; annotator: the PostgreSQL server's "
                "settings; one transaction per import"
            )
            report |= throughput(corpus, work, args.docs, args.repeat, pg_url)
    else:
        report |= throughput(corpus, work, args.docs, args.repeat, None)
    if not args.skip_memory:
        report["memory"] = memory(work, {args.docs: corpus})
    return report


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.out is not None:
        args.out.mkdir(parents=True, exist_ok=True)
        report = run(args, args.out)
    else:
        work = Path(tempfile.mkdtemp(prefix="bench_corpus_io_"))
        try:
            report = run(args, work)
        finally:
            shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
