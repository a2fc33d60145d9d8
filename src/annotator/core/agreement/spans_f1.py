"""Span F1 between two annotators, with exact and with overlapping boundaries.

Spans are (document index, start, end, label) with code point offsets, end exclusive; each
person's spans are a set. F1 is symmetric: with M matched pairs, F1 = 2 M / (|A| + |B|)
(precision and recall swap with the direction), and it is micro-averaged: counts are pooled
over documents (and pairs, and labels) before dividing.

Exact: a pair matches when document, start, end and label are all equal.

Overlapping: a pair matches when document and label are equal and the spans share at least one
character. Matching is one to one, so no span counts twice: first every exact pair (a span
both gave is matched with itself), then, per document and label, a maximum matching of the
remaining spans (as many overlapping pairs as possible; see ``matching``). Among maximum
matchings the one grown from the greedy choice is taken (most characters in common first;
ties: the closer lengths, then the earlier starts), so the pairs are deterministic.

Exact pairs are kept even where splitting one would give more pairs: with a = {[0,10), [0,2)}
and b = {[0,10), [8,10)}, the exact [0,10) pair stands and [0,2), [8,10) stay unmatched, though
[0,10)-[8,10) and [0,2)-[0,10) would be two overlapping pairs.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Container, Set
from dataclasses import dataclass, field
from operator import itemgetter

from annotator.core.agreement.matching import maximum_matching
from annotator.core.agreement.units import DocSpan

_document = itemgetter(0)
_label = itemgetter(3)


def f1(matched: int, a: int, b: int) -> float | None:
    """2 * matched / (a + b); None when neither side has a span (nothing to agree on)."""
    return None if a + b == 0 else 2 * matched / (a + b)


@dataclass(frozen=True, slots=True)
class Matching:
    """How two annotators' spans match, over the documents both finished."""

    exact: Set[DocSpan]
    """Spans both have."""
    only_a: Collection[DocSpan]
    only_b: Collection[DocSpan]
    """Spans only one of them has, in documents both finished."""
    overlapping: list[tuple[DocSpan, DocSpan]]
    """Further one-to-one pairs (a's span, b's span) from ``only_a`` and ``only_b``: same
    document and label, overlapping."""


def match(a: Set[DocSpan], b: Set[DocSpan], both: Container[int] | None = None) -> Matching:
    """Match ``a`` against ``b``; ``both`` holds the documents both finished, None when each
    finished exactly the documents the other did."""
    exact = a & b
    only_a: Collection[DocSpan] = a - exact
    only_b: Collection[DocSpan] = b - exact
    if both is not None:
        only_a = [span for span in only_a if span[0] in both]
        only_b = [span for span in only_b if span[0] in both]
    pairs = _maximum_overlaps(only_a, only_b) if only_a and only_b else []
    return Matching(exact, only_a, only_b, pairs)


def _maximum_overlaps(
    a: Collection[DocSpan], b: Collection[DocSpan]
) -> list[tuple[DocSpan, DocSpan]]:
    """A maximum one-to-one matching of overlapping same-label spans, per document and label,
    as (a's span, b's span) sorted by a's span."""
    by_group: dict[tuple[int, str], list[DocSpan]] = {}
    for span in b:
        by_group.setdefault((span[0], span[3]), []).append(span)
    candidates: list[tuple[int, int, DocSpan, DocSpan]] = []
    for span_a in a:
        document, start_a, end_a, label = span_a
        for span_b in by_group.get((document, label), ()):
            shared = min(end_a, span_b[2]) - max(start_a, span_b[1])
            if shared > 0:
                difference = abs((end_a - start_a) - (span_b[2] - span_b[1]))
                candidates.append((-shared, difference, span_a, span_b))
    candidates.sort()
    partner: dict[DocSpan, DocSpan] = {}
    used_b: set[DocSpan] = set()
    for _, _, span_a, span_b in candidates:
        if span_a not in partner and span_b not in used_b:
            partner[span_a] = span_b
            used_b.add(span_b)
    # The greedy matching is maximal; an augmenting path can only start at a span of a left
    # unmatched with an overlapping partner, so only such a span's document and label (rare)
    # is matched again, from the greedy pairs.
    open_groups = {(s[0], s[3]) for _, _, s, _ in candidates if s not in partner}
    if open_groups:
        edges: dict[tuple[int, str], list[tuple[DocSpan, DocSpan]]] = {}
        for _, _, span_a, span_b in candidates:
            if (span_a[0], span_a[3]) in open_groups:
                edges.setdefault((span_a[0], span_a[3]), []).append((span_a, span_b))
        for group in edges.values():
            partner.update(_grown(group, partner))
    return sorted(partner.items())


