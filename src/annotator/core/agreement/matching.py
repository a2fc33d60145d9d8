"""Maximum-cardinality matching in a bipartite graph (augmenting paths, Kuhn's algorithm).

Vertices are indices: left ``0 .. len(neighbours) - 1``, right whatever the lists hold. Small
and dependency-free on purpose: the graphs agreement builds (one document's spans of one label)
have tens of vertices, where this is as fast as anything heavier.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence


def maximum_matching(
    neighbours: Sequence[Sequence[int]], start: dict[int, int] | None = None
) -> dict[int, int]:
    """A maximum matching, as {left: right}.

    ``neighbours[left]`` lists the right vertices ``left`` may be matched with, the preferred
    first. ``start`` is a matching to grow from (a greedy one keeps its pairs wherever they are
    already part of a maximum matching); it is not changed.

    One search for an augmenting path from each unmatched left vertex is enough: a vertex with
    no augmenting path never gets one after other paths are flipped (Kuhn's lemma), and with no
    augmenting path left the matching is maximum (Berge).
    """
    left_of: dict[int, int] = {}
    right_of: dict[int, int] = {}
    for left, right in (start or {}).items():
        right_of[left] = right
        left_of[right] = left
    for root in range(len(neighbours)):
        if root not in right_of:
            _augment(root, neighbours, right_of, left_of)
    return right_of


def _augment(
    root: int,
    neighbours: Sequence[Sequence[int]],
    right_of: dict[int, int],
    left_of: dict[int, int],
) -> bool:
    """Find an augmenting path from the free left vertex ``root`` (depth first, without
    recursion) and flip it; False if there is none."""
    reached_from: dict[int, int] = {}  # right vertex -> the left vertex it was reached from
    stack: list[tuple[int, Iterator[int]]] = [(root, iter(neighbours[root]))]
    while stack:
        left, untried = stack[-1]
        for right in untried:
            if right in reached_from:
                continue
            reached_from[right] = left
            owner = left_of.get(right)
            if owner is None:
                _flip(root, right, reached_from, right_of, left_of)
                return True
            stack.append((owner, iter(neighbours[owner])))
            break
        else:
            stack.pop()
    return False


def _flip(
    root: int,
    right: int,
    reached_from: dict[int, int],
    right_of: dict[int, int],
    left_of: dict[int, int],
) -> None:
    """Swap matched and unmatched edges along the path ending at the free ``right``."""
    while True:
        left = reached_from[right]
        previous = right_of.get(left)
        right_of[left] = right
        left_of[right] = left
        if left == root or previous is None:
            return
        right = previous
