"""Span F1 per pair, label and document, on small cases worked out by hand."""

from __future__ import annotations

import random

import agreement_reference as reference
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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


def test_the_largest_overlap_is_preferred_among_maximum_matchings() -> None:
    # ben's "met villagers" overlaps both of ann's spans; only one pair can match, and of the
    # two maximum matchings the larger overlap ("villagers", 9 characters) wins over "met" (3).
    a = {(0, 13, 16, "EVENT"), (0, 17, 26, "EVENT")}
    b = {(0, 13, 26, "EVENT")}
    assert match(a, b).overlapping == [((0, 17, 26, "EVENT"), (0, 13, 26, "EVENT"))]


def test_overlap_matching_is_maximum_not_greedy() -> None:
    # ann [0,10) and [0,3); ben [2,9) and [8,12). Greedy took [0,10)-[2,9) (7 characters in
    # common) and left [0,3) and [8,12) with nobody: F1 0.5. A maximum matching pairs
    # [0,3)-[2,9) and [0,10)-[8,12): F1 1.0.
    text = "abcdefghijklmnop"
    figures, report = pair(
        [(0, 10, "PLACE"), (0, 3, "PLACE")], [(2, 9, "PLACE"), (8, 12, "PLACE")], text
    )
    assert figures.f1_exact == 0.0
    assert figures.f1_overlap == 1.0
    assert figures.label_f1_overlap["PLACE"] == 1.0
    assert report.documents[0].f1_overlap == 1.0
    matching = match({(0, 0, 10, "P"), (0, 0, 3, "P")}, {(0, 2, 9, "P"), (0, 8, 12, "P")})
    assert matching.overlapping == [
        ((0, 0, 3, "P"), (0, 2, 9, "P")),
        ((0, 0, 10, "P"), (0, 8, 12, "P")),
    ]


def test_exact_pairs_are_matched_first() -> None:
    # Both have [0,10); ann also [0,2), ben also [8,10). Splitting the exact pair would give two
    # overlapping pairs, but a span both gave stays matched with itself: one pair of four spans.
    a = {(0, 0, 10, "P"), (0, 0, 2, "P")}
    b = {(0, 0, 10, "P"), (0, 8, 10, "P")}
    matching = match(a, b)
    assert matching.exact == {(0, 0, 10, "P")}
    assert matching.overlapping == []


_SMALL_SPANS = st.sets(
    st.tuples(st.integers(0, 11), st.integers(1, 6), st.sampled_from("PQ")).map(
        lambda t: (0, t[0], t[0] + t[1], t[2])
    ),
    max_size=6,
)


@settings(max_examples=400, deadline=None)
@given(a=_SMALL_SPANS, b=_SMALL_SPANS)
def test_overlap_matches_equal_the_best_of_all_matchings(
    a: set[tuple[int, int, int, str]], b: set[tuple[int, int, int, str]]
) -> None:
    matching = match(a, b)
    exact, best = reference.f1_counts({s[1:] for s in a}, {s[1:] for s in b})
    assert len(matching.exact) == exact
    assert len(matching.exact) + len(matching.overlapping) == best
    # A real one-to-one matching of overlapping same-label spans from outside the exact pairs.
    lefts = [span_a for span_a, _ in matching.overlapping]
    rights = [span_b for _, span_b in matching.overlapping]
    assert len(set(lefts)) == len(lefts)
    assert len(set(rights)) == len(rights)
    assert set(lefts) <= set(matching.only_a)
    assert set(rights) <= set(matching.only_b)
    for span_a, span_b in matching.overlapping:
        assert span_a[3] == span_b[3]
        assert max(span_a[1], span_b[1]) < min(span_a[2], span_b[2])  # a character in common


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
def test_exact_and_overlap_counts_on_random_documents(seed: int) -> None:
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
            assert figures.f1_overlap == pytest.approx(2 * best / spans)
