"""Line and paragraph spacing for a QPlainTextEdit.

QPlainTextDocumentLayout (the lazy layout QPlainTextEdit needs) ignores QTextBlockFormat's
line height and margins: lines sit at font height, paragraphs touch. :class:`SpacedLayout`
adds the spacing after Qt has laid a block out: it moves the block's lines apart (every line
gets ``line_height`` times its natural height, the extra split above and below the text, as
CSS does) and adds ``paragraph_gap`` pixels below the block. QPlainTextEdit reads block
heights only through ``blockBoundingRect`` and line positions from the layout itself, so
painting, hit testing, cursor rectangles and scrolling all follow. A line that carries a
relation arc (``needs_room``) also gets ``room_above`` pixels more above it; the others keep
their spacing, so an article with a few arcs is not spread thin.

It also aligns each paragraph by its own direction. QPlainTextDocumentLayout gives every block
the document's one QTextOption, so a right-to-left paragraph (Arabic, Dari), though Qt detects
its direction and shapes it right to left, would hang from the left edge. Alignment is applied
when lines are drawn, not when they are broken, so setting it after Qt's layout is enough.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QTextBlock, QTextDocument
from PySide6.QtWidgets import QPlainTextDocumentLayout


class SpacedLayout(QPlainTextDocumentLayout):
    """A plain-text document layout with line spacing and a gap after each paragraph."""

    def __init__(
        self, document: QTextDocument, line_height: float = 1.45, paragraph_gap: float = 8.0
    ) -> None:
        super().__init__(document)
        self.line_height = line_height
        self.paragraph_gap = paragraph_gap
        self.room_above = 0.0  # pixels more above a line with arcs (they are drawn there)
        # Whether the line of Qt positions [low, high) carries an arc.
        self.needs_room: Callable[[int, int], bool] = lambda low, high: False

    def set_room_above(self, room: float, needs_room: Callable[[int, int], bool]) -> None:
        """Keep ``room`` pixels free above each line for which ``needs_room(low, high)`` (its
        Qt positions) holds; every block is laid out again (lazily) when ``room`` changes."""
        self.needs_room = needs_room
        if room != self.room_above:
            self.room_above = room
            document = self.document()
            document.markContentsDirty(0, document.characterCount())

    def lay_out_again(self, positions: Iterable[int]) -> None:
        """Lay out again the blocks holding these Qt positions (where arcs came or went)."""
        document = self.document()
        numbers = {document.findBlock(position).blockNumber() for position in positions}
        for number in sorted(numbers):
            block = document.findBlockByNumber(number)
            if block.isValid():
                document.markContentsDirty(block.position(), block.length())

    def blockBoundingRect(self, block: QTextBlock) -> QRectF:
        rect = super().blockBoundingRect(block)  # lays the block out if it is not yet
        layout = block.layout()
        count = layout.lineCount()
        if not count:
            return rect
        first = layout.lineAt(0)
        # Qt puts a freshly laid out block's first line at y = 0; a spaced one sits lower.
        if first.y() == 0:
            option = layout.textOption()
            right_to_left = block.textDirection() == Qt.LayoutDirection.RightToLeft
            option.setAlignment(
                Qt.AlignmentFlag.AlignRight if right_to_left else Qt.AlignmentFlag.AlignLeft
            )
            layout.setTextOption(option)
            y = 0.0
            base = block.position()
            for number in range(count):
                line = layout.lineAt(number)
                height = line.height()
                low = base + line.textStart()
                if self.room_above and self.needs_room(low, low + line.textLength()):
                    y += self.room_above
                line.setPosition(QPointF(line.x(), y + height * (self.line_height - 1) / 2))
                y += height * self.line_height
            rect = super().blockBoundingRect(block)
        last = layout.lineAt(count - 1)
        below = last.height() * (self.line_height - 1) / 2 + self.paragraph_gap
        return QRectF(rect.x(), rect.y(), rect.width(), rect.height() + below)
