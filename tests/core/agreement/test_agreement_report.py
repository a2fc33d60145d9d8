"""The agreement report: its JSON shape, document order, labels, and what counts."""

from __future__ import annotations

import json
import random

import agreement_reference as reference
import pytest

from annotator.core.agreement import AnnotatedDocument, agreement_report, compute_agreement
from annotator.core.agreement import report as report_module
from annotator.core.spans import Span

TEXT = "Forces entered Kherson on Friday , officials said ."


def doc(id_: str, **spans: list[tuple[int, int, str]]) -> AnnotatedDocument:
    return AnnotatedDocument(
        id_, TEXT, {name: [Span(*span) for span in items] for name, items in spans.items()}
    )


FORCES, KHERSON, FRIDAY, OFFICIALS = (
    (0, 6, "ACTOR"),
    (15, 22, "PLACE"),
    (26, 32, "EVENT"),
    (35, 44, "ACTOR"),
)


def test_the_json_shape() -> None:
    documents = [
        doc("agreed", ann=[FORCES, KHERSON], ben=[FORCES, KHERSON], cat=[FORCES, KHERSON]),
        doc("split", ann=[FORCES, FRIDAY], ben=[OFFICIALS], cat=[FORCES]),
    ]
    report = agreement_report(documents, ["ACTOR", "PLACE", "EVENT", "FIGURE"])
    assert set(report) == {"alpha", "alpha_u", "pairs", "labels", "documents"}
    assert [(pair["a"], pair["b"]) for pair in report["pairs"]] == [
        ("ann", "ben"),
        ("ann", "cat"),
        ("ben", "cat"),
    ]
    for pair in report["pairs"]:
        assert set(pair) == {"a", "b", "f1_exact", "f1_overlap", "kappa"}
    assert list(report["labels"]) == ["ACTOR", "PLACE", "EVENT", "FIGURE"]
    for figures in report["labels"].values():
        assert set(figures) == {"alpha", "alpha_u", "f1_exact", "f1_overlap"}
    assert report["labels"]["FIGURE"] == {
        "alpha": None,
        "alpha_u": None,
        "f1_exact": None,
        "f1_overlap": None,
    }
    assert [document["id"] for document in report["documents"]] == ["split", "agreed"]
    for document in report["documents"]:
        assert set(document) == {"id", "alpha", "f1_exact"}
    assert json.loads(json.dumps(report)) == report
    assert isinstance(report["alpha"], float)
    assert isinstance(report["alpha_u"], float)


def test_documents_least_agreed_first_and_undefined_last() -> None:
    documents = [
        doc("perfect", ann=[KHERSON], ben=[KHERSON]),
        doc("nothing marked", ann=[], ben=[]),  # no variation: alpha and F1 undefined
        doc("worst", ann=[KHERSON], ben=[FRIDAY]),
        doc("half", ann=[KHERSON, FORCES], ben=[KHERSON]),
        doc("alone", ann=[KHERSON]),  # one finisher: nothing to compare, not listed
    ]
    report = compute_agreement(documents)
    assert [document.id for document in report.documents] == [
        "worst",
        "half",
        "perfect",
        "nothing marked",
    ]
    assert report.documents[-1].alpha is None
    assert report.documents[-1].f1_exact is None
    alphas = [document.alpha for document in report.documents[:-1]]
    assert alphas == sorted(alphas)  # type: ignore[type-var]


def test_labels_found_in_spans_come_after_the_schema() -> None:
    report = compute_agreement([doc("d", ann=[(0, 6, "ZEBRA")], ben=[(0, 6, "ALPHA")])], ["PLACE"])
    assert list(report.labels) == ["PLACE", "ALPHA", "ZEBRA"]


def test_nothing_to_compare() -> None:
    empty = {"alpha": None, "alpha_u": None, "pairs": [], "labels": {}, "documents": []}
    assert agreement_report([]) == empty
    # A document only one person finished is not compared (and its labels not listed).
    assert agreement_report([doc("alone", ann=[KHERSON])]) == empty


def test_annotators_who_never_finished_the_same_document_make_no_pair() -> None:
    documents = [doc("one", ann=[KHERSON], ben=[KHERSON]), doc("two", ben=[KHERSON], cat=[])]
    report = compute_agreement(documents)
    assert [(pair.a, pair.b) for pair in report.pairs] == [("ann", "ben"), ("ben", "cat")]
    assert [pair.documents for pair in report.pairs] == [1, 1]


def test_documents_may_come_from_a_generator_in_many_batches(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    documents = reference.random_documents(random.Random(5), 40)
    whole = compute_agreement(documents)
    monkeypatch.setattr(report_module, "BATCH", 3)
    in_batches = compute_agreement(iter(documents))
    assert in_batches.alpha == pytest.approx(whole.alpha)
    assert in_batches.alpha_u == pytest.approx(whole.alpha_u)
    assert [(p.a, p.b, p.documents, p.f1_exact, p.f1_overlap) for p in in_batches.pairs] == [
        (p.a, p.b, p.documents, p.f1_exact, p.f1_overlap) for p in whole.pairs
    ]
    for batched, single in zip(in_batches.pairs, whole.pairs, strict=True):
        assert batched.kappa == pytest.approx(single.kappa)
    assert [(d.id, d.alpha, d.f1_exact) for d in in_batches.documents] == [
        (d.id, d.alpha, d.f1_exact) for d in whole.documents
    ]


def test_the_cycle_collector_is_restored() -> None:
    import gc

    assert gc.isenabled()
    compute_agreement([doc("d", ann=[KHERSON], ben=[KHERSON])])
    assert gc.isenabled()
    gc.disable()
    try:
        compute_agreement([doc("d", ann=[KHERSON], ben=[KHERSON])])
        assert not gc.isenabled()
    finally:
        gc.enable()
