"""Krippendorff's alpha for unitizing (alpha_u) over character positions.

The formulation is Krippendorff's (1995, "On the reliability of unitizing continuous data",
Sociological Methodology 25: 47-76) as written in Krippendorff (2004, "Measuring the reliability
of qualitative text analysis data", Quality & Quantity 38: 787-800, and Content Analysis: An
Introduction to Its Methodology, 2nd ed.), in the form DKPro Agreement implements
(KrippendorffAlphaUnitizingAgreement, Meyer et al. 2014, used by INCEpTION); the tests reproduce
the worked examples DKPro's tests take from Krippendorff (1995) and (2004).

Per label c (binary: c against everything else), each observer divides the continuum [0, L) into
*sections*: their units of label c (spans, w = 1) and the gaps between them (w = 0). A section
has a begin b, an end e and a length l = e - b. Between a section g of observer i and a section
h of observer j the squared distance is

    both units, overlapping:           (b_g - b_h)**2 + (e_g - e_h)**2
    unit g lying wholly inside gap h:  l_g**2   (and the same with i and j swapped)
    anything else:                     0

and, with m observers, N_c units of c (all observers together) and every gap G of every
observer,

    D_o(c) = sum over ordered observer pairs i != j and sections g, h of distance / (m (m-1) L**2)
    D_e(c) = (2 / L) * sum over units u [ (N_c - 1) (2 l**3 - 3 l**2 + l) / 3
                                          + l**2 * sum over gaps G with |G| >= l of (|G| - l + 1) ]
             / ( m L (m L - 1) - sum over units u of l (l - 1) )
    alpha_u(c) = 1 - D_o(c) / D_e(c)

and over all labels alpha_u = 1 - sum_c D_o(c) / sum_c D_e(c) (DKPro averages both over the
labels, which is the same ratio). Where D_e is 0 (a label with no unit at all) alpha_u is
undefined and given as None (DKPro gives 0 there).

Several documents, and annotators missing from some: the corpus is treated as one continuum made
of the documents end to end, but no section crosses a document boundary (each document starts
and ends its own gaps), and a document holds only the sections of the annotators who finished
it; documents fewer than two finished are left out. The counts of pairs and values then become
those actually present: m (m-1) L**2 becomes L * sum_d m_d (m_d - 1) L_d and m L becomes
sum_d m_d L_d, with L = sum_d L_d. With every annotator on every document this is exactly the
formula above.

Within one observer, overlapping units of the same label are merged into one (the model has one
unitization per observer and label); units that merely touch stay two.

The work follows the number of sections, never the number of characters: sections both
observers of a pair have identically are at distance 0 and skipped, and the sum over gaps uses
suffix sums over the gap lengths.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Iterable, Sequence
from fractions import Fraction
from itertools import accumulate, combinations, compress
from operator import and_, eq, itemgetter, mul, not_, sub

from annotator.core.agreement.units import DocSpan, SpanTuple

_by_group = itemgetter(0, 3, 1)


class UnitizingTally:
    """alpha_u accumulated over documents (by index); per label and overall."""

    def __init__(self) -> None:
        self._observed: dict[str, int] = {}
        """Per label: distances summed over ordered observer pairs and their sections."""
        self._length = 0
        """L: characters of the documents counted."""
        self._pair_positions = 0
        """sum_d m_d (m_d - 1) L_d."""
        self._values = 0
        """sum_d m_d L_d."""
        self._unit_lengths: Counter[tuple[str, int]] = Counter()
        """(label, length) of every unit."""
        self._whole_gaps: Counter[int] = Counter()
        """Per observer and document, one gap of L_d: their gaps for a label they never used."""
        self._gaps: Counter[tuple[str, int]] = Counter()
        """(label, length) of every gap around units."""
        self._used: Counter[tuple[str, int]] = Counter()
        """(label, L_d) for each observer and document that used the label: a whole-document
        gap to take back (so a label first seen late still has the gaps of earlier documents)."""

    def add_documents(self, lengths: Sequence[int], observers: Sequence[int]) -> None:
        """Count documents of ``lengths`` characters, each unitized by so many ``observers``
        (at least two); their units then come through ``add_observer`` and ``add_pair``."""
        for length, count in zip(lengths, observers, strict=True):
            self._length += length
            self._pair_positions += count * (count - 1) * length
            self._values += count * length
            self._whole_gaps[length] += count

    def add_observer(self, ordered: Sequence[DocSpan], lengths: Sequence[int]) -> None:
        """One observer's units (document index, start, end, label), same-label overlaps
        already merged, sorted by (document index, label, start), over documents whose lengths
        ``lengths`` holds by index."""
        if not ordered:
            return
        documents, starts, ends, labels = zip(*ordered, strict=True)
        self._unit_lengths.update(zip(labels, map(sub, ends, starts), strict=True))
        # Gaps before, between and after the units of one label in one document; touching
        # units leave a gap of 0, which no unit fits in, so it never counts.
        same = list(
            map(and_, map(eq, documents[:-1], documents[1:]), map(eq, labels[:-1], labels[1:]))
        )
        previous_ends = [0, *map(mul, ends[:-1], same)]
        self._gaps.update(zip(labels, map(sub, starts, previous_ends), strict=True))
        last = [*map(not_, same), True]
        last_labels = list(compress(labels, last))
        document_lengths = list(map(lengths.__getitem__, compress(documents, last)))
        after = map(sub, document_lengths, compress(ends, last))
        self._gaps.update(zip(last_labels, after, strict=True))
        self._used.update(zip(last_labels, document_lengths, strict=True))

    def add_pair(self, only_a: Iterable[DocSpan], only_b: Iterable[DocSpan]) -> None:
        """Count the observed distance between two observers from the units only one of them
        has, in documents both unitized (units both have are at distance 0 from each other and,
        since one observer's units of a label are disjoint, from everything else)."""
        a = sorted(only_a, key=_by_group)
        b = sorted(only_b, key=_by_group)
        observed = self._observed
        for label, distance in _distances(a, b):
            # Each unordered pair stands for two ordered ones.
            observed[label] = observed.get(label, 0) + 2 * distance

    @property
    def labels(self) -> list[str]:
        """Labels with at least one unit in a document counted."""
        return sorted({label for label, _ in self._unit_lengths})

    def observed(self, label: str) -> Fraction:
        """D_o for ``label`` (0 when nothing was counted)."""
        if not self._pair_positions:
            return Fraction(0)
        return Fraction(self._observed.get(label, 0), self._length * self._pair_positions)

    def expected(self, label: str) -> Fraction:
        """D_e for ``label`` (0 when it has no unit, or nothing was counted)."""
        units = {size: count for (name, size), count in self._unit_lengths.items() if name == label}
        if not units:
            return Fraction(0)
        gaps = Counter(self._whole_gaps)
        for (name, size), count in self._gaps.items():
            if name == label:
                gaps[size] += count
        for (name, size), count in self._used.items():
            if name == label:
                gaps[size] -= count
        gap_lengths = sorted(length for length, count in gaps.items() if length > 0 and count > 0)
        gap_counts = [gaps[length] for length in gap_lengths]
        # at_least[k], summed[k]: how many gaps are >= gap_lengths[k], and their total length.
        at_least = [*[*accumulate(reversed(gap_counts))][::-1], 0]
        summed = [*[*accumulate(map(mul, reversed(gap_lengths), reversed(gap_counts)))][::-1], 0]
        others = sum(units.values()) - 1
        numerator = 0
        for length, count in units.items():
            k = bisect_left(gap_lengths, length)
            placements = summed[k] - (length - 1) * at_least[k]
            # (2 l^3 - 3 l^2 + l) / 3 = l (l - 1) (2 l - 1) / 3, always an integer.
            overlaps = others * (length * (length - 1) * (2 * length - 1) // 3)
            numerator += count * (overlaps + length * length * placements)
        denominator = self._values * (self._values - 1) - sum(
            count * length * (length - 1) for length, count in units.items()
        )
        if denominator <= 0:
            return Fraction(0)
        return Fraction(2 * numerator, self._length * denominator)

    def alpha(self, label: str) -> float | None:
        """alpha_u for ``label``; None when undefined (no unit of it, so D_e = 0)."""
        expected = self.expected(label)
        if not expected:
            return None
        return float(1 - self.observed(label) / expected)

    def overall(self) -> float | None:
        """alpha_u over every label: 1 - sum D_o / sum D_e; None when no label has a unit."""
        labels = self.labels
        expected = sum((self.expected(label) for label in labels), Fraction(0))
        if not expected:
            return None
        observed = sum((self.observed(label) for label in labels), Fraction(0))
        return float(1 - observed / expected)


def _distances(a: list[DocSpan], b: list[DocSpan]) -> list[tuple[str, int]]:
    """(label, distance) contributions between one observer's units ``a`` and another's ``b``,
    both sorted by (document, label, start), disjoint within a document and label, no unit in
    both: overlapping pairs by their boundary differences, and each unit overlapping none of
    the other's units by its squared length (it lies inside one of their gaps)."""
    found: list[tuple[str, int]] = []
    met_a = [False] * len(a)
    met_b = [False] * len(b)
    count_a, count_b = len(a), len(b)
    i = j = 0
    if count_a and count_b:
        document_a, start_a, end_a, label_a = a[0]
        document_b, start_b, end_b, label_b = b[0]
        while True:
            if document_a == document_b and label_a == label_b:
                if start_a < end_b and start_b < end_a:
                    found.append((label_a, (start_a - start_b) ** 2 + (end_a - end_b) ** 2))
                    met_a[i] = met_b[j] = True
                advance_a = end_a <= end_b
            else:
                advance_a = (document_a, label_a) < (document_b, label_b)
            if advance_a:
                i += 1
                if i == count_a:
                    break
                document_a, start_a, end_a, label_a = a[i]
            else:
                j += 1
                if j == count_b:
                    break
                document_b, start_b, end_b, label_b = b[j]
    for units, met in ((a, met_a), (b, met_b)):
        for (_, start, end, label), hit in zip(units, met, strict=True):
            if not hit:
                found.append((label, (end - start) ** 2))
    return found


def unitizing_alpha(
    length: int, units_by_observer: Sequence[Iterable[SpanTuple]]
) -> UnitizingTally:
    """The tally of one continuum ``[0, length)`` unitized by every observer in
    ``units_by_observer``: their (start, end, label) units, same-label overlaps merged."""
    tally = UnitizingTally()
    observers = [
        frozenset((0, start, end, label) for start, end, label in units)
        for units in units_by_observer
    ]
    tally.add_documents([length], [len(observers)])
    for units in observers:
        tally.add_observer(sorted(units, key=_by_group), [length])
    for a, b in combinations(observers, 2):
        tally.add_pair(a - b, b - a)
    return tally
