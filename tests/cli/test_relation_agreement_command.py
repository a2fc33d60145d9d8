"""`annotator agreement` with relations: the figures of the hand-computed example
(tests/core/agreement/test_relation_agreement.py) in the JSON and in the table, from a real
process on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from typing import Any

import pytest
from relation_example import store_example

from annotator.core.agreement.relations_f1 import compute_relation_agreement
from annotator.store.relation_agreement_input import finished_relations
from annotator.store.store import Store


def _stored(url: str) -> dict[str, Any]:
    """Store the example; what the core computes over it, as JSON."""
    with Store.open(url) as store:
        store_example(store)
        return compute_relation_agreement(finished_relations(store)).to_json()


def test_the_json_report_has_the_relation_figures(db_url: str) -> None:
    expected = _stored(db_url)

    run = subprocess.run(
        [sys.executable, "-m", "annotator", "agreement", "--json", "--db", db_url],
        capture_output=True,
        text=True,
        check=False,
    )

    assert run.returncode == 0, run.stderr
    report = json.loads(run.stdout)
    assert {"alpha", "pairs", "labels", "documents"} <= set(report), "the span report stays"
    relations = report["relations"]
    assert relations == expected
    # The hand-computed figures (see the core test's docstring).
    assert relations["f1_exact"] == pytest.approx(19 / 117)
    assert relations["f1_overlap"] == pytest.approx(62 / 117)
    ana_ben = relations["pairs"][0]
    assert (ana_ben["a"], ana_ben["b"], ana_ben["documents"]) == ("ana", "ben", 2)
    assert (ana_ben["precision_exact"], ana_ben["recall_exact"]) == pytest.approx((1 / 7, 1 / 6))
    assert ana_ben["f1_overlap"] == pytest.approx(12 / 13)
    assert list(relations["labels"]) == ["agent", "target", "location", "count"]
    assert relations["labels"]["location"]["f1_exact"] == pytest.approx(1 / 6)
    # The span pairs and the relation pairs are the same people over the same documents.
    assert [(p["a"], p["b"]) for p in report["pairs"]] == [
        (p["a"], p["b"]) for p in relations["pairs"]
    ]


def test_the_table_lists_relation_pairs_and_labels(
    cli: Callable[..., Any], sqlite_url: str
) -> None:
    _stored(sqlite_url)

    run = cli("agreement", "--db", sqlite_url)

    assert run.code == 0
    lines = run.out.splitlines()
    header = next(i for i, line in enumerate(lines) if line.startswith("relations "))
    assert lines[header].split()[1:] == [
        "docs", "P", "exact", "R", "exact", "F1", "exact", "P", "overlap", "R", "overlap", "F1",
        "overlap",
    ]  # fmt: skip
    rows = [line.split() for line in lines[header + 1 : header + 5]]
    assert rows[0] == ["ana", "/", "ben", "2", "0.143", "0.167", "0.154", "0.857", "1.000", "0.923"]
    assert rows[1][:4] == ["ana", "/", "cy", "1"]
    assert rows[3] == ["mean", "over", "pairs", f"{19 / 117:.3f}", f"{62 / 117:.3f}"]
    label_rows = {line.split()[0]: line.split()[1:] for line in lines[header + 6 :]}
    assert label_rows["location"] == [f"{1 / 6:.3f}", f"{1 / 3:.3f}"]
    assert label_rows["agent"] == [f"{1 / 3:.3f}", "1.000"]


def test_one_span_label_scores_the_relations_with_an_end_of_it(
    cli: Callable[..., Any], sqlite_url: str
) -> None:
    _stored(sqlite_url)

    report = json.loads(cli("agreement", "--json", "--label", "PLACE", "--db", sqlite_url).out)

    # Only the location relations: ana/ben have a2=b2 exactly and a7~b7 overlapping, of 2 + 2.
    ana_ben = report["relations"]["pairs"][0]
    assert (ana_ben["relations_a"], ana_ben["relations_b"]) == (2, 2)
    assert (ana_ben["f1_exact"], ana_ben["f1_overlap"]) == (0.5, 1.0)


def test_a_corpus_without_relations_says_so(
    cli: Callable[..., Any], write_jsonl: Callable[..., Any], sqlite_url: str
) -> None:
    records = [
        {"id": "d1", "text": "Kabul", "annotator": who, "status": "done", "spans": []}
        for who in ("ana", "ben")
    ]
    cli("import", str(write_jsonl(records)), "--db", sqlite_url)

    run = cli("agreement", "--db", sqlite_url)
    report = json.loads(cli("agreement", "--json", "--db", sqlite_url).out)

    assert "relations: no finished annotation has a relation" in run.out
    assert report["relations"]["pairs"] == []
    assert report["relations"]["f1_exact"] is None
