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
    groups: dict[tuple[int, str], tuple[list[DocSpan], list[DocSpan]]] = {}
    for span in b:
        groups.setdefault((span[0], span[3]), ([], []))[1].append(span)
    for span in a:
        group = groups.get((span[0], span[3]))
        if group is not None:
            group[0].append(span)
    pairs: list[tuple[DocSpan, DocSpan]] = []
    for lefts, rights in groups.values():
        if lefts:
            pairs.extend(_group_overlaps(sorted(lefts), sorted(rights)))
    pairs.sort()
    return pairs


def _group_overlaps(lefts: list[DocSpan], rights: list[DocSpan]) -> list[tuple[DocSpan, DocSpan]]:
    """One document's and label's spans: the greedy matching, grown to a maximum one."""
    candidates: list[tuple[int, int, int, int]] = []
    for i, (_, start_a, end_a, _) in enumerate(lefts):
        for j, (_, start_b, end_b, _) in enumerate(rights):
            shared = min(end_a, end_b) - max(start_a, start_b)
            if shared > 0:
                difference = abs((end_a - start_a) - (end_b - start_b))
                candidates.append((-shared, difference, i, j))
    if not candidates:
        return []
    candidates.sort()
    neighbours: list[list[int]] = [[] for _ in lefts]
    greedy: dict[int, int] = {}
    taken: set[int] = set()
    for _, _, i, j in candidates:
        neighbours[i].append(j)
        if i not in greedy and j not in taken:
            greedy[i] = j
            taken.add(j)
    matched = maximum_matching(neighbours, greedy)
    return [(lefts[i], rights[j]) for i, j in matched.items()]


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
