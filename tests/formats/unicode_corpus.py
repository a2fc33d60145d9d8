"""The Unicode corpus every reader is tested on: emoji and flags, CRLF, a lone CR, tabs, NBSP,
combining marks, Dari with ZWNJ, U+2029, nested spans and spans at the text's edges; and the
relations between its spans. Each file of a format is written from it in that format's own
shape, and what the reader reads must be it exactly."""

# The texts hold Dari and Devanagari on purpose.
# ruff: noqa: RUF001

from __future__ import annotations

import re
from dataclasses import dataclass

Span = tuple[int, int, str]


def at(text: str, piece: str, label: str, occurrence: int = 0) -> Span:
    """The span of the ``occurrence``-th ``piece`` in ``text``, labelled ``label``."""
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(piece, start + 1)
    return (start, start + len(piece), label)


@dataclass(frozen=True)
class Doc:
    id: str
    text: str
    spans: tuple[Span, ...]  # in order: relations index them
    relations: tuple[tuple[int, int, str], ...] = ()


_EMOJI = "🇦🇫 Kabul 👩\u200d💻 Ana 👍🏿 met\u00a0officials."
_BREAKS = "Herat\r\nattack\rkilled 12\ttoday\u2029in Mazar"
_SCRIPTS = "e\u0301te\u0301 کابل می\u200cخواهم क्षत्रिय"

CORPUS = (
    Doc(
        "emoji",
        _EMOJI,
        (
            at(_EMOJI, "🇦🇫 Kabul", "PLACE"),  # at the start
            at(_EMOJI, "Kabul", "PLACE"),  # nested in the one before
            at(_EMOJI, "Ana", "ACTOR"),
            at(_EMOJI, "met", "EVENT"),
            at(_EMOJI, "officials.", "ACTOR"),  # at the end, after an NBSP
        ),
        ((3, 2, "agent"), (3, 1, "location")),
    ),
    Doc(
        "breaks",
        _BREAKS,
        (
            at(_BREAKS, "Herat\r\nattack\rkilled", "EVENT"),  # across CRLF and a lone CR
            at(_BREAKS, "Herat", "PLACE"),
            at(_BREAKS, "12\ttoday", "FIGURE"),  # a tab inside
            at(_BREAKS, "today\u2029in Mazar", "EVENT"),  # across U+2029, to the end
            at(_BREAKS, "Mazar", "PLACE"),
        ),
        ((0, 1, "location"), (3, 4, "location"), (0, 2, "count")),
    ),
    Doc(
        "scripts",
        _SCRIPTS,
        (
            at(_SCRIPTS, "e\u0301te\u0301", "EVENT"),  # combining marks, at the start
            at(_SCRIPTS, "کابل", "PLACE"),
            at(_SCRIPTS, "می\u200cخواهم", "EVENT"),  # Dari with a ZWNJ
            at(_SCRIPTS, "क्षत्रिय", "ACTOR"),  # at the end
        ),
        ((2, 3, "agent"),),
    ),
)


def tokens(text: str) -> list[tuple[int, int]]:
    """(start, end) of each run of non-whitespace: the corpus's spans fall on these."""
    return [match.span() for match in re.finditer(r"\S+", text)]


def words_and_spaces(text: str) -> tuple[list[str], list[bool]]:
    """spaCy's ``Doc(words, spaces)`` for ``text``: a token's one following space is its
    ``spaces`` flag; any other whitespace is a token of its own."""
    words: list[str] = []
    spaces: list[bool] = []
    position = 0
    for start, end in [*tokens(text), (len(text), len(text))]:
        gap = text[position:start]
        if words and gap.startswith(" "):
            spaces[-1], gap = True, gap[1:]
        if gap:
            words.append(gap)
            spaces.append(False)
        if end > start:
            words.append(text[start:end])
            spaces.append(False)
        position = end
    return words, spaces


def token_index(text: str, offset: int, *, end: bool = False) -> int:
    """The index of the token starting (or, with ``end``, ending) at ``offset``."""
    found = [i for i, (s, e) in enumerate(tokens(text)) if (e if end else s) == offset]
    assert found, f"{offset} is no token boundary of {text!r}"
    return found[0]
