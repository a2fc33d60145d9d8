"""Tokens for the token-based export formats (spaCy, Prodigy, CoNLL, Hugging Face datasets).

The tokens are the window's (:class:`annotator.core.tokens.Tokens`), split wherever a span's
start or end falls inside one, so that every span is a whole number of tokens. Offsets are code
point indices into the stored text, end exclusive.

:func:`token_layout` covers the whole text, as spaCy's ``Doc(vocab, words, spaces)`` needs it:
one ASCII space after a token is that token's trailing whitespace; any other whitespace (a
line break, a tab, NBSP, a second space) is a token of its own, so that the words and their
spaces joined give the stored text exactly. :func:`word_indexes` picks the tokens that are
not whitespace: what a one-token-per-line format (CoNLL) and ``tokens`` lists hold.

Token formats cannot nest: :func:`longest_first` keeps the spans that do not overlap, longest
first (spaCy's ``filter_spans`` rule), and the caller says how many were left out.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import pairwise

from annotator.core.tokens import Tokens

SpanTuple = tuple[int, int, str]


@dataclass(frozen=True, slots=True)
class TokenLayout:
    """Tokens covering a whole text: token ``i`` is ``text[starts[i]:ends[i]]``, followed by one
    ASCII space (not part of it) when ``spaces[i]``; ``blank[i]`` when it is whitespace only."""

    starts: list[int]
    ends: list[int]
    spaces: list[bool]
    blank: list[bool]

    def __len__(self) -> int:
        return len(self.starts)

    def words(self, text: str) -> list[str]:
        return [text[start:end] for start, end in zip(self.starts, self.ends, strict=True)]


def token_layout(text: str, spans: Iterable[SpanTuple] = ()) -> TokenLayout:
    """The tokens of ``text`` split at every start and end of ``spans``, with the whitespace
    between them laid out as spaCy holds it (see the module's docstring)."""
    spans_seen = spans if isinstance(spans, Sequence) else list(spans)
    # The text's own edges count: a span ending at the text's end over a final space keeps
    # that space as a token of its own (the span ends after it).
    span_ends = {end for _, end, _ in spans_seen if 0 < end <= len(text)}
    span_starts = {start for start, _, _ in spans_seen if 0 <= start < len(text)}
    tokens = Tokens(text)
    cuts = set(tokens.starts)
    cuts.update(tokens.ends)
    cuts.update(span_starts)
    cuts.update(span_ends)
    cuts.add(0)
    cuts.add(len(text))
    ordered = sorted(cuts)
    starts: list[int] = []
    ends: list[int] = []
    spaces: list[bool] = []
    blank: list[bool] = []
    token_starts, token_ends = tokens.starts, tokens.ends
    for left, right in pairwise(ordered):
        # Inside a token of the window, or in the whitespace between two of them.
        index = bisect_right(token_starts, left) - 1
        in_token = index >= 0 and left < token_ends[index]
        if in_token:
            starts.append(left)
            ends.append(right)
            spaces.append(False)
            blank.append(False)
            continue
        if (
            text[left] == " "
            and ends
            and ends[-1] == left
            and not blank[-1]
            and left not in span_starts
            and left + 1 not in span_ends
        ):
            # One space after a word is the word's own whitespace (spaCy's ``spaces``) unless
            # a span starts at it or ends just after it.
            spaces[-1] = True
            left += 1
            if left == right:
                continue
        starts.append(left)
        ends.append(right)
        spaces.append(False)
        blank.append(True)
    return TokenLayout(starts, ends, spaces, blank)


def word_indexes(layout: TokenLayout) -> list[int]:
    """The indexes of the layout's tokens that are not whitespace, in order."""
    return [index for index, blank in enumerate(layout.blank) if not blank]


def token_ranges(
    starts: Sequence[int], ends: Sequence[int], spans: Iterable[SpanTuple]
) -> list[tuple[int, int] | None]:
    """For each span, ``(first, last)`` indexes (inclusive) of the tokens it covers exactly,
    among the tokens ``starts``/``ends``; None when its start or end is not a token edge (in
    the word tokens of a layout: a span that starts or ends in whitespace)."""
    first_at = {start: index for index, start in enumerate(starts)}
    last_at = {end: index for index, end in enumerate(ends)}
    ranges: list[tuple[int, int] | None] = []
    for start, end, _ in spans:
        first, last = first_at.get(start), last_at.get(end)
        ranges.append((first, last) if first is not None and last is not None else None)
    return ranges


def longest_first(ranges: Sequence[tuple[int, int] | None]) -> list[int]:
    """The indexes of the ranges kept when overlaps are not allowed: longest first (in tokens),
    then the earliest, then the one given first (as :func:`spacy.util.filter_spans`); None
    ranges are never kept. Sorted by position."""
    order = sorted(
        (index for index, found in enumerate(ranges) if found is not None),
        key=lambda index: (_first(ranges, index) - _last(ranges, index), _first(ranges, index)),
    )
    taken: set[int] = set()
    kept: list[int] = []
    for index in order:
        first, last = _first(ranges, index), _last(ranges, index)
        if any(token in taken for token in range(first, last + 1)):
            continue
        taken.update(range(first, last + 1))
        kept.append(index)
    return sorted(kept, key=lambda index: (_first(ranges, index), index))


def _first(ranges: Sequence[tuple[int, int] | None], index: int) -> int:
    found = ranges[index]
    assert found is not None
    return found[0]


def _last(ranges: Sequence[tuple[int, int] | None], index: int) -> int:
    found = ranges[index]
    assert found is not None
    return found[1]


def iob2_tags(count: int, labelled: Iterable[tuple[int, int, str]]) -> list[str]:
    """IOB2 tags for ``count`` tokens: ``B-LABEL`` on the first token of each ``(first, last,
    label)`` (inclusive, not overlapping), ``I-LABEL`` on the rest, ``O`` elsewhere."""
    tags = ["O"] * count
    for first, last, label in labelled:
        tags[first] = f"B-{label}"
        for index in range(first + 1, last + 1):
            tags[index] = f"I-{label}"
    return tags
