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

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import accumulate, compress, repeat
from operator import gt, sub

from annotator.core.tokens import token_patterns

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
        return slices(text, self.starts, self.ends)


def slices(text: str, starts: Iterable[int], ends: Iterable[int]) -> list[str]:
    """``text[start:end]`` for each pair of ``starts`` and ``ends``, with no Python step."""
    return list(map(text.__getitem__, map(slice, starts, ends)))


@cache
def _token_or_blank() -> re.Pattern[str]:
    token_re, _ = token_patterns()
    # A token with the one space after it, or a run of whitespace (what is left of it): the
    # matches follow each other without gaps and cover the whole text.
    return re.compile(f"(?:{token_re.pattern}) ?+|\\s++", token_re.flags)


def token_layout(text: str, spans: Iterable[SpanTuple] = ()) -> TokenLayout:
    """The tokens of ``text`` split at every start and end of ``spans``, with the whitespace
    between them laid out as spaCy holds it (see the module's docstring)."""
    # Speed (bench/format_export.py): the layout without spans comes from one findall and
    # passes of map over its pieces, with no Python step per token; spans then change it
    # where they must, a few steps each.
    pieces = _token_or_blank().findall(text)
    blank = list(map(str.isspace, pieces))
    # A token holds no whitespace, so a piece that is not blank ends in a space only when
    # the space after its token came with it.
    spaces = list(map(gt, map(str.endswith, pieces, repeat(" ")), blank))
    bounds = list(accumulate(map(len, pieces), initial=0))
    starts = bounds[:-1]
    ends = list(map(sub, bounds[1:], spaces))
    layout = TokenLayout(starts, ends, spaces, blank)
    spans_seen = spans if isinstance(spans, Sequence) else list(spans)
    if not spans_seen:
        return layout
    # The text's own edges count: a span ending at the text's end over a final space keeps
    # that space as a token of its own (the span ends after it).
    span_starts = {start for start, _, _ in spans_seen if 0 <= start < len(text)}
    span_ends = {end for _, end, _ in spans_seen if 0 < end <= len(text)}
    # One space after a word is the word's own whitespace (spaCy's ``spaces``) unless a span
    # starts at it or ends just after it: then it is whitespace of its own. Most span edges
    # are token edges already: sets leave only the others to the steps below.
    detached = set(compress(ends, spaces)) & (span_starts | {end - 1 for end in span_ends})
    for space_at in sorted(detached):
        _detach_space(layout, space_at)
    # A detached space joins the whitespace after it, and a span edge may fall between them.
    edges = span_starts | span_ends
    cuts = edges.difference(bounds, ends)
    cuts.update(edges.intersection(space_at + 1 for space_at in detached))
    for cut in sorted(cuts):
        _cut(layout, cut)
    return layout


def _detach_space(layout: TokenLayout, space_at: int) -> None:
    """The space at ``space_at``, a token's trailing space, made whitespace of its own: joined
    to the whitespace token right after it, or a token by itself."""
    starts, ends, spaces, blank = layout.starts, layout.ends, layout.spaces, layout.blank
    index = bisect_right(starts, space_at) - 1
    spaces[index] = False
    after = index + 1
    if after < len(starts) and blank[after]:
        starts[after] = space_at
        return
    starts.insert(after, space_at)
    ends.insert(after, space_at + 1)
    spaces.insert(after, False)
    blank.insert(after, True)


def _cut(layout: TokenLayout, cut: int) -> None:
    """The token holding ``cut`` strictly inside it split there in two of the same kind, the
    second keeping its trailing space."""
    starts, ends, spaces, blank = layout.starts, layout.ends, layout.spaces, layout.blank
    index = bisect_right(starts, cut) - 1
    if index < 0 or not starts[index] < cut < ends[index]:
        return
    after = index + 1
    starts.insert(after, cut)
    ends.insert(after, ends[index])
    spaces.insert(after, spaces[index])
    blank.insert(after, blank[index])
    ends[index] = cut
    spaces[index] = False


def word_indexes(layout: TokenLayout) -> list[int]:
    """The indexes of the layout's tokens that are not whitespace, in order."""
    return [index for index, blank in enumerate(layout.blank) if not blank]


def token_ranges(
    starts: Sequence[int], ends: Sequence[int], spans: Iterable[SpanTuple]
) -> list[tuple[int, int] | None]:
    """For each span, ``(first, last)`` indexes (inclusive) of the tokens it covers exactly,
    among the tokens ``starts``/``ends``; None when its start or end is not a token edge (in
    the word tokens of a layout: a span that starts or ends in whitespace)."""
    ranges: list[tuple[int, int] | None] = []
    for start, end, _ in spans:
        first = bisect_left(starts, start)
        last = bisect_left(ends, end)
        found = first < len(starts) and starts[first] == start
        if found and last < len(ends) and ends[last] == end:
            ranges.append((first, last))
        else:
            ranges.append(None)
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
