"""Relation F1 per pair, per relation label and over pairs, against a reference worked out by
hand, and the matching's properties on random cases.

The example (tests/relation_example.py; E = "attack" [36,42) EVENT, R = "recaptured" [19,29)
EVENT; targets by their words):

d1, finished by ana, ben and cy:
  ana  a1 agent E->Taliban[0,7)   a2 location E->Asad Abad[64,73)   a3 count E->two employees[83,96)
  ben  b1 agent "rocket attack"[29,42)->"Taliban militants"[0,17)   b2 location E->Asad Abad
       b3 count E->two[83,86)
  cy   c1 agent E->Taliban[0,7)   c2 target E->Asad Abad as ACTOR   c3 target E->Taliban[0,7)
d2, finished by ana and ben (cy's set is in progress: its relation does not count):
  ana  a5 agent R->Afghan army forces[0,18)   a6 agent R->Afghan[0,6)   a7 location R->[30,49)
  ben  b4 agent R->Afghan army[0,11)   b5 agent R->army forces[7,18)   b6 target R->Taliban[59,66)
       b7 location R->Qala-e-Zal[30,40)

Exact matches: a2=b2 (ana/ben), a1=c1 (ana/cy); c3 has a1's endpoints but another label.
Overlapping, beyond those: a1-b1 (both ends overlap), a3-b3, a7-b7; b1-c1. In d2's agent group
a5 overlaps b4 and b5 (10 + 11 characters each), a6 only b4: the greedy choice (a5-b4, the
earlier of the tie) leaves a6 alone, the maximum matching takes a5-b5 and a6-b4: 2 pairs.

ana/ben, 2 documents: |A| = 6, |B| = 7; exact M = 1, overlapping M = 1 + 5 = 6.
  exact:   P = 1/7, R = 1/6, F1 = 2/13;   overlap: P = 6/7, R = 6/6 = 1, F1 = 12/13.
  agent (3, 3): exact 0, overlap 3 -> 0, 1.    location (2, 2): 1, 2 -> 1/2, 1.
  count (1, 1): 0, 1 -> 0, 1.                  target (0, 1): 0, 0 -> 0, 0.
ana/cy, d1 only (ana's d2 relations are out): |A| = 3, |C| = 3; exact 1, overlap 1.
  P = R = F1 = 1/3 both.   agent (1, 1): 1, 1.  location (1, 0), count (1, 0), target (0, 2): 0.
ben/cy, d1 only: |B| = 3, |C| = 3; exact 0, overlap 1 (b1-c1).
  exact 0; overlap P = R = F1 = 1/3.   agent (1, 1): 0, 1.  location, count, target: 0, 0.
Means over the three pairs:
  F1 exact (2/13 + 1/3 + 0) / 3 = 19/117;   F1 overlap (12/13 + 1/3 + 1/3) / 3 = 62/117.
  agent (0 + 1 + 0)/3 = 1/3, (1 + 1 + 1)/3 = 1;   target 0, 0;
  location (1/2 + 0 + 0)/3 = 1/6, (1 + 0 + 0)/3 = 1/3;   count 0, (1 + 0 + 0)/3 = 1/3.
"""

from __future__ import annotations

import itertools
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from relation_example import RELATION_LABELS, finished_example

from annotator.core.agreement.relations_f1 import (
    FinishedRelations,
    RelationAgreement,
    RelationRow,
    compute_relation_agreement,
    overlapping_pairs,
)


def _close(value: float | None, expected: Fraction | int) -> bool:
    return value is not None and value == pytest.approx(float(expected), abs=1e-12)


