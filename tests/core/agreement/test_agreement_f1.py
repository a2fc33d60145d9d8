"""Span F1 per pair, label and document, on small cases worked out by hand."""

from __future__ import annotations

import random

import agreement_reference as reference
import pytest

from annotator.core.agreement import AnnotatedDocument, compute_agreement
from annotator.core.agreement.spans_f1 import f1, match
from annotator.core.spans import Span

TEXT = "The minister met villagers in Herat on Monday after the flood"
#       0   4        13  17        27 30    36 39     46    52  56


def pair(a: list[tuple[int, int, str]], b: list[tuple[int, int, str]], text: str = TEXT):  # type: ignore[no-untyped-def]
    document = AnnotatedDocument(
        "d", text, {"ann": [Span(*span) for span in a], "ben": [Span(*span) for span in b]}
    )
    report = compute_agreement([document])
    assert len(report.pairs) == 1
    return report.pairs[0], report


def test_f1_is_symmetric_and_undefined_without_spans() -> None:
    assert f1(2, 3, 5) == pytest.approx(0.5)
    assert f1(0, 0, 0) is None


def test_exact_boundaries() -> None:
    # ann: minister ACTOR, Herat PLACE, flood EVENT; ben: minister ACTOR, Herat ACTOR (other
    # label), flood EVENT. Exact: 2 matched of 3 + 3 -> F1 = 4/6.
    figures, report = pair(
        [(4, 12, "ACTOR"), (30, 35, "PLACE"), (56, 61, "EVENT")],
        [(4, 12, "ACTOR"), (30, 35, "ACTOR"), (56, 61, "EVENT")],
    )
    assert figures.f1_exact == pytest.approx(4 / 6)
    assert figures.f1_overlap == pytest.approx(4 / 6)  # a label mismatch never matches
    assert figures.label_f1_exact["ACTOR"] == pytest.approx(2 * 1 / 3)
    assert figures.label_f1_exact["PLACE"] == 0.0
    assert figures.label_f1_exact["EVENT"] == 1.0
    assert report.documents[0].f1_exact == pytest.approx(4 / 6)


def test_overlapping_boundaries() -> None:
    # "The minister" against "minister" (overlap, not exact); "villagers in Herat" against
    # "Herat" (overlap); "Monday" against nothing.
    figures, _ = pair(
        [(0, 12, "ACTOR"), (17, 35, "PLACE"), (39, 45, "EVENT")],
        [(4, 12, "ACTOR"), (30, 35, "PLACE")],
    )
    assert figures.f1_exact == 0.0
    assert figures.f1_overlap == pytest.approx(2 * 2 / 5)


def test_nested_spans() -> None:
    # ann has "villagers in Herat" PLACE with "Herat" PLACE nested inside, and ben has both
    # too: two exact matches. Nested spans are separate spans, each matched once.
    nested = [(17, 35, "PLACE"), (30, 35, "PLACE")]
    figures, _ = pair(nested, nested)
    assert figures.f1_exact == 1.0
    assert figures.f1_overlap == 1.0
    # ben has only the outer span: one exact match; the inner one of ann overlaps the outer
    # one of ben, which is already taken, so overlap F1 is no higher.
    figures, _ = pair(nested, [(17, 35, "PLACE")])
    assert figures.f1_exact == pytest.approx(2 / 3)
    assert figures.f1_overlap == pytest.approx(2 / 3)


def test_one_span_is_never_matched_twice() -> None:
    # Two spans of ann ("villagers", "in Herat") both overlap ben's one "villagers in Herat":
    # only one pair can match, the one sharing more characters.
    figures, _ = pair([(17, 26, "PLACE"), (27, 35, "PLACE")], [(17, 35, "PLACE")])
    assert figures.f1_overlap == pytest.approx(2 * 1 / 3)
    matching = match({(0, 17, 26, "PLACE"), (0, 27, 35, "PLACE")}, {(0, 17, 35, "PLACE")})
    assert matching.overlapping == [((0, 17, 26, "PLACE"), (0, 17, 35, "PLACE"))]


def test_greedy_takes_the_largest_overlap_first() -> None:
    # ben's "met villagers" overlaps both of ann's spans; the larger overlap ("villagers",
    # 9 characters) wins over "met" (3), and ann's "met" stays unmatched.
    a = {(0, 13, 16, "EVENT"), (0, 17, 26, "EVENT")}
    b = {(0, 13, 26, "EVENT")}
    assert match(a, b).overlapping == [((0, 17, 26, "EVENT"), (0, 13, 26, "EVENT"))]


def test_an_annotator_with_no_spans() -> None:
    figures, report = pair([(4, 12, "ACTOR"), (30, 35, "PLACE")], [])
    assert figures.f1_exact == 0.0
    assert figures.f1_overlap == 0.0
    assert report.documents[0].f1_exact == 0.0
    # Neither marked anything: nothing to agree on, F1 undefined.
    figures, report = pair([], [])
    assert figures.f1_exact is None
    assert figures.f1_overlap is None
    assert report.documents[0].f1_exact is None


def test_duplicates_count_once() -> None:
    figures, _ = pair([(4, 12, "ACTOR"), (4, 12, "ACTOR")], [(4, 12, "ACTOR")])
    assert figures.f1_exact == 1.0


def test_counts_are_pooled_over_documents_both_finished() -> None:
    one = AnnotatedDocument(
        "one", TEXT, {"ann": [Span(4, 12, "ACTOR")], "ben": [Span(4, 12, "ACTOR")]}
    )
    two = AnnotatedDocument(
        "two",
        TEXT,
        {"ann": [Span(30, 35, "PLACE"), Span(56, 61, "EVENT")], "ben": [Span(30, 35, "PLACE")]},
    )
    three = AnnotatedDocument("three", TEXT, {"ann": [Span(0, 3, "ACTOR")]})  # ben not done
    report = compute_agreement([one, two, three])
    (figures,) = report.pairs
    assert figures.documents == 2
    # Micro-average: 2 matches over 3 + 2 spans, not the mean of 1.0 and 2/3.
    assert figures.f1_exact == pytest.approx(2 * 2 / 5)
    assert [document.id for document in report.documents] == ["two", "one"]


@pytest.mark.parametrize("seed", range(6))
def test_exact_counts_and_overlap_bounds_on_random_documents(seed: int) -> None:
    documents = reference.random_documents(random.Random(200 + seed), 20)
    report = compute_agreement(documents)
    for figures in report.pairs:
        spans = exact = best = 0
        for document in documents:
            if figures.a in document.spans and figures.b in document.spans:
                a = {(s.start, s.end, s.label) for s in document.spans[figures.a]}
                b = {(s.start, s.end, s.label) for s in document.spans[figures.b]}
                spans += len(a) + len(b)
                document_exact, document_best = reference.f1_counts(a, b)
                exact += document_exact
                best += document_best
        assert figures.f1_exact == (None if spans == 0 else pytest.approx(2 * exact / spans))
        if spans:
            # Greedy matching: between the exact matches and a maximum matching.
            assert figures.f1_overlap is not None
            assert 2 * exact / spans <= figures.f1_overlap + 1e-12
            assert figures.f1_overlap <= 2 * best / spans + 1e-12
