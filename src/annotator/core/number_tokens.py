"""Numbers as spaCy sees them, on the window's tokens: what token patterns match against.

The window's tokens (:mod:`annotator.core.tokens`) split ``2,000`` into ``2``, ``,`` and
``000``; spaCy's English tokenizer keeps it one token, and an EntityRuler pattern such as
``[{"LIKE_NUM": true}, {"LOWER": "families"}]`` is written for that. :func:`pattern_pieces`
joins a run of digits with ``,`` or ``.`` between digit groups (``2,000``, ``1.5``,
``1,234.5``) into one piece, so a pattern written for spaCy matches here as it does there,
while every piece still begins and ends where a window token does. :func:`like_num` is
spaCy's English ``LIKE_NUM``.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from annotator.core.tokens import Tokens

_GROUPED = re.compile(r"\d+(?:[.,]\d+)+")
_CARDINALS = frozenset(
    [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
        "twenty",
        "thirty",
        "forty",
        "fifty",
        "sixty",
        "seventy",
        "eighty",
        "ninety",
        "hundred",
        "thousand",
        "million",
        "billion",
        "trillion",
        "quadrillion",
        "gajillion",
        "bazillion",
    ]
)
_ORDINALS = frozenset(
    [
        "first",
        "second",
        "third",
        "fourth",
        "fifth",
        "sixth",
        "seventh",
        "eighth",
        "ninth",
        "tenth",
        "eleventh",
        "twelfth",
        "thirteenth",
        "fourteenth",
        "fifteenth",
        "sixteenth",
        "seventeenth",
        "eighteenth",
        "nineteenth",
        "twentieth",
        "thirtieth",
        "fortieth",
        "fiftieth",
        "sixtieth",
        "seventieth",
        "eightieth",
        "ninetieth",
        "hundredth",
        "thousandth",
        "millionth",
        "billionth",
        "trillionth",
        "quadrillionth",
        "gajillionth",
        "bazillionth",
    ]
)


def like_num(token: str) -> bool:
    """spaCy's English ``LIKE_NUM``: digits (with ``,`` and ``.`` in them, after one leading
    ``+ - ± ~``), a fraction ``3/4``, a number word (``two``, ``thousand``), an ordinal word
    (``first``) or a digit ordinal (``21st``)."""
    if token.startswith(("+", "-", "±", "~")):
        token = token[1:]
    token = token.replace(",", "").replace(".", "")
    if token.isdigit():
        return True
    if token.count("/") == 1:
        numerator, denominator = token.split("/")
        if numerator.isdigit() and denominator.isdigit():
            return True
    lower = token.lower()
    if lower in _CARDINALS or lower in _ORDINALS:
        return True
    return lower.endswith(("st", "nd", "rd", "th")) and lower[:-2].isdigit()


class Piece(NamedTuple):
    """Window tokens ``first`` up to (not) ``stop`` of a text, and their ``text``."""

    first: int
    stop: int
    text: str


def pattern_pieces(text: str, tokens: Tokens) -> list[Piece]:
    """The window's tokens of ``text``, one piece each except that a grouped number
    (``2,000``) is one piece of its tokens."""
    index_of_end = {end: n for n, end in enumerate(tokens.ends)}
    pieces: list[Piece] = []
    first = 0
    while first < len(tokens):
        found = _GROUPED.match(text, tokens.starts[first])
        last = index_of_end.get(found.end()) if found is not None else None
        stop = last + 1 if last is not None and last > first else first + 1
        pieces.append(Piece(first, stop, text[tokens.starts[first] : tokens.ends[stop - 1]]))
        first = stop
    return pieces
