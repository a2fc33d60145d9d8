"""Import and export as whole processes: ``annotator`` against plain ``sqlite3`` + ``json``.

    python -m bench.corpus_io [--docs 10000] [--relations 5] [--repeat 5] [--out DIR]
        [--memory-docs 10000,100000]

Prints one JSON object on stdout; exits 0 even when a target is missed (it is a report).

- Corpus: ``--docs`` synthetic news documents (bench/synthetic_corpus.py, seeded), native JSONL,
  each with up to ``--relations`` relations between its spans, kept in ``--out`` for the next
  run.
- Annotator: the installed console script, ``annotator import CORPUS --db NEW.sqlite`` (a new
  database, created by the command, as a user's first import is) and ``annotator export --db
  DB -o FILE``.
- Two-table baseline (bench/two_table_baseline.py, the targets' yardstick): what a quick
  script does with ``sqlite3`` and ``json``: documents and spans in two plain tables, no checks;
  it keeps no relations (its export is compared with the corpus without them).
- Schema-equivalent baseline (bench/plain_sqlite.py): ``sqlite3`` and ``json`` writing the same
  rows (relations too) into the same tables, constraints and indexes as Annotator's schema,
  checking nothing.
- Every side is its own process, started from here, creating its database itself; same
  durability (WAL, ``synchronous=FULL``, one transaction per import). ``--repeat`` rounds, the
  sides interleaved (their order turns each round), medians reported with every run. Each
  export must equal the corpus line by line (parsed JSON), or the benchmark fails.
- Fixed cost: the same four commands on a one-document corpus (``fixed_cost``), the same
  rounds: what every command pays before its work (interpreter, imports, opening or creating
  the database), against the baselines' own start-up.
- Memory: the peak RSS of ``annotator import`` into a new database, for each ``--memory-docs``
  size; flat means the largest stays within 1.2x the smallest.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
from collections.abc import Callable
from itertools import zip_longest
from pathlib import Path
from typing import Any

from bench.processes import annotator_command, load_average, peak_rss_mib, timed_process
from bench.synthetic_corpus import RELATIONS_PER_DOCUMENT, write_corpus

IMPORT_TARGET = 0.5
EXPORT_TARGET = 0.6
MEMORY_TARGET = 1.2
SIDES = ("annotator", "two_table", "schema_equivalent")


def same_records(expected: Path, actual: Path, relations: bool = True) -> None:
    """Raise unless both files hold the same JSON values, line by line (without the expected
    records' relations, when ``relations`` is false)."""
    with expected.open(encoding="utf-8") as left, actual.open(encoding="utf-8") as right:
        for number, (a, b) in enumerate(zip_longest(left, right), start=1):
            if a is None or b is None:
                raise AssertionError(f"{actual} and {expected} have different numbers of lines")
            record = json.loads(a)
            if not relations:
                record.pop("relations", None)
            if record != json.loads(b):
                raise AssertionError(f"{actual} line {number} differs from {expected}")


def remove_database(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def commands(side: str, corpus: Path, database: Path, output: Path) -> tuple[list[str], list[str]]:
    """The import and the export command lines of one side."""
    if side == "annotator":
        script = annotator_command()
        return (
            [script, "import", str(corpus), "--db", str(database)],
            [script, "export", "--db", str(database), "-o", str(output)],
        )
    module = {"two_table": "bench.two_table_baseline", "schema_equivalent": "bench.plain_sqlite"}
    python = [sys.executable, "-m", module[side]]
    return (
        [*python, "import", str(corpus), str(database)],
        [*python, "export", str(database), str(output)],
    )


def throughput(corpus: Path, work: Path, repeat: int) -> dict[str, Any]:
    runs: dict[str, list[float]] = {
        f"{side}_{step}": [] for side in SIDES for step in ("import", "export")
    }
    for round_number in range(repeat):
        turn = round_number % len(SIDES)
        for side in SIDES[turn:] + SIDES[:turn]:
            database, output = work / f"{side}.sqlite", work / f"{side}_export.jsonl"
            remove_database(database)
            import_argv, export_argv = commands(side, corpus, database, output)
            runs[f"{side}_import"].append(timed_process(import_argv))
            runs[f"{side}_export"].append(timed_process(export_argv))
            same_records(corpus, output, relations=side != "two_table")
    medians = {key: statistics.median(values) for key, values in runs.items()}
    result: dict[str, Any] = {
        "median_s": {key: round(value, 3) for key, value in medians.items()},
        "runs_s": {key: [round(v, 3) for v in values] for key, values in runs.items()},
    }
    for step, target in (("import", IMPORT_TARGET), ("export", EXPORT_TARGET)):
        ratio = medians[f"two_table_{step}"] / medians[f"annotator_{step}"]
        result[step] = {
            "ratio_to_two_table": round(ratio, 3),
            "ratio_to_schema_equivalent": round(
                medians[f"schema_equivalent_{step}"] / medians[f"annotator_{step}"], 3
            ),
            "target": target,
            "ok": ratio >= target,
        }
    return result


def memory(work: Path, sizes: list[int], corpus_for: Callable[[int], Path]) -> dict[str, Any]:
    """Peak RSS of ``annotator import`` into a new database, for each size."""
    peaks = {}
    for docs in sizes:
        database = work / f"rss_{docs}.sqlite"
        remove_database(database)
        argv = [annotator_command(), "import", str(corpus_for(docs)), "--db", str(database)]
        peaks[docs] = round(peak_rss_mib(argv), 1)
        remove_database(database)
    ratio = peaks[max(sizes)] / peaks[min(sizes)]
    return {
        "peak_rss_mib": peaks,
        "ratio_largest_to_smallest": round(ratio, 3),
        "target": MEMORY_TARGET,
        "ok": ratio <= MEMORY_TARGET,
    }


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.corpus_io", description=__doc__)
    parser.add_argument("--docs", type=int, default=10_000, help="documents (default 10000)")
    parser.add_argument(
        "--relations",
        type=int,
        default=RELATIONS_PER_DOCUMENT,
        help=f"relations a document (default {RELATIONS_PER_DOCUMENT})",
    )
    parser.add_argument("--out", type=Path, help="keep the corpora, databases and exports here")
    parser.add_argument("--repeat", type=int, default=5, help="rounds; medians reported")
    parser.add_argument(
        "--memory-docs",
        default="10000,100000",
        help="corpus sizes whose import peak RSS is compared (comma-separated; '' for none)",
    )
    return parser.parse_args(argv)


def run(args: argparse.Namespace, work: Path) -> dict[str, Any]:
    def corpus_for(docs: int) -> Path:
        path = work / f"corpus_{docs}_r{args.relations}.jsonl"
        if not path.exists():
            write_corpus(path, docs, relations=args.relations)
        return path

    corpus = corpus_for(args.docs)
    report: dict[str, Any] = {
        "docs": args.docs,
        "relations_per_document": args.relations,
        "corpus_mb": round(corpus.stat().st_size / 2**20, 1),
        "repeat": args.repeat,
        "load_before": load_average(),
        "export_equals_input": True,  # same_records raised otherwise
    }
    report |= throughput(corpus, work, args.repeat)
    one = corpus_for(1)
    small = throughput(one, work, args.repeat)
    report["fixed_cost"] = {"docs": 1, "median_s": small["median_s"]}
    report["load_after_timing"] = load_average()
    sizes = [int(size) for size in args.memory_docs.split(",") if size.strip()]
    if sizes:
        report["memory"] = memory(work, sizes, corpus_for)
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
