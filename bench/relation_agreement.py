"""Relation agreement at team scale: reading every finished relation and scoring every pair.

``python -m bench.relation_agreement [--docs 10000] [--annotators 3] [--per-set 5] [--repeat 5]
[--out DIR]`` prints one JSON object. The corpus is ``bench.team_scale``'s (built once in
``DIR``), copied once to ``DIR/relations-N-K-R.sqlite`` where each annotation set gets up to
``--per-set`` relations drawn from its own spans, the way an annotator links an event to its
arguments: each EVENT span in text order, then ``agent`` to the nearest ACTOR, ``location`` to
the nearest PLACE, ``count`` to the nearest FIGURE, ``target`` to the second nearest ACTOR.
Because the annotators' spans differ (a boundary one word off, another label, a span missed),
so do their relations. The relations go in with ``sqlite3`` (a benchmark's setup, not a user's
way in).

Timed in one process, ``--repeat`` times: ``finished_relations`` (the one query) and
``compute_relation_agreement`` (every pair, exact and overlapping, per label). Also timed, on
the corpus without relations, what the same two steps cost there (the price every
``annotator agreement`` now pays).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import statistics
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from annotator.core.agreement.relations_f1 import compute_relation_agreement
from annotator.store.relation_agreement_input import finished_relations
from annotator.store.store import Store
from bench.team_scale import build_corpus, fresh_copy

# (relation label, target span label, which nearest: 0 the nearest, 1 the second)
_ARGUMENTS = (
    ("agent", "ACTOR", 0),
    ("location", "PLACE", 0),
    ("count", "FIGURE", 0),
    ("target", "ACTOR", 1),
)


def _relations_of(spans: list[tuple[int, int, str]], per_set: int) -> list[tuple[int, int, str]]:
    """(source span id, target span id, relation label) for one set's spans (id, start,
    label), at most ``per_set``."""
    by_label: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    for span in spans:
        by_label[span[2]].append(span)
    made: list[tuple[int, int, str]] = []
    for event_id, event_start, _ in sorted(by_label["EVENT"], key=lambda s: s[1]):
        for relation, target_label, rank in _ARGUMENTS:
            nearest = sorted(by_label[target_label], key=lambda s: abs(s[1] - event_start))
            if len(nearest) > rank:
                made.append((event_id, nearest[rank][0], relation))
            if len(made) == per_set:
                return made
    return made


def link_events(database: Path, per_set: int) -> int:
    """Give every annotation set in ``database`` its relations; how many were added."""
    connection = sqlite3.connect(database)
    try:
        label_ids = dict(connection.execute("SELECT name, id FROM relation_labels"))
        by_set: dict[int, list[tuple[int, int, str]]] = defaultdict(list)
        rows = connection.execute(
            "SELECT s.set_id, s.id, s.start_offset, l.name FROM spans s "
            "JOIN labels l ON l.id = s.label_id"
        )
        for set_id, span_id, start, label in rows:
            by_set[set_id].append((span_id, start, label))
        relations = [
            (set_id, source, target, label_ids[label])
            for set_id, spans in by_set.items()
            for source, target, label in _relations_of(spans, per_set)
        ]
        with connection:
            connection.executemany(
                "INSERT INTO relations (set_id, source_id, target_id, label_id) "
                "VALUES (?, ?, ?, ?)",
                relations,
            )
        return len(relations)
    finally:
        connection.close()


def _timed(database: Path, repeat: int) -> dict[str, Any]:
    """Medians of wall-clock seconds and of this process's CPU seconds (which a busy, shared
    machine inflates less)."""
    runs: dict[str, list[float]] = defaultdict(list)
    with Store.open(f"sqlite:///{database}") as store:
        for _ in range(repeat):
            started, cpu = time.perf_counter(), time.process_time()
            finished = finished_relations(store)
            read, read_cpu = time.perf_counter(), time.process_time()
            report = compute_relation_agreement(finished)
            runs["read_seconds"].append(read - started)
            runs["read_cpu_seconds"].append(read_cpu - cpu)
            runs["compute_seconds"].append(time.perf_counter() - read)
            runs["compute_cpu_seconds"].append(time.process_time() - read_cpu)
    medians = {name: round(statistics.median(values), 3) for name, values in runs.items()}
    return {
        "relations": len(finished.relations),
        **medians,
        "read_runs": [round(run, 3) for run in runs["read_seconds"]],
        "compute_runs": [round(run, 3) for run in runs["compute_seconds"]],
        "f1_exact": report.f1_exact,
        "f1_overlap": report.f1_overlap,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--annotators", type=int, default=3)
    parser.add_argument("--per-set", type=int, default=5, help="relations per annotation set")
    parser.add_argument("--repeat", type=int, default=5, help="runs; medians reported")
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "annotator-bench")
    arguments = parser.parse_args()
    arguments.out.mkdir(parents=True, exist_ok=True)

    plain, _ = build_corpus(arguments.out, arguments.docs, arguments.annotators)
    name = f"relations-{arguments.docs}-{arguments.annotators}-{arguments.per_set}.sqlite"
    with_relations = arguments.out / name
    if not with_relations.exists():
        partial = with_relations.with_suffix(".partial")
        shutil.copyfile(plain, partial)
        link_events(partial, arguments.per_set)
        partial.rename(with_relations)
    load_before = os.getloadavg()
    timed = _timed(with_relations, arguments.repeat)
    with tempfile.TemporaryDirectory(dir=arguments.out) as scratch:
        # The cached corpus is only ever copied (opening a database may write to it).
        without = _timed(fresh_copy(plain, Path(scratch)), arguments.repeat)
    print(
        json.dumps(
            {
                "benchmark": "relation_agreement",
                "documents": arguments.docs,
                "annotators": arguments.annotators,
                "with_relations": timed,
                "without_relations": without,
                "load_before": [round(x, 2) for x in load_before],
                "load_after": [round(x, 2) for x in os.getloadavg()],
            }
        )
    )


if __name__ == "__main__":
    main()
