"""``annotator adjudicate`` on a team-sized corpus, timed as whole processes against an export.

``python -m bench.team_scale [--docs 10000] [--annotators 3] [--repeat 3] [--out DIR]`` prints one
JSON object. The corpus is ``bench.agreement``'s (news-like texts of ~3,000 characters, ~20 spans
per document copied to each annotator with the differences people make), every annotation
finished, imported once with ``annotator import`` into ``DIR/team-N-K.sqlite`` and kept there for
the next run. Then, ``--repeat`` times and interleaved, each on a fresh copy of that database
(copied while no process has it open; the copy is not timed): ``annotator export --db COPY -o
FILE`` (the yardstick: reading every document and span once), ``annotator adjudicate
--strategy majority --db COPY``, ``annotator agreement --json --db COPY`` and ``annotator
progress --db COPY``, each in its own process as a user runs them. ``--relations`` adds event
arguments to a copy of the corpus first (kept as ``DIR/team-N-K-relations.sqlite``): in each
annotation set, every EVENT span gets a relation to the next span after it that is an ACTOR
(``agent``), a PLACE (``location``) or a FIGURE (``count``), so that the annotators' relations
differ where their spans do. Medians are reported;
targets: adjudicate and agreement each <= 2x export, progress <= 1x. The machine may be shared,
so the load average is recorded before and after.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, cast

from annotator.core.spans import Span
from bench.agreement import make_documents

TARGET_RATIO = 2.0
PROGRESS_TARGET_RATIO = 1.0  # annotator progress counts in SQL: no slower than one export
_NAMES = ("alice", "bob", "chloé", "dmitri", "eun-ji", "farid")


def _annotate(*arguments: str) -> float:
    """Seconds one ``annotator`` process takes, start to exit; fails loudly if it fails."""
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "annotator", *arguments],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    return time.perf_counter() - started


def _write_jsonl(path: Path, docs: int, annotators: int) -> int:
    """The corpus as native JSONL, one finished record per document and annotator; spans."""
    names = _NAMES[:annotators]
    spans = 0
    with path.open("w", encoding="utf-8", newline="\n") as out:
        for document in make_documents(docs):
            # bench.agreement makes three versions; more annotators reuse them in turn.
            versions = list(document.spans.values())
            for index, name in enumerate(names):
                version = versions[index % len(versions)]
                records = sorted({(s.start, s.end, s.label) for s in cast(list[Span], version)})
                spans += len(records)
                line = {
                    "id": document.id,
                    "text": document.text,
                    "annotator": name,
                    "status": "done",
                    "spans": [{"start": s, "end": e, "label": lab} for s, e, lab in records],
                }
                out.write(json.dumps(line, ensure_ascii=False) + "\n")
    return spans


def build_corpus(out: Path, docs: int, annotators: int) -> tuple[Path, dict[str, Any]]:
    """The corpus database, built once and cached in ``out``."""
    database = out / f"team-{docs}-{annotators}.sqlite"
    facts = out / f"team-{docs}-{annotators}.json"
    if database.exists() and facts.exists():
        return database, json.loads(facts.read_text(encoding="utf-8"))
    jsonl = out / f"team-{docs}-{annotators}.jsonl"
    spans = _write_jsonl(jsonl, docs, annotators)
    partial = database.with_suffix(".partial")
    partial.unlink(missing_ok=True)
    import_seconds = _annotate("import", str(jsonl), "--db", str(partial))
    partial.rename(database)
    jsonl.unlink()
    built = {"spans": spans, "import_seconds": round(import_seconds, 1)}
    facts.write_text(json.dumps(built), encoding="utf-8")
    return database, built


_ARGUMENTS = {"ACTOR": "agent", "PLACE": "location", "FIGURE": "count"}


def with_relations(database: Path) -> tuple[Path, int]:
    """A copy of ``database`` with relations between each set's spans (see the module's
    docstring), built once and cached beside it; and how many relations it holds."""
    related = database.with_name(database.stem + "-relations.sqlite")
    if not related.exists():
        partial = related.with_suffix(".partial")
        shutil.copyfile(database, partial)
        with sqlite3.connect(partial) as connection:
            labels = dict(connection.execute("SELECT id, name FROM labels"))
            relation_ids = dict(connection.execute("SELECT name, id FROM relation_labels"))
            rows = []
            pending: dict[int, int] = {}  # set id -> its EVENT span waiting for an argument
            spans = connection.execute(
                "SELECT set_id, id, label_id FROM spans ORDER BY set_id, start_offset, id"
            )
            for set_id, span_id, label_id in spans:
                name = labels[label_id]
                if name == "EVENT":
                    pending[set_id] = span_id
                elif name in _ARGUMENTS and set_id in pending:
                    relation = relation_ids[_ARGUMENTS[name]]
                    rows.append((set_id, pending.pop(set_id), span_id, relation))
            connection.executemany(
                "INSERT INTO relations (set_id, source_id, target_id, label_id) "
                "VALUES (?, ?, ?, ?)",
                rows,
            )
        connection.close()
        partial.rename(related)
    with sqlite3.connect(related) as connection:
        count = connection.execute("SELECT count(*) FROM relations").fetchone()[0]
    connection.close()
    return related, int(count)


def fresh_copy(database: Path, work: Path) -> Path:
    """A copy of ``database`` in ``work`` (made while no process has it open), the previous
    copy and its -wal/-shm files removed first."""
    copy = work / "copy.sqlite"
    for stale in work.glob("copy.sqlite*"):  # the copy and its -wal/-shm files
        stale.unlink()
    shutil.copyfile(database, copy)
    return copy


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--annotators", type=int, default=3, choices=range(1, len(_NAMES) + 1))
    parser.add_argument("--repeat", type=int, default=3, help="runs of each; medians reported")
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "annotator-bench")
    parser.add_argument("--strategy", default="majority", choices=("majority", "unanimous"))
    parser.add_argument(
        "--relations", action="store_true", help="add event arguments between the spans first"
    )
    arguments = parser.parse_args()
    arguments.out.mkdir(parents=True, exist_ok=True)

    database, built = build_corpus(arguments.out, arguments.docs, arguments.annotators)
    relations = 0
    if arguments.relations:
        database, relations = with_relations(database)
    load_before = os.getloadavg()
    export_runs: list[float] = []
    adjudicate_runs: list[float] = []
    agreement_runs: list[float] = []
    progress_runs: list[float] = []
    with tempfile.TemporaryDirectory(dir=arguments.out) as scratch:
        work = Path(scratch)
        for _ in range(arguments.repeat):
            copy = fresh_copy(database, work)
            export_runs.append(_annotate("export", "--db", str(copy), "-o", str(work / "e.jsonl")))
            copy = fresh_copy(database, work)
            adjudicate_runs.append(
                _annotate("adjudicate", "--strategy", arguments.strategy, "--db", str(copy))
            )
            copy = fresh_copy(database, work)
            agreement_runs.append(_annotate("agreement", "--json", "--db", str(copy)))
            copy = fresh_copy(database, work)
            progress_runs.append(_annotate("progress", "--db", str(copy)))
    export = statistics.median(export_runs)
    adjudicate = statistics.median(adjudicate_runs)
    agreement = statistics.median(agreement_runs)
    ratio = adjudicate / export
    agreement_ratio = agreement / export
    progress = statistics.median(progress_runs)
    print(
        json.dumps(
            {
                "benchmark": "team_scale",
                "documents": arguments.docs,
                "annotators": arguments.annotators,
                "spans": built["spans"],
                "relations": relations,
                "import_seconds": built["import_seconds"],
                "strategy": arguments.strategy,
                "export_seconds": round(export, 2),
                "adjudicate_seconds": round(adjudicate, 2),
                "export_runs": [round(run, 2) for run in export_runs],
                "adjudicate_runs": [round(run, 2) for run in adjudicate_runs],
                "ratio": round(ratio, 2),
                "target": TARGET_RATIO,
                "met": ratio <= TARGET_RATIO,
                "agreement_seconds": round(agreement, 2),
                "agreement_runs": [round(run, 2) for run in agreement_runs],
                "agreement_ratio": round(agreement_ratio, 2),
                "agreement_met": agreement_ratio <= TARGET_RATIO,
                "progress_seconds": round(progress, 2),
                "progress_runs": [round(run, 2) for run in progress_runs],
                "progress_ratio": round(progress / export, 2),
                "progress_met": progress <= export * PROGRESS_TARGET_RATIO,
                "load_before": [round(x, 2) for x in load_before],
                "load_after": [round(x, 2) for x in os.getloadavg()],
            },
            ensure_ascii=False,
        )
    )


if __name__ == "__main__":
    main()