def test_the_hand_computed_example() -> None:
    report = compute_relation_agreement(finished_example())

    pairs = {(p.a, p.b): p for p in report.pairs}
    assert list(pairs) == [("ana", "ben"), ("ana", "cy"), ("ben", "cy")]
    ana_ben, ana_cy, ben_cy = pairs.values()
    assert (ana_ben.documents, ana_ben.relations_a, ana_ben.relations_b) == (2, 6, 7)
    assert (ana_cy.documents, ana_cy.relations_a, ana_cy.relations_b) == (1, 3, 3)
    assert (ben_cy.documents, ben_cy.relations_a, ben_cy.relations_b) == (1, 3, 3)
    F = Fraction
    expected = [
        # pair: (P, R, F1 exact), (P, R, F1 overlap)
        (ana_ben, (F(1, 7), F(1, 6), F(2, 13)), (F(6, 7), F(1), F(12, 13))),
        (ana_cy, (F(1, 3), F(1, 3), F(1, 3)), (F(1, 3), F(1, 3), F(1, 3))),
        (ben_cy, (F(0), F(0), F(0)), (F(1, 3), F(1, 3), F(1, 3))),
    ]
    for pair, exact, overlap in expected:
        got_exact = (pair.precision_exact, pair.recall_exact, pair.f1_exact)
        got_overlap = (pair.precision_overlap, pair.recall_overlap, pair.f1_overlap)
        assert all(map(_close, got_exact, exact)), (pair.a, pair.b, got_exact)
        assert all(map(_close, got_overlap, overlap)), (pair.a, pair.b, got_overlap)
    by_label = {
        # label: [(exact, overlap) for ana/ben, ana/cy, ben/cy]
        "agent": [(0, 1), (1, 1), (0, 1)],
        "target": [(0, 0), (0, 0), (0, 0)],
        "location": [(F(1, 2), 1), (0, 0), (0, 0)],
        "count": [(0, 1), (0, 0), (0, 0)],
    }
    for label, figures in by_label.items():
        for pair, (exact, overlap) in zip((ana_ben, ana_cy, ben_cy), figures, strict=True):
            assert _close(pair.label_f1_exact[label], exact), (pair.a, pair.b, label)
            assert _close(pair.label_f1_overlap[label], overlap), (pair.a, pair.b, label)

    assert _close(report.f1_exact, F(19, 117))
    assert _close(report.f1_overlap, F(62, 117))
    means = {"agent": (F(1, 3), 1), "target": (0, 0), "location": (F(1, 6), F(1, 3))}
    means["count"] = (0, F(1, 3))
    assert list(report.labels) == list(RELATION_LABELS)
    for label, (exact, overlap) in means.items():
        assert _close(report.labels[label].f1_exact, exact), label
        assert _close(report.labels[label].f1_overlap, overlap), label


def test_json_keys_follow_the_span_report() -> None:
    report = compute_relation_agreement(finished_example()).to_json()

    assert set(report) == {"f1_exact", "f1_overlap", "pairs", "labels"}
    assert set(report["labels"]) == set(RELATION_LABELS)
    first = report["pairs"][0]
    assert (first["a"], first["b"], first["relations_a"], first["relations_b"]) == (
        "ana",
        "ben",
        6,
        7,
    )
    assert first["labels"]["location"] == {"f1_exact": 0.5, "f1_overlap": 1.0}


def test_a_different_span_label_at_an_end_never_matches() -> None:
    # Same offsets, same relation label, but the target is a PLACE for one and an ACTOR for
    # the other: neither an exact nor an overlapping match.
    event, place, actor = (36, 42, "EVENT"), (64, 73, "PLACE"), (64, 73, "ACTOR")
    report = compute_relation_agreement(
        FinishedRelations(
            [(1, "ana"), (1, "ben")],
            [
                RelationRow(1, "ana", event, place, "rel"),
                RelationRow(1, "ben", event, actor, "rel"),
            ],
        )
    )

    assert [(p.f1_exact, p.f1_overlap) for p in report.pairs] == [(0.0, 0.0)]
    assert list(report.labels) == ["rel"]


