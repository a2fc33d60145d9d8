"""How suggestions look in the article view: a dashed outline in the label's colour, a little
outside the text so that an annotator's own span (a tint) reads as lying over it; the current
suggestion (the one Enter accepts) has a stronger line and a light wash of its colour.

Ranges here are Qt positions (the view converts stored code points through its TextMap).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import QPlainTextEdit

from annotator.gui.view_geometry import range_rects

QtMark = tuple[int, int, str]  # (Qt start, Qt end, label)
LINE_WIDTH, CURRENT_LINE_WIDTH = 1.3, 2.2
CURRENT_WASH_ALPHA = 45


class SuggestionMarks:
    """The suggestions a view draws, and which one is current."""

    def __init__(self, view: QPlainTextEdit) -> None:
        self.view = view
        self.marks: list[QtMark] = []
        self.current: QtMark | None = None

    def set_marks(self, marks: Sequence[QtMark], current: QtMark | None) -> None:
        self.marks = list(marks)
        self.current = current if current in self.marks else None

    def paint(
        self, painter: QPainter, visible: tuple[int, int], color: Callable[[str], QColor]
    ) -> None:
        """Draw the marks that reach into the Qt range ``visible``."""
        low, high = visible
        for mark in self.marks:
            start, end, label = mark
            if end < low or start > high:
                continue
            current = mark == self.current
            line = QColor(color(label))
            pen = QPen(line, CURRENT_LINE_WIDTH if current else LINE_WIDTH, Qt.PenStyle.DashLine)
            painter.setPen(pen)
            if current:
                wash = QColor(line)
                wash.setAlpha(CURRENT_WASH_ALPHA)
                painter.setBrush(wash)
            else:
                painter.setBrush(Qt.BrushStyle.NoBrush)
            for rect in range_rects(self.view, start, end):
                painter.drawRoundedRect(rect.adjusted(-2.5, -1.5, 2.5, 1.5), 3.5, 3.5)
        painter.setBrush(Qt.BrushStyle.NoBrush)
