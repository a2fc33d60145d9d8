"""Where text sits on screen in a QPlainTextEdit: hit testing and rectangles of ranges.

Positions here are Qt document positions (UTF-16 units, as QTextCursor counts); points and
rectangles are in viewport coordinates. The caller converts to stored offsets with TextMap.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import cast

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QTextBlock, QTextLine
from PySide6.QtWidgets import QPlainTextEdit


def _x_of(line: QTextLine, position: int) -> float:
    """The x of the caret before block position ``position`` on ``line``."""
    x, _ = cast(tuple[float, int], line.cursorToX(position))
    return x


def visible_blocks(edit: QPlainTextEdit) -> Iterator[tuple[QTextBlock, float]]:
    """The blocks on screen with the viewport y of their top."""
    block = edit.firstVisibleBlock()
    top = edit.blockBoundingGeometry(block).translated(edit.contentOffset()).top()
    bottom = edit.viewport().height()
    while block.isValid() and top <= bottom:
        height = edit.blockBoundingRect(block).height()
        yield block, top
        top += height
        block = block.next()


def range_rects(edit: QPlainTextEdit, start: int, end: int) -> Iterator[QRectF]:
    """Viewport rectangles of Qt range ``[start, end)``, one per visible line piece.

    A piece of a line that mixes directions is drawn from its first to its last caret x,
    which may include a little text of the other direction.
    """
    for block, top in visible_blocks(edit):
        block_start = block.position()
        block_end = block_start + block.length() - 1
        if block_end < start:
            continue
        if block_start >= end:
            return
        low, high = max(start, block_start) - block_start, min(end, block_end) - block_start
        if low >= high:
            continue
        layout = block.layout()
        origin = QPointF(edit.contentOffset().x(), top)
        first = layout.lineForTextPosition(low).lineNumber()
        last = layout.lineForTextPosition(high - 1).lineNumber()
        for number in range(max(first, 0), last + 1):
            line = layout.lineAt(number)
            line_start = line.textStart()
            line_end = line_start + line.textLength()
            x1 = _x_of(line, max(low, line_start))
            x2 = _x_of(line, min(high, line_end))
            rect = QRectF(min(x1, x2), line.y(), abs(x2 - x1), line.height())
            yield rect.translated(origin)


def char_at(edit: QPlainTextEdit, point: QPointF) -> int | None:
    """Qt position of the character drawn at viewport ``point``; None off the text (beside a
    short line, in the space between lines or paragraphs)."""
    block = edit.cursorForPosition(point.toPoint()).block()
    if not block.isValid():
        return None
    layout = block.layout()
    origin = edit.blockBoundingGeometry(block).translated(edit.contentOffset()).topLeft()
    x, y = point.x() - origin.x(), point.y() - origin.y()
    for number in range(layout.lineCount()):
        line = layout.lineAt(number)
        rect = line.rect()
        if rect.top() <= y < rect.bottom():
            if not rect.left() <= x < rect.right():
                return None
            offset = line.xToCursor(x, QTextLine.CursorPosition.CursorOnCharacter)
            if offset >= min(line.textStart() + line.textLength(), block.length() - 1):
                return None
            return block.position() + offset
    return None
