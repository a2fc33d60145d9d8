"""Relation F1 between two annotators, with exact and with overlapping endpoints.

A relation is (source, target, relation label); each endpoint is a span (start, end, span
label) with code point offsets into the document's stored text, end exclusive. Each person's
relations on a document are a set (spans are unique within a set, and so are relations).

Only annotators who finished a document count for it, and a pair is compared over the documents
both finished (as span F1 is), where a finished document without relations counts as "no
relation here". Counts are micro-averaged: pooled over those documents before dividing.

Exact: a pair of relations matches when document, relation label and both endpoints (start,
end and span label each) are equal.

Overlapping (lenient): a pair matches when document and relation label are equal and each
endpoint overlaps its counterpart (at least one character in common) with the same span label.
Matching is one to one: first every exact pair, then, per document and relation label, a
maximum matching of the relations left (see ``matching``), grown from the greedy one that
prefers the most characters in common over both endpoints (ties: the closer lengths, then the
earlier relations), so the pairs are deterministic.

With M matched relations, |A| relations of ``a`` and |B| of ``b``: recall = M / |A| and
precision = M / |B| (``a`` is taken as the reference; the two swap with the direction), and
F1 = 2 M / (|A| + |B|), which is symmetric. Per relation label the same, over that label's
relations. Over all pairs, each figure is the mean over the pairs where it is defined.

A figure is None when it is undefined: F1 when neither side has a relation, precision or recall
when its denominator is 0.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Sequence
from itertools import combinations
from operator import itemgetter
from typing import Any, NamedTuple

from annotator.core.agreement.matching import maximum_matching

Endpoint = tuple[int, int, str]
"""A relation's end: the span's start, end (code points, end exclusive) and span label."""


class RelationRow(NamedTuple):
    """One finished annotator's relation on one document, as read from the store."""

    document: int
    """The document's row id (any number naming it)."""
    person: str
    source: Endpoint
    target: Endpoint
    label: str


class FinishedRelations(NamedTuple):
    """What relation agreement is computed over."""

    finished: Collection[tuple[int, str]]
    """(document, person) of every finished annotation, with relations or not."""
    relations: Collection[RelationRow]
    """The relations of those annotations."""
    labels: Sequence[str] = ()
    """The relation schema's labels, in its order: reported even when nobody used them."""


FIGURE_NAMES = ("P exact", "R exact", "F1 exact", "P overlap", "R overlap", "F1 overlap")
"""The short names of :meth:`RelationPair.figures`, in its order."""

_DocRelation = tuple[int, Endpoint, Endpoint, str]  # document, source, target, label
_label = itemgetter(3)


def _ratio(matched: int, total: int) -> float | None:
    return matched / total if total else None


def _f1(matched: int, a: int, b: int) -> float | None:
    return 2 * matched / (a + b) if a + b else None


class _Counts(NamedTuple):
    """One pair's counts: relations on each side and matches, overall and per label."""

    a: Counter[str]
    b: Counter[str]
    exact: Counter[str]
    overlapping: Counter[str]
    """Pairs matched with overlapping endpoints, exact pairs included."""


class RelationPair(NamedTuple):
    a: str
    b: str
    documents: int
    """Documents both finished."""
    relations_a: int
    relations_b: int
    """Relations each has in those documents."""
    precision_exact: float | None
    recall_exact: float | None
    f1_exact: float | None
    precision_overlap: float | None
    recall_overlap: float | None
    f1_overlap: float | None
    label_f1_exact: dict[str, float | None]
    label_f1_overlap: dict[str, float | None]

    def figures(self) -> tuple[float | None, ...]:
        """Precision, recall and F1 exact, then precision, recall and F1 overlap."""
        return (
            self.precision_exact,
            self.recall_exact,
            self.f1_exact,
            self.precision_overlap,
            self.recall_overlap,
            self.f1_overlap,
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "a": self.a,
            "b": self.b,
            "documents": self.documents,
            "relations_a": self.relations_a,
            "relations_b": self.relations_b,
            "precision_exact": self.precision_exact,
            "recall_exact": self.recall_exact,
            "f1_exact": self.f1_exact,
            "precision_overlap": self.precision_overlap,
            "recall_overlap": self.recall_overlap,
            "f1_overlap": self.f1_overlap,
            "labels": {
                name: {"f1_exact": exact, "f1_overlap": self.label_f1_overlap[name]}
                for name, exact in self.label_f1_exact.items()
            },
        }


