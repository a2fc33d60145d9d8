"""Merging several annotators' spans into candidates for a gold standard.

A *candidate* is one distinct (start, end, label) that at least one annotator chose; offsets are
code point indices, end exclusive. A candidate is *agreed* when every annotator considered chose
it, and *disputed* otherwise.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from annotator.core.spans import Span


class Strategy(StrEnum):
    UNANIMOUS = "unanimous"
    MAJORITY = "majority"


@dataclass(frozen=True, slots=True)
class Candidate:
    span: Span
    chosen_by: tuple[str, ...]  # annotators who have exactly this span, sorted
    of: int  # how many annotators were considered
    in_gold: bool

    @property
    def agreed(self) -> bool:
        return len(self.chosen_by) == self.of

    def passes(self, strategy: Strategy) -> bool:
        """Whether ``strategy`` accepts this candidate: all annotators, or more than half."""
        if strategy is Strategy.UNANIMOUS:
            return self.agreed
        return 2 * len(self.chosen_by) > self.of


def candidates(
    spans_by_annotator: Mapping[str, Iterable[Span]], gold: Iterable[Span] = ()
) -> list[Candidate]:
    """Every distinct span chosen by an annotator or present in gold, sorted by
    (start, end, label); a gold span no annotator chose (a reviewer's correction) is included
    with an empty ``chosen_by``."""
    chosen: dict[Span, list[str]] = {}
    for name in sorted(spans_by_annotator):
        for span in set(spans_by_annotator[name]):
            chosen.setdefault(span, []).append(name)
    gold_set = set(gold)
    for span in gold_set:
        chosen.setdefault(span, [])
    total = len(spans_by_annotator)
    return [
        Candidate(span, tuple(sorted(names)), total, span in gold_set)
        for span, names in sorted(chosen.items())
    ]