def _grown(
    edges: list[tuple[DocSpan, DocSpan]], greedy: dict[DocSpan, DocSpan]
) -> dict[DocSpan, DocSpan]:
    """One document's and label's overlapping pairs (the preferred first): the greedy matching
    grown to a maximum one, as {a's span: b's span}."""
    lefts = sorted({span_a for span_a, _ in edges})
    rights = sorted({span_b for _, span_b in edges})
    left_index = {span: i for i, span in enumerate(lefts)}
    right_index = {span: j for j, span in enumerate(rights)}
    neighbours: list[list[int]] = [[] for _ in lefts]
    for span_a, span_b in edges:
        neighbours[left_index[span_a]].append(right_index[span_b])
    start = {left_index[s]: right_index[greedy[s]] for s in lefts if s in greedy}
    matched = maximum_matching(neighbours, start)
    return {lefts[i]: rights[j] for i, j in matched.items()}


@dataclass(slots=True)
class SpanCounts:
    """Pooled counts for micro-averaged F1, overall and per label."""

    spans: int = 0
    """Spans on both sides, added up (|A| + |B| summed over what was pooled)."""
    exact: int = 0
    overlapping: int = 0
    """Pairs matched with overlapping boundaries, exact pairs included."""
    label_spans: Counter[str] = field(default_factory=Counter)
    label_exact: Counter[str] = field(default_factory=Counter)
    label_overlapping: Counter[str] = field(default_factory=Counter)

    def add(self, label_spans: Counter[str], matching: Matching) -> None:
        """Count one pair: the labels of both sides' spans (over the documents both finished)
        and how they matched."""
        self.spans += label_spans.total()
        self.label_spans.update(label_spans)
        self.exact += len(matching.exact)
        self.overlapping += len(matching.exact) + len(matching.overlapping)
        exact = Counter(map(_label, matching.exact))
        self.label_exact.update(exact)
        self.label_overlapping.update(exact)
        self.label_overlapping.update([span_a[3] for span_a, _ in matching.overlapping])

    def merge(self, other: SpanCounts) -> None:
        self.spans += other.spans
        self.exact += other.exact
        self.overlapping += other.overlapping
        self.label_spans.update(other.label_spans)
        self.label_exact.update(other.label_exact)
        self.label_overlapping.update(other.label_overlapping)

    @property
    def f1_exact(self) -> float | None:
        return 2 * self.exact / self.spans if self.spans else None

    @property
    def f1_overlap(self) -> float | None:
        return 2 * self.overlapping / self.spans if self.spans else None

    def label_f1_exact(self, label: str) -> float | None:
        spans = self.label_spans[label]
        return 2 * self.label_exact[label] / spans if spans else None

    def label_f1_overlap(self, label: str) -> float | None:
        spans = self.label_spans[label]
        return 2 * self.label_overlapping[label] / spans if spans else None


def matches_by_document(matching: Matching) -> tuple[Counter[int], Counter[int]]:
    """Per document index: exact matches, and overlapping matches (exact included)."""
    exact = Counter(map(_document, matching.exact))
    overlapping = Counter(exact)
    overlapping.update([span_a[0] for span_a, _ in matching.overlapping])
    return exact, overlapping
