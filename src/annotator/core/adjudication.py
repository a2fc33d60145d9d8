"""Merging several annotators' spans into candidates for a gold standard.

A *candidate* is one distinct (start, end, label) that at least one annotator chose; offsets are
code point indices, end exclusive. A candidate is *agreed* when every annotator considered chose
it, and *disputed* otherwise. A *relation candidate* is the same for relations, a relation being
named by its two spans and its label (:class:`RelationKey`): two annotators chose the same
relation when both ends are the same spans exactly and the label is the same.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import TypeVar

from annotator.core.spans import Span

T = TypeVar("T", bound=Hashable)


class Strategy(StrEnum):
    UNANIMOUS = "unanimous"
    MAJORITY = "majority"


class _Chosen:
    """What a span or relation candidate says of who chose it (``chosen_by`` of ``of``)."""

    __slots__ = ()
    chosen_by: tuple[str, ...]
    of: int

    @property
    def agreed(self) -> bool:
        return len(self.chosen_by) == self.of

    def passes(self, strategy: Strategy) -> bool:
        """Whether ``strategy`` accepts this candidate: all annotators, or more than half."""
        if strategy is Strategy.UNANIMOUS:
            return self.agreed
        return 2 * len(self.chosen_by) > self.of


@dataclass(frozen=True, slots=True)
class Candidate(_Chosen):
    span: Span
    chosen_by: tuple[str, ...]  # annotators who have exactly this span, sorted
    of: int  # how many annotators were considered
    in_gold: bool


@dataclass(frozen=True, slots=True, order=True)
class RelationKey:
    """A relation as adjudication compares it: its source and target spans and its label."""

    source: Span
    target: Span
    label: str


@dataclass(frozen=True, slots=True)
class RelationCandidate(_Chosen):
    relation: RelationKey
    chosen_by: tuple[str, ...]  # annotators who have exactly this relation, sorted
    of: int  # how many annotators were considered
    in_gold: bool


def _merged(
    by_annotator: Mapping[str, Iterable[T]], gold: Iterable[T]
) -> list[tuple[T, tuple[str, ...], bool]]:
    """Every distinct item an annotator chose or gold holds, sorted, with who chose it and
    whether gold holds it."""
    chosen: dict[T, list[str]] = {}
    for name in sorted(by_annotator):
        for item in set(by_annotator[name]):
            chosen.setdefault(item, []).append(name)
    gold_set = set(gold)
    for item in gold_set:
        chosen.setdefault(item, [])
    return [
        (item, tuple(sorted(names)), item in gold_set) for item, names in sorted(chosen.items())
    ]


def relation_candidates(
    relations_by_annotator: Mapping[str, Iterable[RelationKey]], gold: Iterable[RelationKey] = ()
) -> list[RelationCandidate]:
    """Every distinct relation chosen by an annotator or present in gold, sorted by (source,
    target, label); a gold relation no annotator chose has an empty ``chosen_by``."""
    total = len(relations_by_annotator)
    return [
        RelationCandidate(relation, names, total, in_gold)
        for relation, names, in_gold in _merged(relations_by_annotator, gold)
    ]


def candidates(
    spans_by_annotator: Mapping[str, Iterable[Span]], gold: Iterable[Span] = ()
) -> list[Candidate]:
    """Every distinct span chosen by an annotator or present in gold, sorted by
    (start, end, label); a gold span no annotator chose (a reviewer's correction) is included
    with an empty ``chosen_by``."""
    total = len(spans_by_annotator)
    return [
        Candidate(span, names, total, in_gold)
        for span, names, in_gold in _merged(spans_by_annotator, gold)
    ]
