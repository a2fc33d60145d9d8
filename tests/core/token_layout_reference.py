"""The token layout as first written, one step per piece between cuts: the reference that
:func:`annotator.core.token_spans.token_layout` (built for speed) must equal exactly, so that
the exports it feeds keep their bytes."""

from __future__ import annotations

from bisect import bisect_right
from itertools import pairwise

from annotator.core.tokens import Tokens

Layout = tuple[list[int], list[int], list[bool], list[bool]]


def reference_layout(text: str, spans: list[tuple[int, int, str]]) -> Layout:
    """(starts, ends, spaces, blank) of the tokens of ``text`` cut at every span edge."""
    span_ends = {end for _, end, _ in spans if 0 < end <= len(text)}
    span_starts = {start for start, _, _ in spans if 0 <= start < len(text)}
    tokens = Tokens(text)
    cuts = {*tokens.starts, *tokens.ends, *span_starts, *span_ends, 0, len(text)}
    starts: list[int] = []
    ends: list[int] = []
    spaces: list[bool] = []
    blank: list[bool] = []
    for left, right in pairwise(sorted(cuts)):
        index = bisect_right(tokens.starts, left) - 1
        if index >= 0 and left < tokens.ends[index]:
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
            spaces[-1] = True
            left += 1
            if left == right:
                continue
        starts.append(left)
        ends.append(right)
        spaces.append(False)
        blank.append(True)
    return starts, ends, spaces, blank
