"""Contingency tables over token units for pairs of annotators.

A table maps (value of a, value of b) to the number of tokens where a and b gave those values;
a value is a frozenset of labels (EMPTY: no label), counted as an id for one (see
``units.Values``; 0 is EMPTY). Every token of a document both finished is counted exactly once.
Cohen's kappa (per pair) and Krippendorff's alpha (whose coincidence matrix is the sum of every
ordered pair's table divided by m - 1, where m annotators finished the document) are both
computed from these tables.

Runs of tokens both annotators have alike (the bulk of them) are never walked: their tokens are
a's tokens of each value less those in the runs only a has. Only the runs where the two differ
are swept against each other.
"""

from __future__ import annotations

from collections.abc import Callable, Container, Hashable, Mapping, Sequence, Set
from typing import TypeVar

from annotator.core.agreement.units import TokenRun, Value

Table = dict[tuple[Value, Value], int]
IdTable = dict[tuple[int, int], int]
EMPTY_ID = 0

H = TypeVar("H", bound=Hashable)


class PairTally:
    """One pair's tokens, summed over documents: ``table(sets)`` is the contingency table."""

    __slots__ = ("agreed", "cells")

    def __init__(self) -> None:
        self.agreed: dict[int, int] = {}
        """Tokens in runs both have: value id -> count, i.e. the cells (value, value)."""
        self.cells: IdTable = {}
        """Every other token."""

    def add(
        self,
        a: Set[TokenRun],
        b: Set[TokenRun],
        a_tokens: Mapping[int, int],
        document_of: Callable[[int], int],
        both: Container[int] | None,
        uncovered: int,
        differing: dict[int, int],
    ) -> None:
        """Count the tokens of two annotators' runs ``a`` and ``b`` over a batch.

        ``a_tokens`` holds, per value id, the tokens inside a's runs; ``document_of`` gives the
        document a batch-wide token index falls in; ``both`` holds the documents both finished
        (None: each finished exactly those the other did); ``uncovered`` is, summed over those
        documents, their tokens minus those in a's runs minus those in b's. Adds to
        ``differing``, per document index, the tokens where the two gave different values.
        """
        only_a = a - b
        only_b = b - a
        if both is not None:
            only_a = {run for run in only_a if document_of(run[0]) in both}
            only_b = {run for run in only_b if document_of(run[0]) in both}
        # The runs both have: a's tokens of each value, less those in runs only a has.
        agreed = dict(a_tokens)
        for first, stop, value in only_a:
            agreed[value] -= stop - first
        shared = 0
        totals = self.agreed
        for value, count in agreed.items():
            if count:
                totals[value] = totals.get(value, 0) + count
                shared += count
        # One person's runs are disjoint, and runs of different documents never meet.
        runs_a = sorted(only_a)
        runs_b = sorted(only_b)
        rest_a = [stop - first for first, stop, _ in runs_a]
        rest_b = [stop - first for first, stop, _ in runs_b]
        cells = self.cells
        # Where a run of a meets a run of b they share tokens; the rest of a run of a has b's
        # EMPTY, and the other way round.
        count_a, count_b = len(runs_a), len(runs_b)
        i = j = 0
        if count_a and count_b:
            first_a, stop_a, value_a = runs_a[0]
            first_b, stop_b, value_b = runs_b[0]
            while True:
                met = (stop_a if stop_a < stop_b else stop_b) - (
                    first_a if first_a > first_b else first_b
                )
                if met > 0:
                    key = (value_a, value_b)
                    cells[key] = cells.get(key, 0) + met
                    rest_a[i] -= met
                    rest_b[j] -= met
                    shared += met
                    if value_a != value_b:
                        document = document_of(first_a if first_a > first_b else first_b)
                        differing[document] = differing.get(document, 0) + met
                if stop_a <= stop_b:
                    i += 1
                    if i == count_a:
                        break
                    first_a, stop_a, value_a = runs_a[i]
                else:
                    j += 1
                    if j == count_b:
                        break
                    first_b, stop_b, value_b = runs_b[j]
        for (first, _, value), rest in zip(runs_a, rest_a, strict=True):
            if rest:
                cells[(value, EMPTY_ID)] = cells.get((value, EMPTY_ID), 0) + rest
                document = document_of(first)
                differing[document] = differing.get(document, 0) + rest
        for (first, _, value), rest in zip(runs_b, rest_b, strict=True):
            if rest:
                cells[(EMPTY_ID, value)] = cells.get((EMPTY_ID, value), 0) + rest
                document = document_of(first)
                differing[document] = differing.get(document, 0) + rest
        neither = uncovered + shared
        if neither:
            cells[(EMPTY_ID, EMPTY_ID)] = cells.get((EMPTY_ID, EMPTY_ID), 0) + neither

    def table(self, sets: Sequence[Value]) -> Table:
        """The contingency table, value ids turned back into label sets by ``sets``."""
        table: Table = {}
        for (x, y), count in self.cells.items():
            key = (sets[x], sets[y])
            table[key] = table.get(key, 0) + count
        for value, count in self.agreed.items():
            key = (sets[value], sets[value])
            table[key] = table.get(key, 0) + count
        return table


def regroup(
    table: Mapping[tuple[Value, Value], int], by: Callable[[Value], H]
) -> dict[tuple[H, H], int]:
    """``table`` with each value replaced by ``by(value)`` and equal cells added up: a label's
    binary table is ``regroup(table, lambda value: label in value)``."""
    grouped: dict[tuple[H, H], int] = {}
    for (x, y), count in table.items():
        key = (by(x), by(y))
        grouped[key] = grouped.get(key, 0) + count
    return grouped


def add_into(total: dict[tuple[H, H], int], table: Mapping[tuple[H, H], int]) -> None:
    for key, count in table.items():
        total[key] = total.get(key, 0) + count