def test_without_relations_there_is_nothing_to_compare() -> None:
    report = compute_relation_agreement(
        FinishedRelations([(1, "ana"), (1, "ben")], [], RELATION_LABELS)
    )

    assert report == RelationAgreement(None, None, [], report.labels)
    assert all(
        (label.f1_exact, label.f1_overlap) == (None, None) for label in report.labels.values()
    )


def test_a_pair_without_relations_in_its_documents_is_undefined() -> None:
    # ana and ben share d1 where neither has a relation; ana and cy share d2 where ana has one.
    event, actor = (0, 5, "EVENT"), (6, 9, "ACTOR")
    report = compute_relation_agreement(
        FinishedRelations(
            [(1, "ana"), (1, "ben"), (2, "ana"), (2, "cy")],
            [RelationRow(2, "ana", event, actor, "agent")],
        )
    )

    pairs = {(p.a, p.b): p for p in report.pairs}
    assert set(pairs) == {("ana", "ben"), ("ana", "cy")}
    assert pairs[("ana", "ben")].f1_exact is None
    assert pairs[("ana", "cy")].f1_exact == 0.0
    assert pairs[("ana", "cy")].recall_exact == 0.0
    assert pairs[("ana", "cy")].precision_exact is None
    assert report.f1_exact == 0.0, "the mean is over the pairs where F1 is defined"


_ends = st.tuples(st.integers(0, 8), st.integers(1, 4), st.sampled_from(["A", "B"])).map(
    lambda t: (t[0], t[0] + t[1], t[2])
)
_relations = st.sets(st.tuples(st.just(1), _ends, _ends, st.sampled_from(["r", "s"])), max_size=5)


def _largest_matching(a: list, b: list) -> int:  # type: ignore[type-arg]
    """By brute force: the most one-to-one overlapping pairs over every assignment."""

    def fits(x: tuple, y: tuple) -> bool:  # type: ignore[type-arg]
        def ends_overlap(p: tuple, q: tuple) -> bool:  # type: ignore[type-arg]
            return p[2] == q[2] and max(p[0], q[0]) < min(p[1], q[1])

        return x[3] == y[3] and ends_overlap(x[1], y[1]) and ends_overlap(x[2], y[2])

    best = 0
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    for chosen in itertools.permutations(range(len(large)), len(small)):
        pairs = sum(
            fits(s, large[j]) if small is a else fits(large[j], s)
            for s, j in zip(small, chosen, strict=True)
        )
        best = max(best, pairs)
    return best


@settings(max_examples=200, deadline=None)
@given(_relations, _relations)
def test_overlapping_matching_is_maximum_and_one_to_one(a: set, b: set) -> None:  # type: ignore[type-arg]
    pairs = overlapping_pairs(a, b)

    assert len({x for x, _ in pairs}) == len({y for _, y in pairs}) == len(pairs)
    assert all(x in a and y in b for x, y in pairs)
    assert len(pairs) == _largest_matching(sorted(a), sorted(b))


@settings(max_examples=100, deadline=None)
@given(_relations, _relations)
def test_f1_is_symmetric_and_overlap_is_at_least_exact(a: set, b: set) -> None:  # type: ignore[type-arg]
    rows = [RelationRow(1, "ana", *r[1:]) for r in a] + [RelationRow(1, "ben", *r[1:]) for r in b]
    swapped = [row._replace(person={"ana": "ben", "ben": "ana"}[row.person]) for row in rows]
    finished = [(1, "ana"), (1, "ben")]

    one = compute_relation_agreement(FinishedRelations(finished, rows)).pairs
    other = compute_relation_agreement(FinishedRelations(finished, swapped)).pairs

    if not a and not b:
        assert one == []
        assert other == []
        return
    (forward,), (backward,) = one, other
    assert forward.f1_exact == backward.f1_exact
    assert forward.f1_overlap == backward.f1_overlap
    assert forward.precision_exact == backward.recall_exact
    assert forward.f1_exact is not None
    assert forward.f1_overlap is not None
    assert 0 <= forward.f1_exact <= forward.f1_overlap <= 1
