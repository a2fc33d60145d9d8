"""Tokens: what a selection snaps to and what agreement counts as units.

A token is either a *word* (letters, digits, underscores and combining marks, with zero-width
joiners/non-joiners inside it, as Persian and Dari write them, and hyphens between letters:
"Qala-e-Zal", "US-led" and "Ğazi-Ḥusrev" are one word each, see :data:`HYPHENS`) or a
*symbol*: any other
non-space character together with the combining marks, variation selectors, emoji modifiers
and zero-width-joined characters that follow it (so an emoji sequence is one token; a flag, a
pair of regional indicators, is one too).
Whitespace, including NBSP, separates tokens and is never part of one.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from itertools import accumulate, chain
from operator import sub

# Where Unicode has combining marks: planes 0 and 1, and plane 14's variation selectors.
# Planes 2-13 hold ideographs and nothing yet, 15-16 private use (tests/core/test_tokens.py
# checks this against every code point). Scanning only these is 8x faster at start-up.
MARK_PLANES = (range(0, 0x20000), range(0xE0000, 0xE1000))

# The hyphens that join two words into one when each side is a letter (its combining marks
# allowed): hyphen-minus, soft hyphen, Armenian hyphen, Hebrew maqaf, U+2010 HYPHEN and
# U+2011 NON-BREAKING HYPHEN. Not dashes: an en dash (U+2013) between two names leaves them
# two words; nor a hyphen beside a digit, a space or another hyphen: "2010-2012", "F-16",
# "a--b" and "a - b" stay apart.
HYPHENS = "-\u00ad\u058a\u05be\u2010\u2011"


def _mark_classes(scan: Iterable[range] = MARK_PLANES) -> tuple[str, str]:
    """Regex class bodies for every combining mark (Unicode categories Mn, Mc, Me): those in
    the Basic Multilingual Plane, and those above it."""
    planes: tuple[list[tuple[int, int]], list[tuple[int, int]]] = ([], [])
    for code in chain.from_iterable(scan):
        if unicodedata.category(chr(code))[0] == "M":
            ranges = planes[code > 0xFFFF]
            if ranges and ranges[-1][1] == code - 1:
                ranges[-1] = (ranges[-1][0], code)
            else:
                ranges.append((code, code))
    bmp, astral = (
        "".join(f"\\U{a:08x}-\\U{b:08x}" if a != b else f"\\U{a:08x}" for a, b in ranges)
        for ranges in planes
    )
    return bmp, astral


@cache
def token_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(a token, a word character): the compiled patterns every tokenization uses, built once.

    Agreement scans whole corpora with the token pattern directly; it must be this one, so that
    agreement counts the same tokens the window snaps to.
    """
    marks, astral_marks = _mark_classes()
    # Speed (agreement tokenizes whole corpora; bench/agreement.py): re tests a class's BMP
    # members with one table lookup but its astral ranges one by one, hundreds of them for the
    # marks, at every character that is not in the table. So an astral character is matched
    # on its own and checked against them by a lookbehind; and repeats are possessive (a word
    # never gives a character back). Same tokens, two to three times faster.
    astral_mark = f"[\\U00010000-\\U0010ffff](?<=[{astral_marks}])"
    word_char = f"(?:[\\w{marks}]|{astral_mark})"
    word_run = f"{word_char}[\\w{marks}]*+(?:{astral_mark}[\\w{marks}]*+)*+"
    letter = "[^\\W\\d_]"
    hyphen = f"(?<={letter}|[{marks}])[{HYPHENS}](?={letter})"
    word = f"{word_run}(?:(?:[\\u200c\\u200d]|{hyphen}){word_run})*+"
    trail = f"[{marks}\\ufe00-\\ufe0f\\U0001f3fb-\\U0001f3ff]|{astral_mark}|\\u200d[^\\s]"
    # A flag is a pair of regional indicators; split, each half would show as a letter box.
    flag = "[\\U0001f1e6-\\U0001f1ff]{2}"
    symbol = f"(?:{flag}|[^\\s])(?:{trail})*+"
    return re.compile(f"{word}|{symbol}"), re.compile(word_char)


@cache
def _token_and_space() -> re.Pattern[str]:
    token_re, _ = token_patterns()
    # The whitespace before a token, then the token: matches follow each other without gaps.
    return re.compile(f"\\s*+(?:{token_re.pattern})", token_re.flags)


def token_marks(text: str) -> list[int]:
    """0, then the end offset of every token of ``text`` (exactly the tokens of
    ``Tokens(text)``), found without a Python step per token: ``len(marks) - 1`` tokens."""
    return list(accumulate(map(len, _token_and_space().findall(text)), initial=0))


def token_bounds(text: str) -> tuple[list[int], list[int]]:
    """(starts, ends) of the tokens of ``text``, as ``Tokens(text).starts`` and ``.ends``,
    found without a Python step per token."""
    pieces = _token_and_space().findall(text)
    ends = list(accumulate(map(len, pieces)))
    starts = list(map(sub, ends, map(len, map(str.lstrip, pieces))))
    return starts, ends


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    is_word: bool


class Tokens:
    """The tokens of one text, with lookups by code point offset."""

    def __init__(self, text: str) -> None:
        token_re, word_re = token_patterns()
        self.text = text
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.words: list[bool] = []
        for match in token_re.finditer(text):
            self.starts.append(match.start())
            self.ends.append(match.end())
            self.words.append(word_re.match(text, match.start()) is not None)

    def __len__(self) -> int:
        return len(self.starts)

    def __getitem__(self, index: int) -> Token:
        return Token(self.starts[index], self.ends[index], self.words[index])

    def spans(self) -> list[tuple[int, int]]:
        return list(zip(self.starts, self.ends, strict=True))

    def overlapping(self, start: int, end: int) -> range:
        """Indices of the tokens that share at least one character with ``[start, end)``."""
        first = bisect_right(self.ends, start)
        last = bisect_left(self.starts, end)
        return range(first, max(first, last))

    def at_or_after(self, offset: int) -> int | None:
        """Index of the token containing ``offset``, else the next one, else None."""
        index = bisect_right(self.ends, offset)
        return index if index < len(self) else None

    def before(self, offset: int) -> int | None:
        """Index of the last token that ends at or before ``offset``, else None."""
        index = bisect_right(self.ends, offset) - 1
        return index if index >= 0 else None

    def snap(self, start: int, end: int) -> tuple[int, int] | None:
        """The selection ``[start, end)`` widened to whole tokens, then trimmed of leading and
        trailing symbol tokens (punctuation) unless it holds nothing else.

        None when the selection covers no token (only whitespace, or nothing).
        """
        start, end = min(start, end), max(start, end)
        hit = self.overlapping(start, end)
        if not hit and start == end:
            # A caret inside a word selects that word.
            index = bisect_right(self.ends, start)
            if index < len(self) and self.starts[index] < start:
                hit = range(index, index + 1)
        if not hit:
            return None
        first, last = hit.start, hit.stop - 1
        while first < last and not self.words[first]:
            first += 1
        while last > first and not self.words[last]:
            last -= 1
        if not self.words[first]:
            first, last = hit.start, hit.stop - 1
        return self.starts[first], self.ends[last]


def trim_whitespace(text: str, start: int, end: int) -> tuple[int, int] | None:
    """``[start, end)`` without leading and trailing whitespace; None if nothing is left.

    Used for exact (Alt) selections, which keep punctuation and partial words.
    """
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return (start, end) if start < end else None
