"""Where relation arcs go: one segment per text line an arc touches, stacked in levels.

A relation is drawn brat style, over the text: from the middle of its source span's first line
piece up, across, and down onto its target's, with an arrow head at the target. When the two
spans sit on different lines, the arc leaves the earlier span's line at its right edge and
enters the later span's line at its left edge; lines in between carry nothing. On each line the
segments are stacked so that none overlaps another of its level: shorter ones lower.

Geometry is in the coordinates of each block's own text layout (x from the layout's left, y
from the block's top), so it holds while the view scrolls and is cached per block until the
layout changes (a resize, a zoom, another text). Positions are Qt positions (UTF-16).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from operator import attrgetter
from typing import cast

from PySide6.QtGui import QTextBlock

from annotator.store.relations import StoredRelation

MAX_LEVELS = 3
"""Arcs stacked on one line beyond this many share the top level (the room above a line is
made for this many)."""
GAP = 4.0  # pixels kept between two segments of one level


@dataclass(slots=True)
class Segment:
    """The piece of one relation's arc on one line: from ``x1`` to ``x2`` (x1 <= x2), its
    label's width, and the x of the arrow head (the target is on this line) or None. ``open_left``
    / ``open_right``: the arc runs on past that edge of the line (no leg down there)."""

    relation: StoredRelation
    x1: float
    x2: float
    label_width: float
    arrow: float | None
    open_left: bool = False
    open_right: bool = False
    level: int = 0

    def extent(self) -> tuple[float, float]:
        """The room the segment takes on its line, its label included."""
        middle = (self.x1 + self.x2) / 2
        half = self.label_width / 2 + 2
        return min(self.x1, middle - half), max(self.x2, middle + half)


@dataclass(slots=True)
class LineArcs:
    """The segments over one line of a block: the line's top (from the block's top) and its
    left and right edges."""

    top: float
    left: float
    right: float
    segments: list[Segment] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class End:
    """One end of a relation in the text: its span's Qt range and which end it is."""

    start: int
    end: int
    relation: StoredRelation
    is_source: bool


_START = attrgetter("start")


def stack(segments: list[Segment]) -> None:
    """Give each segment of one line the lowest level where it overlaps no other (shorter
    segments first, so an arc over a long stretch goes above the short ones inside it)."""
    placed: list[list[tuple[float, float]]] = [[] for _ in range(MAX_LEVELS)]
    for segment in sorted(segments, key=lambda s: (s.x2 - s.x1, s.x1)):
        low, high = segment.extent()
        level = next(
            (
                n
                for n, taken in enumerate(placed)
                if all(high + GAP <= a or b + GAP <= low for a, b in taken)
            ),
            MAX_LEVELS - 1,
        )
        segment.level = level
        placed[level].append((low, high))


def _x(block: QTextBlock, position: int) -> tuple[int, float]:
    """The line number and x of the caret before block-relative ``position``."""
    line = block.layout().lineForTextPosition(position)
    x, _ = cast(tuple[float, int], line.cursorToX(position))
    return line.lineNumber(), x


