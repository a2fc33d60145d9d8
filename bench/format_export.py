"""Export in every format as a whole process: ``annotator export --format F`` against the
library itself building the same objects from the same rows (bench/format_baseline.py).

    python -m bench.format_export [--docs 10000] [--repeat 3] [--formats spacy,hf,...] [--out DIR]

Prints one JSON object on stdout; exits 0 even when a target is missed (it is a report).

- Corpus: ``--docs`` synthetic news documents (bench/synthetic_corpus.py, seeded, ~3,000
  characters and 20 spans each, one annotation set per document), imported once with
  ``annotator import`` into a SQLite database both sides read.
- Annotator: ``annotator export --db DB --format F -o PATH`` (every set; a file or a folder,
  written beside and renamed, what the format leaves out counted).
- Baseline: ``python -m bench.format_baseline F DB PATH``: plain ``sqlite3`` rows, then the
  library's own objects built from plain lists (spaCy ``Doc``/``DocBin``, ``datasets``
  ``from_dict``/``save_to_disk``, cassis CAS ``to_xmi``, ``json.dumps``).
- ``--repeat`` rounds, the two sides interleaved (their order turns each round), medians
  reported with every run; ratio = baseline / annotator, target >= 0.7.
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

from bench.processes import annotator_command, load_average, timed_process
from bench.synthetic_corpus import write_corpus

TARGET = 0.7
FORMATS = (
    "jsonl",
    "doccano",
    "prodigy",
    "label-studio",
    "brat",
    "conll",
    "spacy",
    "hf",
    "inception",
)
SUFFIXES = {
    "jsonl": ".jsonl",
    "doccano": ".jsonl",
    "prodigy": ".jsonl",
    "conll": ".conll",
    "spacy": ".spacy",
}


def remove(path: Path) -> None:
    if path.is_dir():
        shutil.rmtree(path)
    else:
        path.unlink(missing_ok=True)


def command(side: str, fmt: str, database: Path, output: Path) -> list[str]:
    if side == "annotator":
        return [
            annotator_command(),
            "export",
            "--db",
            str(database),
            "--format",
            fmt,
            "-o",
            str(output),
        ]
    return [sys.executable, "-m", "bench.format_baseline", fmt, str(database), str(output)]


def measure(fmt: str, database: Path, work: Path, repeat: int) -> dict[str, Any]:
    runs: dict[str, list[float]] = {"annotator": [], "library": []}
    sides = ("annotator", "library")
    for round_number in range(repeat):
        turn = round_number % 2
        for side in sides[turn:] + sides[:turn]:
            output = work / f"{side}-{fmt}{SUFFIXES.get(fmt, '')}"
            remove(output)
            runs[side].append(timed_process(command(side, fmt, database, output)))
            remove(output)
    medians = {side: statistics.median(values) for side, values in runs.items()}
    ratio = medians["library"] / medians["annotator"]
    return {
        "median_s": {side: round(value, 3) for side, value in medians.items()},
        "runs_s": {side: [round(v, 3) for v in values] for side, values in runs.items()},
        "ratio": round(ratio, 3),
        "target": TARGET,
        "ok": ratio >= TARGET,
    }


def run(args: argparse.Namespace, work: Path) -> dict[str, Any]:
    corpus, database = work / f"corpus_{args.docs}.jsonl", work / f"corpus_{args.docs}.sqlite"
    if not corpus.exists():
        write_corpus(corpus, args.docs)
    if not database.exists():
        timed_process([annotator_command(), "import", str(corpus), "--db", str(database)])
    report: dict[str, Any] = {
        "docs": args.docs,
        "repeat": args.repeat,
        "load_before": load_average(),
    }
    for fmt in args.formats.split(","):
        report[fmt] = measure(fmt, database, work, args.repeat)
    report["load_after"] = load_average()
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.format_export", description=__doc__)
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--formats", default=",".join(FORMATS))
    parser.add_argument("--out", type=Path, help="keep the corpus and database here")
    args = parser.parse_args(argv)
    if args.out is not None:
        args.out.mkdir(parents=True, exist_ok=True)
        report = run(args, args.out)
    else:
        work = Path(tempfile.mkdtemp(prefix="bench_format_export_"))
        try:
            report = run(args, work)
        finally:
            shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
