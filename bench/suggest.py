"""``annotator suggest --model`` over 10,000 documents against spaCy's own ``nlp.pipe``.

``python -m bench.suggest [--docs 10000] [--repeat 3] [--out DIR]`` prints one JSON object.
Built once and kept in ``DIR``: a pipeline trained with ``annotator train`` on 300 templated
news items (``bench.templated_news``, gold), and ``--docs`` other templated items (~250
characters, no spans) imported with ``annotator import`` into a SQLite file, their texts also
in a JSONL file. Then, ``--repeat`` times and interleaved, each a whole process as a user runs
it: ``annotator suggest --model DIR/model --db COPY`` (on a fresh copy of the database, not
timed: reading the texts, running the pipeline, writing every suggestion with its score in one
transaction) and a plain script that reads the same texts from the JSONL file, ``spacy.load``s
the same pipeline and runs ``nlp.pipe`` with the same batch size, collecting every span and its
score. Medians reported; target: spaCy's time / Annotator's >= 0.8. The machine may be shared,
so the load average is recorded before and after.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
from pathlib import Path

from bench.processes import annotator_command, load_average, timed_process
from bench.team_scale import fresh_copy
from bench.templated_news import write_records

TARGET_RATIO = 0.8
TRAIN_DOCS = 300
BATCH = 64  # annotator.app.suggesting.BATCH

# The yardstick: what a person with spaCy alone writes to run the pipeline over the texts.
_SPACY_ALONE = """
import json, sys
import spacy
nlp = spacy.load(sys.argv[1])
with open(sys.argv[2], encoding="utf-8") as lines:
    texts = [json.loads(line)["text"] for line in lines]
found = 0
for doc in nlp.pipe(texts, batch_size=int(sys.argv[3])):
    group = doc.spans["sc"]
    spans = [(s.start_char, s.end_char, s.label_, float(score))
             for s, score in zip(group, group.attrs["scores"])]
    found += len(spans)
print(found)
"""


def _annotate(*arguments: str) -> float:
    return timed_process([annotator_command(), *arguments])


def build(out: Path, docs: int) -> tuple[Path, Path, Path]:
    """The trained pipeline, the database of ``docs`` documents and their JSONL, made once."""
    model = out / "suggest-model"
    database, texts = out / f"suggest-{docs}.sqlite", out / f"suggest-{docs}.jsonl"
    if not (model / "metrics.json").exists():
        gold = write_records(out / "suggest-train.jsonl", TRAIN_DOCS, seed=1)
        trained = out / "suggest-train.sqlite"
        trained.unlink(missing_ok=True)
        _annotate("import", str(gold), "--db", str(trained))
        _annotate("train", "--set", "gold", "-o", str(model), "--db", str(trained))
    if not database.exists():
        write_records(texts, docs, seed=2, spans=[], annotator="imported", status="in_progress")
        _annotate("import", str(texts), "--db", str(database))
    return model, database, texts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each; medians reported")
    parser.add_argument("--out", type=Path, default=Path(tempfile.gettempdir()) / "annotator-bench")
    arguments = parser.parse_args()
    arguments.out.mkdir(parents=True, exist_ok=True)
    model, database, texts = build(arguments.out, arguments.docs)
    metrics = json.loads((model / "metrics.json").read_text(encoding="utf-8"))

    load_before = load_average()
    annotator_runs: list[float] = []
    spacy_runs: list[float] = []
    with tempfile.TemporaryDirectory(dir=arguments.out) as scratch:
        work = Path(scratch)
        for round_ in range(arguments.repeat):
            # The sides take turns going first.
            sides = ["annotator", "spacy"] if round_ % 2 == 0 else ["spacy", "annotator"]
            for side in sides:
                if side == "annotator":
                    copy = fresh_copy(database, work)
                    annotator_runs.append(
                        _annotate("suggest", "--model", str(model), "--db", str(copy))
                    )
                else:
                    spacy_runs.append(
                        timed_process(
                            [sys.executable, "-c", _SPACY_ALONE, str(model), str(texts), str(BATCH)]
                        )
                    )
    annotator = statistics.median(annotator_runs)
    spacy = statistics.median(spacy_runs)
    ratio = spacy / annotator
    print(
        json.dumps(
            {
                "benchmark": "suggest",
                "documents": arguments.docs,
                "model_f1": metrics["f1"],
                "model_train_seconds": metrics["seconds"],
                "batch_size": BATCH,
                "annotator_seconds": round(annotator, 2),
                "spacy_seconds": round(spacy, 2),
                "annotator_runs": [round(run, 2) for run in annotator_runs],
                "spacy_runs": [round(run, 2) for run in spacy_runs],
                "ratio": round(ratio, 2),
                "target": TARGET_RATIO,
                "met": ratio >= TARGET_RATIO,
                "load_before": load_before,
                "load_after": load_average(),
            }
        )
    )


if __name__ == "__main__":
    main()
