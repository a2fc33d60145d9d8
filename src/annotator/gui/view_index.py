"""Which spans touch which block of the article view: the interval index the highlighter reads.

Spans are stored with code point offsets (end exclusive) into the stored text. The index turns
them, through :class:`~annotator.core.offsets.TextMap` only, into *runs*: stretches of one Qt
text block (a paragraph) covered by the same set of spans, with positions in UTF-16 units
relative to the block start, which is what ``QSyntaxHighlighter.setFormat`` takes.

Nothing here imports Qt, so the index is cheap to build and to test.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import NamedTuple

from annotator.core.offsets import TextMap
from annotator.store.annotations import StoredSpan


def block_starts(text_map: TextMap) -> list[int]:
    """The Qt position where each block (paragraph) of ``text_map.display`` begins."""
    return text_map.block_starts()


class Look(NamedTuple):
    """How a stretch covered by spans looks; decided by the spans covering it.

    ``inner`` is the label of the innermost (shortest) covering span: its tint is the
    background. ``outer`` is the label of the outermost other span when two or more spans
    cover the stretch (nested or overlapping): it is drawn as an underline. ``labels`` holds
    every covering label, sorted, and ``depth`` how many spans cover the stretch.
    """

    inner: str
    outer: str | None
    labels: tuple[str, ...]
    depth: int


class Run(NamedTuple):
    """``length`` UTF-16 units from Qt position ``start`` of a block (relative to the block)."""

    start: int
    length: int
    look: Look


def _look(covering: Iterable[StoredSpan]) -> Look:
    """The look of a stretch two or more spans cover."""
    spans = sorted(covering, key=lambda span: (span.end - span.start, span.id))
    labels = tuple(sorted({span.label for span in spans}))
    return Look(spans[0].label, spans[-1].label, labels, len(spans))


class SpanIndex:
    """The spans of one shown document, by block, as highlighter runs."""

    def __init__(self, text_map: TextMap, starts: Sequence[int], spans: Iterable[StoredSpan]):
        self.text_map = text_map
        self.block_starts = list(starts)
        self.spans = tuple(span for span in spans if span.start < span.end)
        self._by_id = {span.id: span for span in self.spans}
        self._runs = self._build()

    def runs_of(self, block_number: int) -> tuple[Run, ...]:
        """The runs of one block, in position order; empty when no span touches it."""
        return self._runs.get(block_number, ())

    def blocks(self) -> set[int]:
        """Numbers of the blocks some span touches."""
        return set(self._runs)

    def span(self, span_id: int) -> StoredSpan | None:
        return self._by_id.get(span_id)

    def innermost_at(self, offset: int) -> StoredSpan | None:
        """The shortest span holding code point ``offset`` (ties: the lower id), or None."""
        holding = [span for span in self.spans if span.start <= offset < span.end]
        return min(holding, key=lambda s: (s.end - s.start, s.id)) if holding else None

    def changed_blocks(self, other: SpanIndex) -> list[int]:
        """Blocks whose runs differ between this index and ``other`` (same document)."""
        numbers = set(self._runs) | set(other._runs)
        return sorted(n for n in numbers if self.runs_of(n) != other.runs_of(n))

    def _build(self) -> dict[int, tuple[Run, ...]]:
        """Sweep the span boundaries in Qt position order, keeping the spans that cover the
        stretch between two boundaries; each covered stretch becomes runs, cut at blocks."""
        to_qt = self.text_map.to_qt
        events: list[tuple[int, int, int]] = []  # (qt position, 0 = end / 1 = start, index)
        for index, span in enumerate(self.spans):
            events.append((to_qt(span.start), 1, index))
            events.append((to_qt(span.end), 0, index))
        events.sort()
        starts = self.block_starts
        # A block's text ends before its separator, which gets no format.
        ends = [start - 1 for start in starts[1:]] + [self.text_map.display_length]
        singles: dict[str, Look] = {}
        runs: dict[int, list[Run]] = {}
        active: dict[int, StoredSpan] = {}
        number = 0  # the block of the stretch; stretches only move forward
        previous = 0
        for position, kind, index in events:
            if active and position > previous:
                if len(active) == 1:
                    (only,) = active.values()
                    look = singles.get(only.label)
                    if look is None:
                        look = singles[only.label] = Look(only.label, None, (only.label,), 1)
                else:
                    look = _look(active.values())
                while ends[number] <= previous and number + 1 < len(starts):
                    number += 1
                block = number
                while block < len(starts) and starts[block] < position:
                    low, high = max(previous, starts[block]), min(position, ends[block])
                    if low < high:
                        block_runs = runs.setdefault(block, [])
                        offset, length = low - starts[block], high - low
                        last = block_runs[-1] if block_runs else None
                        if last and last.look == look and last.start + last.length == offset:
                            block_runs[-1] = Run(last.start, last.length + length, look)
                        else:
                            block_runs.append(Run(offset, length, look))
                    block += 1
            if kind:
                active[index] = self.spans[index]
            else:
                del active[index]
            previous = position
        return {block: tuple(block_runs) for block, block_runs in runs.items()}