class RelationLabelAgreement(NamedTuple):
    f1_exact: float | None
    f1_overlap: float | None
    """Means over the pairs where this label's F1 is defined."""


class RelationAgreement(NamedTuple):
    f1_exact: float | None
    f1_overlap: float | None
    """Means over the pairs where F1 is defined."""
    pairs: list[RelationPair]
    """By (a, b), a before b in name order; empty when no finished annotation has a
    relation."""
    labels: dict[str, RelationLabelAgreement]

    def to_json(self) -> dict[str, Any]:
        """{"f1_exact", "f1_overlap", "pairs": [{"a", "b", "documents", "relations_a",
        "relations_b", "precision_exact", "recall_exact", "f1_exact", "precision_overlap",
        "recall_overlap", "f1_overlap", "labels": {LABEL: {"f1_exact", "f1_overlap"}}}],
        "labels": {LABEL: {"f1_exact", "f1_overlap"}}}"""
        return {
            "f1_exact": self.f1_exact,
            "f1_overlap": self.f1_overlap,
            "pairs": [pair.to_json() for pair in self.pairs],
            "labels": {
                name: {"f1_exact": label.f1_exact, "f1_overlap": label.f1_overlap}
                for name, label in self.labels.items()
            },
        }


def compute_relation_agreement(finished: FinishedRelations) -> RelationAgreement:
    """Relation precision, recall and F1 per pair of annotators, per relation label, and their
    means over the pairs (see the module docstring)."""
    done: dict[str, set[int]] = defaultdict(set)
    for document, person in finished.finished:
        done[person].add(document)
    relations: dict[str, set[_DocRelation]] = defaultdict(set)
    for row in finished.relations:
        if row.document in done.get(row.person, ()):
            relations[row.person].add((row.document, row.source, row.target, row.label))
    by_label = {person: Counter(map(_label, own)) for person, own in relations.items()}
    label_order = list(dict.fromkeys(finished.labels))
    label_order += sorted({label for c in by_label.values() for label in c} - set(label_order))
    pairs: list[RelationPair] = []
    if relations:
        for a, b in combinations(sorted(done), 2):
            both = done[a] & done[b]
            if both:
                same = len(both) == len(done[a]) == len(done[b])
                counts = _count_pair(
                    relations[a],
                    relations[b],
                    by_label.get(a, Counter()),
                    by_label.get(b, Counter()),
                    None if same else both,
                )
                pairs.append(_pair(a, b, len(both), counts, label_order))
    return RelationAgreement(
        f1_exact=_mean(pair.f1_exact for pair in pairs),
        f1_overlap=_mean(pair.f1_overlap for pair in pairs),
        pairs=pairs,
        labels={
            label: RelationLabelAgreement(
                _mean(pair.label_f1_exact[label] for pair in pairs),
                _mean(pair.label_f1_overlap[label] for pair in pairs),
            )
            for label in label_order
        },
    )


def _count_pair(
    relations_a: set[_DocRelation],
    relations_b: set[_DocRelation],
    labels_a: Counter[str],
    labels_b: Counter[str],
    both: set[int] | None,
) -> _Counts:
    """Count one pair over the documents ``both`` finished (None: each finished exactly the
    documents the other did); ``labels_a`` and ``labels_b`` count each one's relations by
    label over all they finished."""
    a, b = relations_a, relations_b
    if both is not None:
        a = {r for r in relations_a if r[0] in both}
        b = {r for r in relations_b if r[0] in both}
        labels_a, labels_b = Counter(map(_label, a)), Counter(map(_label, b))
    exact = a & b
    exact_labels = Counter(map(_label, exact))
    overlapping = Counter(exact_labels)
    overlapping.update(r[3] for r, _ in overlapping_pairs(a - exact, b - exact))
    return _Counts(labels_a, labels_b, exact_labels, overlapping)


