"""Paragraph breaks: a selection snapped to words stays inside one paragraph.

A paragraph break is where the article view starts a new paragraph (Qt's blocks,
:data:`annotator.core.offsets.BLOCK_BREAK`): ``\\r\\n``, ``\\n``, a lone ``\\r`` and U+2029
PARAGRAPH SEPARATOR. U+2028 LINE SEPARATOR is a line break *inside* a paragraph (so Unicode
defines it, and so Qt shows it) and does not stop a selection; neither do the breaks the view
adds to very long paragraphs (:func:`annotator.core.offsets.soft_breaks`), which are not in the
stored text.

Offsets are code points into the stored text, end exclusive.
"""

from __future__ import annotations

from annotator.core.offsets import BLOCK_BREAK
from annotator.core.tokens import Tokens

PARAGRAPH_BREAK = BLOCK_BREAK


def crosses_paragraph_break(text: str, start: int, end: int) -> bool:
    """True when ``text[start:end]`` holds a paragraph break, or part of a ``\\r\\n``."""
    return PARAGRAPH_BREAK.search(text, start, end) is not None


def paragraph_pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """``[start, end)`` cut at the paragraph breaks inside it, the breaks left out, in text
    order; empty pieces are dropped."""
    pieces: list[tuple[int, int]] = []
    for found in PARAGRAPH_BREAK.finditer(text, start, end):
        if found.start() > start:
            pieces.append((start, found.start()))
        start = found.end()
    if end > start:
        pieces.append((start, end))
    return pieces


def snap_in_paragraph(tokens: Tokens, anchor: int, position: int) -> tuple[int, int] | None:
    """A drag from ``anchor`` (where the mouse went down) to ``position`` (where it came up),
    snapped to whole tokens as :meth:`Tokens.snap` does, but never across a paragraph break: it
    keeps to the anchor's paragraph, or, if the drag covers no token there (it began on an
    empty line), to the first paragraph towards ``position`` where it covers one.

    None when the drag covers no token at all.
    """
    start, end = min(anchor, position), max(anchor, position)
    pieces = paragraph_pieces(tokens.text, start, end)
    if not pieces:  # a caret, or nothing but breaks: as Tokens.snap has it
        return tokens.snap(start, end) if start == end else None
    if position < anchor:
        pieces.reverse()
    for piece in pieces:
        snapped = tokens.snap(*piece)
        if snapped is not None:
            return snapped
    return None