class ArcGeometry:
    """The arcs' segments per block of one document layout; see the module docstring."""

    def __init__(self, label_width: Callable[[str], float]) -> None:
        self._label_width = label_width
        self.relations: tuple[StoredRelation, ...] = ()
        self._ends: list[End] = []
        self._starts: list[int] = []  # the ends' span starts, sorted (bisected)
        # Relation id -> the relation as shown and its (source, target) ends, None when a span
        # of it is not shown. Kept from one call to the next: a relation added or removed
        # costs its own ends only; after the spans change (forget_ends) every end is worked
        # out again, and only ends that moved count as changed.
        self._pairs: dict[int, tuple[StoredRelation, tuple[End, End] | None]] = {}
        self._stale = False
        # Block number -> (its first Qt position, the one after it, its lines' segments).
        self._blocks: dict[int, tuple[int, int, dict[int, LineArcs]]] = {}

    def set_relations(
        self,
        relations: Sequence[StoredRelation],
        span_range: Callable[[int], tuple[int, int] | None],
    ) -> list[int]:
        """Show ``relations``; ``span_range`` gives a span id's Qt range (None: not shown, and
        its relations are left out). Only the blocks where relations came or went are laid
        out again; returns the Qt positions (ends' span starts) where they did."""
        self.relations = tuple(relations)
        known, pairs = self._pairs, {}
        changed: list[int] = []
        for relation in self.relations:
            found = known.get(relation.id)
            if found is not None and found[0] == relation and not self._stale:
                pairs[relation.id] = found
                continue
            source, target = span_range(relation.source_id), span_range(relation.target_id)
            pair = None
            if source is not None and target is not None:
                pair = End(*source, relation, True), End(*target, relation, False)
                if found is None or found[1] != pair:
                    changed += (source[0], target[0])
            pairs[relation.id] = (relation, pair)
        for ident, (_, gone) in known.items():
            if gone is not None and pairs.get(ident, (None, None))[1] != gone:
                changed += (gone[0].start, gone[1].start)
        self._stale = False
        self._pairs = pairs
        changed.sort()
        ends = [end for _, pair in pairs.values() if pair is not None for end in pair]
        ends.sort(key=_START)
        self._ends = ends
        self._starts = [end.start for end in ends]
        for number, (first, last, _) in list(self._blocks.items()):
            if bisect_left(changed, last) > bisect_left(changed, first):
                del self._blocks[number]
        return changed

    def forget_ends(self) -> None:
        """Work every relation's ends out again at the next :meth:`set_relations` (the spans
        changed: a span id may now stand for another range)."""
        self._stale = True

    def forget_layout(self) -> None:
        self._blocks.clear()

    def has_end(self, low: int, high: int) -> bool:
        """Whether a relation end's span starts in Qt range ``[low, high)``."""
        return bisect_left(self._starts, high) > bisect_left(self._starts, low)

    def ends_between(self, low: int, high: int) -> list[End]:
        """The relation ends whose span starts in Qt range ``[low, high)``."""
        return self._ends[bisect_left(self._starts, low) : bisect_left(self._starts, high)]

    def other_end(self, end: End) -> End:
        """The end at the other side of ``end``'s relation."""
        pair = self._pairs[end.relation.id][1]
        assert pair is not None  # an end shown is one of a pair shown
        source, target = pair
        return target if end.is_source else source

    def lines_of(self, block: QTextBlock) -> dict[int, LineArcs]:
        """The segments over each line (by line number) of a laid-out ``block``."""
        number = block.blockNumber()
        found = self._blocks.get(number)
        if found is None:
            first = block.position()
            found = self._blocks[number] = (first, first + block.length(), self._lay_out(block))
        return found[2]

    def _lay_out(self, block: QTextBlock) -> dict[int, LineArcs]:
        first = block.position()
        last = first + block.length()
        lines: dict[int, LineArcs] = {}
        layout = block.layout()

        def line(number: int) -> LineArcs:
            arcs = lines.get(number)
            if arcs is None:
                rect = layout.lineAt(number).rect()
                arcs = lines[number] = LineArcs(rect.top(), rect.left(), rect.right())
            return arcs

        for end in self.ends_between(first, last):
            other = self.other_end(end)
            relation = end.relation
            width = self._label_width(relation.label)
            number, x = self._anchor(block, end)
            here = line(number)
            arrow = None if end.is_source else x
            if first <= other.start < last:
                other_number, other_x = self._anchor(block, other)
                if other_number == number:
                    if end.is_source:  # one segment for both ends, made from the source's side
                        low, high = sorted((x, other_x))
                        here.segments.append(Segment(relation, low, high, width, other_x))
                    continue
                after = (other_number, other_x) > (number, x)
            else:
                after = other.start > end.start
            if after:
                here.segments.append(
                    Segment(relation, x, here.right, width, arrow, open_right=True)
                )
            else:
                here.segments.append(Segment(relation, here.left, x, width, arrow, open_left=True))
        for arcs in lines.values():
            stack(arcs.segments)
        return lines

    @staticmethod
    def _anchor(block: QTextBlock, end: End) -> tuple[int, float]:
        """The line and middle x of the piece of ``end``'s span on the line where it starts."""
        offset = end.start - block.position()
        number, x1 = _x(block, offset)
        line = block.layout().lineAt(number)
        stop = min(end.end - block.position(), line.textStart() + line.textLength())
        x2, _ = cast(tuple[float, int], line.cursorToX(max(stop, offset)))
        return number, (x1 + x2) / 2