def _pair(a: str, b: str, documents: int, counts: _Counts, labels: list[str]) -> RelationPair:
    total_a, total_b = counts.a.total(), counts.b.total()
    exact, overlapping = counts.exact.total(), counts.overlapping.total()
    return RelationPair(
        a=a,
        b=b,
        documents=documents,
        relations_a=total_a,
        relations_b=total_b,
        precision_exact=_ratio(exact, total_b),
        recall_exact=_ratio(exact, total_a),
        f1_exact=_f1(exact, total_a, total_b),
        precision_overlap=_ratio(overlapping, total_b),
        recall_overlap=_ratio(overlapping, total_a),
        f1_overlap=_f1(overlapping, total_a, total_b),
        label_f1_exact={
            label: _f1(counts.exact[label], counts.a[label], counts.b[label]) for label in labels
        },
        label_f1_overlap={
            label: _f1(counts.overlapping[label], counts.a[label], counts.b[label])
            for label in labels
        },
    )


def _mean(values: Iterable[float | None]) -> float | None:
    defined = [value for value in values if value is not None]
    return sum(defined) / len(defined) if defined else None


def overlapping_pairs(
    a: Collection[_DocRelation], b: Collection[_DocRelation]
) -> list[tuple[_DocRelation, _DocRelation]]:
    """A maximum one-to-one matching of ``a``'s relations with ``b``'s: same document and
    relation label, each endpoint overlapping its counterpart with the same span label; as
    (a's relation, b's relation), in no particular order."""
    by_group: dict[tuple[int, str], list[_DocRelation]] = defaultdict(list)
    for relation in b:
        by_group[(relation[0], relation[3])].append(relation)
    edges: dict[tuple[int, str], list[tuple[int, int, _DocRelation, _DocRelation]]] = {}
    # The innermost loop of relation agreement: endpoints unpacked, no call per candidate.
    for relation_a in a:
        group = (relation_a[0], relation_a[3])
        candidates = by_group.get(group)
        if candidates is None:
            continue
        _, (s0, s1, s_label), (t0, t1, t_label), _ = relation_a
        for relation_b in candidates:
            _, (u0, u1, u_label), (v0, v1, v_label), _ = relation_b
            if s_label != u_label or t_label != v_label:
                continue
            source = min(s1, u1) - max(s0, u0)
            target = min(t1, v1) - max(t0, v0)
            if source > 0 and target > 0:
                difference = abs(s1 - s0 - u1 + u0) + abs(t1 - t0 - v1 + v0)
                edges.setdefault(group, []).append(
                    (-(source + target), difference, relation_a, relation_b)
                )
    matched: list[tuple[_DocRelation, _DocRelation]] = []
    for group_edges in edges.values():
        matched += _maximum(group_edges)
    return matched


def _maximum(
    edges: list[tuple[int, int, _DocRelation, _DocRelation]],
) -> list[tuple[_DocRelation, _DocRelation]]:
    """One document's and relation label's edges (preference, relation of a, relation of b):
    the greedy matching in preference order, grown to a maximum one."""
    if len(edges) == 1:  # the usual case: one candidate
        return [(edges[0][2], edges[0][3])]
    edges.sort()
    lefts = list(dict.fromkeys(edge[2] for edge in edges))
    rights = list(dict.fromkeys(edge[3] for edge in edges))
    left_index = {relation: i for i, relation in enumerate(lefts)}
    right_index = {relation: j for j, relation in enumerate(rights)}
    neighbours: list[list[int]] = [[] for _ in lefts]
    greedy: dict[int, int] = {}
    taken: set[int] = set()
    for _, _, relation_a, relation_b in edges:
        i, j = left_index[relation_a], right_index[relation_b]
        neighbours[i].append(j)
        if i not in greedy and j not in taken:
            greedy[i] = j
            taken.add(j)
    grown = maximum_matching(neighbours, greedy) if len(greedy) < len(lefts) else greedy
    return [(lefts[i], rights[j]) for i, j in grown.items()]
