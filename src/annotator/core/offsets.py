"""The one place where stored offsets meet Qt's.

Stored offsets are Python ``str`` indices (code points) into the exact stored text. A Qt text
document counts UTF-16 code units, and its plain-text import turns ``\\r\\n`` into a single
block separator (and ``\\r`` and U+2029 into one each). :class:`TextMap` holds the text shown
to Qt (:attr:`TextMap.display`) and converts positions both ways.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import chain

_SEPARATORS = ("\r", "\u2029")
# What Qt's plain-text import starts a new block (paragraph) at, in the stored text.
BLOCK_BREAK = re.compile("\r\n|[\r\n\u2029]")
# What changes the distance between a stored offset and its Qt position.
_SHIFTS = re.compile("[\U00010000-\U0010ffff]|\r\n")
# A character outside the Basic Multilingual Plane: two UTF-16 code units.
_ASTRAL = re.compile("[\U00010000-\U0010ffff]")
# Qt lays out a paragraph as a whole: a paragraph longer than this is shown broken into lines
# of at most this many characters (see TextMap).
LONG_PARAGRAPH = 2000


def soft_breaks(text: str, limit: int = LONG_PARAGRAPH) -> list[int]:
    """Offsets of the spaces at which to break paragraphs longer than ``limit`` characters:
    after a sentence (". ") in the second half of each ``limit``-long stretch, else at its last
    space; a stretch with no space is not broken."""
    if len(text) <= limit:
        return []
    breaks: list[int] = []
    start = 0
    for match in chain(BLOCK_BREAK.finditer(text), [None]):
        end = len(text) if match is None else match.start()
        position = start
        while end - position > limit:
            low, high = position + limit // 2, position + limit
            cut = text.rfind(". ", low, high)
            cut = cut + 1 if cut != -1 else text.rfind(" ", low, high)
            if cut == -1:
                break
            breaks.append(cut)
            position = cut + 1
        start = end if match is None else match.end()
    return breaks


class TextMap:
    """Converts between code point offsets into ``stored`` and Qt document positions.

    ``display`` is the string to give ``QPlainTextEdit.setPlainText``: ``\\r\\n`` becomes
    ``\\n`` (one position shorter), a lone ``\\r`` or U+2029 becomes ``\\n`` (same length).
    A paragraph longer than :data:`LONG_PARAGRAPH` characters is shown broken at spaces (see
    :func:`soft_breaks`), each such space shown as ``\\n``: same length, so positions do not
    move, and Qt lays out a few short paragraphs instead of one huge one (a single 200 KB
    paragraph took 130-160 ms to show; broken, about 30 ms). Only the display changes: offsets
    and everything stored or exported refer to ``stored``.
    """

    def __init__(self, stored: str) -> None:
        self.stored = stored
        breaks = soft_breaks(stored)
        if breaks:
            chars = list(stored)
            for index in breaks:
                chars[index] = "\u2029"
            # The stored text with the soft breaks: same length, same positions.
            self._shown = "".join(chars)
        else:
            self._shown = stored
        # After code point threshold cp_at[k] (inclusive) the display position is cp + delta[k];
        # disp_at[k] is the same threshold in display positions.
        self._cp_at: list[int] = []
        self._disp_at: list[int] = []
        self._delta: list[int] = []
        delta = 0
        pieces: list[str] = []
        last = 0
        shown = self._shown
        for match in _SHIFTS.finditer(shown):
            index = match.start()
            if match.end() - index == 1:  # an astral character: two UTF-16 units
                delta += 1
                self._record(index + 1, index + 1 + delta, delta)
            else:  # \r\n: one block separator
                pieces.append(shown[last:index])
                last = index + 1  # drop the \r, keep the \n
                delta -= 1
                self._record(index + 2, index + 2 + delta, delta)
        if last == 0 and not any(sep in shown for sep in _SEPARATORS):
            self.display = shown
        else:
            pieces.append(shown[last:])
            self.display = "".join(pieces).replace("\r", "\n").replace("\u2029", "\n")

    def block_starts(self) -> list[int]:
        """The Qt position where each block (paragraph) of :attr:`display` begins."""
        return [0, *(self.to_qt(match.end()) for match in BLOCK_BREAK.finditer(self._shown))]

    def _record(self, cp: int, disp: int, delta: int) -> None:
        self._cp_at.append(cp)
        self._disp_at.append(disp)
        self._delta.append(delta)

    @property
    def display_length(self) -> int:
        """Length of the display text in UTF-16 code units (Qt's positions)."""
        return len(self.stored) + (self._delta[-1] if self._delta else 0)

    def to_qt(self, offset: int) -> int:
        """Qt document position of code point ``offset`` (0 <= offset <= len(stored))."""
        index = bisect_right(self._cp_at, offset) - 1
        return offset + (self._delta[index] if index >= 0 else 0)

    def from_qt(self, position: int) -> int:
        """Code point offset of Qt document ``position``.

        A position inside a surrogate pair rounds down to the start of that character.
        """
        index = bisect_right(self._disp_at, position) - 1
        delta = self._delta[index] if index >= 0 else 0
        if index + 1 < len(self._delta) and self._delta[index + 1] > delta:
            # Between the two UTF-16 units of the next astral character.
            next_disp = self._disp_at[index + 1]
            if position == next_disp - 1:
                return self._cp_at[index + 1] - 1
        return position - delta


class Utf16Offsets:
    """Converts UTF-16 code unit offsets into ``text`` (what JavaScript's string indices count,
    and some tools write to files) into code point offsets; no line breaks change, unlike
    :class:`TextMap`, which is Qt's view of the text."""

    def __init__(self, text: str) -> None:
        self.text = text
        # The UTF-16 offset just after each astral character (two units, one code point).
        self._after_astral = [
            match.start() + number + 2 for number, match in enumerate(_ASTRAL.finditer(text))
        ]

    def to_code_point(self, units: int) -> int | None:
        """The code point offset at UTF-16 offset ``units``; None when ``units`` falls between
        the two halves of a character or outside the text."""
        before = bisect_right(self._after_astral, units)
        offset = units - before
        if not 0 <= offset <= len(self.text):
            return None
        inside = before < len(self._after_astral) and self._after_astral[before] == units + 1
        return None if inside else offset  # inside: between an astral character's two units
