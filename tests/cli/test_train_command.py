"""``annotator train`` on templated news (bench.templated_news) and ``annotator suggest --model``
with what it wrote: the metrics file, F1 on held-out documents, suggestions with scores, the
order by uncertainty; and, without spaCy, one line that says how to install it."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from annotator.app.training import default_epochs
from annotator.cli import main
from annotator.core.status import MODEL
from annotator.store.documents import find_document
from annotator.store.store import Store
from annotator.store.suggestions import documents_by_uncertainty, suggestions_of
from bench.templated_news import records, write_records

pytest.importorskip("spacy")

TRAIN_DOCS = 80


@pytest.fixture(scope="module")
def trained(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A pipeline trained on 80 gold documents (a SQLite corpus), and what train printed."""
    folder = tmp_path_factory.mktemp("train")
    corpus = write_records(folder / "gold.jsonl", TRAIN_DOCS, seed=3)
    url = f"sqlite:///{folder / 'corpus.sqlite'}"
    assert main(["import", str(corpus), "--db", url]) == 0
    out = folder / "printed.txt"
    with out.open("w", encoding="utf-8") as stream:
        code = main(
            ["train", "--set", "gold", "-o", str(folder / "model"), "--db", url, "--epochs", "8"],
            out=stream,
        )
    assert code == 0
    return folder / "model", out.read_text(encoding="utf-8")


def test_train_writes_the_pipeline_and_metrics_with_f1_on_held_out_documents(
    trained: tuple[Path, str],
) -> None:
    model, printed = trained
    metrics = json.loads((model / "metrics.json").read_text(encoding="utf-8"))

    assert (model / "config.cfg").is_file()
    assert metrics["train_documents"] + metrics["eval_documents"] == TRAIN_DOCS
    assert metrics["eval_documents"] == round(TRAIN_DOCS * 0.2)
    assert metrics["epochs"] == 8
    assert metrics["seconds"] > 0
    assert set(metrics["labels"]) == {"ACTOR", "PLACE", "EVENT", "FIGURE"}
    for scores in [metrics, *metrics["labels"].values()]:
        assert {"f1", "precision", "recall"} <= set(scores)
        assert 0.5 < scores["f1"] <= 1.0
    # The table: a row per label and the overall row, with the figures of the file.
    rows = {line.split()[0]: line.split()[1:] for line in printed.splitlines() if line}
    assert rows["overall"][:3] == [f"{metrics[k]:.3f}" for k in ("precision", "recall", "f1")]
    assert rows["PLACE"][2] == f"{metrics['labels']['PLACE']['f1']:.3f}"
    # The spans of each side: what the held-out documents hold and what the pipeline found.
    place = metrics["labels"]["PLACE"]
    assert rows["PLACE"][3:] == [str(place["gold"]), str(place["predicted"])]
    assert metrics["gold"] == sum(scores["gold"] for scores in metrics["labels"].values()) > 0
    assert metrics["predicted"] == sum(s["predicted"] for s in metrics["labels"].values())


def test_suggest_from_the_model_writes_scored_suggestions(
    trained: tuple[Path, str], db_url: str, cli: Callable[..., Any], tmp_path: Path
) -> None:
    model, _ = trained
    # New documents the model never saw, no spans: the model's suggestions are its own.
    fresh = write_records(tmp_path / "new.jsonl", 12, seed=99, spans=[], status="in_progress")
    assert cli("import", str(fresh), "--db", db_url).code == 0

    run = cli("suggest", "--model", str(model), "--db", db_url, "--docs", "unfinished")

    assert run.code == 0
    expected = {record["id"]: record for record in records(12, seed=99)}
    right = total = 0
    with Store.open(db_url) as store:
        for name, record in expected.items():
            document = find_document(store, name)
            assert document is not None
            found = suggestions_of(store, document, MODEL)
            assert all(s.score is not None and 0.5 <= s.score <= 1.0 for s in found)
            gold = {(s["start"], s["end"], s["label"]) for s in record["spans"]}
            right += len(gold & {(s.start, s.end, s.label) for s in found})
            total += len(gold)
        order = documents_by_uncertainty(store, MODEL)
    assert right / total > 0.5
    assert run.out.strip().endswith("on 12 document(s), as 'model'")
    assert len(order) == 12
    assert [score for _, score in order] == sorted(score for _, score in order)


@pytest.mark.parametrize(
    "argv",
    [
        ["train", "--set", "gold", "-o", "out"],
        ["suggest", "--model", "out"],
    ],
)
def test_without_spacy_one_line_says_how_to_install_it(argv: list[str], tmp_path: Path) -> None:
    # spaCy made unimportable in a child process (sys.modules entry None): as if not installed.
    code = (
        "import sys; sys.modules['spacy'] = None; from annotator.cli import main; "
        f"sys.exit(main({[*argv, '--db', str(tmp_path / 'c.sqlite')]!r}))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path, check=False
    )
    assert done.returncode != 0
    assert done.stderr.splitlines() == [
        f'annotator {argv[0]}: needs spacy, which is not installed: pip install "annotator[spacy]"'
    ]
    assert not (tmp_path / "c.sqlite").exists()


def test_nothing_to_train_on_or_no_pipeline_is_one_line(
    cli: Callable[..., Any], write_jsonl: Callable[..., Path], tmp_path: Path
) -> None:
    url = f"sqlite:///{tmp_path / 'c.sqlite'}"
    record = {"id": "a", "text": "Kabul.", "annotator": "ana", "status": "done", "spans": []}
    path = write_jsonl([record])
    assert cli("import", str(path), "--db", url).code == 0

    for argv, problem in [
        (["train", "--set", "ben", "-o", str(tmp_path / "m")], "'ben' has finished 0 document(s)"),
        (["train", "--set", "ana", "-o", str(tmp_path / "m")], "'ana' has finished 1 document(s)"),
        (["train", "--set", "ana", "-o", "m", "--eval", "1"], "--eval is a fraction"),
        (["suggest", "--model", str(tmp_path)], f"{tmp_path}: not a trained pipeline"),
    ]:
        run = cli(*argv, "--db", url)
        assert run.code != 0
        assert len(run.err_lines) == 1
        assert problem in run.err_lines[0]
    assert not (tmp_path / "m").exists()


@pytest.mark.parametrize(
    ("documents", "epochs"), [(1, 30), (36, 30), (100, 24), (240, 10), (5000, 10)]
)
def test_the_default_epochs_give_a_small_corpus_enough_updates(documents: int, epochs: int) -> None:
    assert default_epochs(documents) == epochs
