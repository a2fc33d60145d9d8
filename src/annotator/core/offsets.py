"""The one place where stored offsets meet Qt's.

Stored offsets are Python ``str`` indices (code points) into the exact stored text. A Qt text
document counts UTF-16 code units, and its plain-text import turns ``\\r\\n`` into a single
block separator (and ``\\r`` and U+2029 into one each). :class:`TextMap` holds the text shown
to Qt (:attr:`TextMap.display`) and converts positions both ways.
"""

from __future__ import annotations

from bisect import bisect_right

_SEPARATORS = ("\r", "\u2029")


class TextMap:
    """Converts between code point offsets into ``stored`` and Qt document positions.

    ``display`` is the string to give ``QPlainTextEdit.setPlainText``: ``\\r\\n`` becomes
    ``\\n`` (one position shorter), a lone ``\\r`` or U+2029 becomes ``\\n`` (same length).
    """

    def __init__(self, stored: str) -> None:
        self.stored = stored
        # After code point threshold cp_at[k] (inclusive) the display position is cp + delta[k];
        # disp_at[k] is the same threshold in display positions.
        self._cp_at: list[int] = []
        self._disp_at: list[int] = []
        self._delta: list[int] = []
        delta = 0
        pieces: list[str] = []
        last = 0
        for index, char in enumerate(stored):
            if ord(char) > 0xFFFF:
                delta += 1
                self._record(index + 1, index + 1 + delta, delta)
            elif char == "\r" and stored.startswith("\r\n", index):
                pieces.append(stored[last:index])
                last = index + 1  # drop the \r, keep the \n
                delta -= 1
                self._record(index + 2, index + 2 + delta, delta)
        if last == 0 and not any(sep in stored for sep in _SEPARATORS):
            self.display = stored
        else:
            pieces.append(stored[last:])
            self.display = "".join(pieces).replace("\r", "\n").replace("\u2029", "\n")

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
