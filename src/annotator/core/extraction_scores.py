"""Precision, recall and F1 of an extractor's spans against the annotated ones, exact match.

A predicted span counts as right when a gold span of the same document has the same start,
end (code point offsets, end exclusive) and label. Counts are pooled over documents before
dividing (micro-averaged), overall and per label.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Set
from dataclasses import dataclass, field

SpanTuple = tuple[int, int, str]


@dataclass(frozen=True, slots=True)
class Scores:
    precision: float
    recall: float
    f1: float

    def as_dict(self) -> dict[str, float]:
        return {"f1": self.f1, "precision": self.precision, "recall": self.recall}


def scores(correct: int, predicted: int, gold: int) -> Scores:
    """Precision = correct / predicted, recall = correct / gold (0 when nothing to divide)."""
    precision = correct / predicted if predicted else 0.0
    recall = correct / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Scores(precision, recall, f1)


@dataclass(slots=True)
class ExactMatch:
    """Pooled counts: add each document's gold and predicted spans, then read the scores."""

    correct: Counter[str] = field(default_factory=Counter)
    predicted: Counter[str] = field(default_factory=Counter)
    gold: Counter[str] = field(default_factory=Counter)

    def add(self, gold: Set[SpanTuple], predicted: Set[SpanTuple]) -> None:
        self.gold.update(label for _, _, label in gold)
        self.predicted.update(label for _, _, label in predicted)
        self.correct.update(label for _, _, label in gold & predicted)

    def overall(self) -> Scores:
        return scores(self.correct.total(), self.predicted.total(), self.gold.total())

    def per_label(self, labels: Iterable[str] = ()) -> dict[str, Scores]:
        """Scores for ``labels`` and every label seen on either side, sorted by name."""
        names = sorted(set(labels) | set(self.gold) | set(self.predicted))
        return {
            name: scores(self.correct[name], self.predicted[name], self.gold[name])
            for name in names
        }
