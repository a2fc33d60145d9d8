"""Painting relations over the article: arcs with their labels, the selected relation, the
spans a relation being drawn may reach, and arrows at the viewport's edge for relations whose
other end is scrolled away. Where the arcs go is :mod:`annotator.gui.relations.arc_layout`.

Only the blocks on screen are looked at: their relation ends are found by bisecting the ends
sorted by position, and each block's segments are laid out once per layout.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import QPlainTextEdit

from annotator.core.relations import RelationSchema
from annotator.gui.relations.arc_layout import MAX_LEVELS, ArcGeometry, Segment
from annotator.gui.view_geometry import range_rects, visible_blocks
from annotator.store.relations import StoredRelation

LABEL_SCALE = 0.72  # the arcs' labels, against the article's font
FIRST_LEVEL = 0.8  # the lowest arc's height, in label heights
LEVEL_STEP = 0.85  # between two levels (labels of stacked arcs never share an x)
UNKNOWN_COLOR = "#8C8C8C"
ARROW = 4.0  # half the width of an arrow head, in pixels

SpanRange = Callable[[int], tuple[int, int] | None]  # span id -> its Qt range, None if not shown


class ArcLayer:
    """The relations of the shown document, drawn over ``edit``'s viewport."""

    def __init__(self, edit: QPlainTextEdit, base: QColor) -> None:
        self._edit = edit
        self._base = QColor(base)
        self._colours: dict[str, QColor] = {}
        self._font = QFont()
        self._metrics = QFontMetricsF(self._font)
        self.geometry = ArcGeometry(self._label_width)
        self.selected: int | None = None  # a relation id
        # A relation being drawn: its source span, the spans it may reach, the current one.
        self._source: tuple[int, int] | None = None
        self._candidates: list[tuple[int, int, str]] = []
        self._current: tuple[int, int] | None = None
        self._colour_of_label: Callable[[str], QColor] = lambda _: QColor(UNKNOWN_COLOR)
        self.follow_font()

    # -- what is shown -------------------------------------------------------------------------

    def room(self) -> float:
        """Pixels above each line the arcs need (0 without relations)."""
        top = FIRST_LEVEL + LEVEL_STEP * (MAX_LEVELS - 1) + 0.55
        return top * self._step() if self.geometry.relations else 0.0

    def follow_font(self) -> None:
        """Labels in a smaller size of the article's font (call after a zoom)."""
        font = QFont(self._edit.font())
        font.setPointSizeF(max(6.0, font.pointSizeF() * LABEL_SCALE))
        self._font = font
        self._metrics = QFontMetricsF(font)
        self.geometry.forget_layout()

    def set_relations(
        self,
        relations: Sequence[StoredRelation],
        schema: RelationSchema,
        span_range: SpanRange,
    ) -> list[int]:
        """Show ``relations``; the Qt positions where arcs came or went."""
        self._colours = {label.name: QColor(label.color) for label in schema}
        changed = self.geometry.set_relations(relations, span_range)
        if self.selected is not None and all(r.id != self.selected for r in relations):
            self.selected = None
        return changed

    def set_marks(
        self,
        source: tuple[int, int] | None,
        candidates: Sequence[tuple[int, int, str]],
        current: tuple[int, int] | None,
        colour_of_label: Callable[[str], QColor],
    ) -> None:
        """Outline ``source`` (a Qt range), the ``candidates`` ``(start, end, span label)``
        and, strongest, ``current``; no ``source``: a relation is not being drawn."""
        self._source, self._candidates, self._current = source, list(candidates), current
        self._colour_of_label = colour_of_label

    def colour(self, label: str) -> QColor:
        return self._colours.get(label) or QColor(UNKNOWN_COLOR)

    # -- painting ------------------------------------------------------------------------------

    def paint(self, painter: QPainter) -> None:
        if self._source is not None:
            self._paint_marks(painter)
        if not self.geometry.relations:
            return
        blocks = list(visible_blocks(self._edit))
        if not blocks:
            return
        painter.setFont(self._font)
        x0 = self._edit.contentOffset().x()
        low = blocks[0][0].position()
        high = blocks[-1][0].position() + blocks[-1][0].length()
        for block, top in blocks:
            origin = QPointF(x0, top)
            for arcs in self.geometry.lines_of(block).values():
                for segment in arcs.segments:
                    self._paint_segment(painter, segment, origin, arcs.top)
        self._paint_offscreen(painter, low, high, x0, {b.blockNumber(): t for b, t in blocks})

    def _step(self) -> float:
        return self._metrics.height()

    def _label_width(self, label: str) -> float:
        return self._metrics.horizontalAdvance(label) + 6

    def _paint_segment(
        self, painter: QPainter, segment: Segment, origin: QPointF, line_top: float
    ) -> None:
        relation = segment.relation
        colour = self.colour(relation.label)
        selected = relation.id == self.selected
        step = self._step()
        base = origin.y() + line_top - 1
        height = (FIRST_LEVEL + LEVEL_STEP * segment.level) * step
        top = base - height
        x1, x2 = origin.x() + segment.x1, origin.x() + segment.x2
        radius = min(step / 2, max(1.0, (x2 - x1) / 2))
        path = QPainterPath()
        if segment.open_left:
            path.moveTo(x1, top)
        else:
            path.moveTo(x1, base)
            path.lineTo(x1, top + radius)
            path.quadTo(x1, top, x1 + radius, top)
        if segment.open_right:
            path.lineTo(x2, top)
        else:
            path.lineTo(x2 - radius, top)
            path.quadTo(x2, top, x2, top + radius)
            path.lineTo(x2, base)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.setPen(QPen(colour, 2.6 if selected else 1.3))
        painter.drawPath(path)
        if segment.arrow is not None:
            tip = origin.x() + segment.arrow
            painter.setBrush(colour)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.drawPolygon(
                QPolygonF(
                    [
                        QPointF(tip, base + 1),
                        QPointF(tip - ARROW, base - 2 * ARROW),
                        QPointF(tip + ARROW, base - 2 * ARROW),
                    ]
                )
            )
        self._paint_label(painter, relation.label, colour, (x1 + x2) / 2, top, selected)

    def _paint_label(
        self, painter: QPainter, text: str, colour: QColor, middle: float, y: float, bold: bool
    ) -> None:
        width = self._label_width(text)
        height = self._step() * 0.92
        box = QRectF(middle - width / 2, y - height / 2, width, height)
        painter.setPen(QPen(colour, 1.6 if bold else 0.8))
        painter.setBrush(self._base)
        painter.drawRoundedRect(box, 3, 3)
        painter.setPen(colour)
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, text)

    def _paint_offscreen(
        self, painter: QPainter, low: int, high: int, x0: float, tops: dict[int, float]
    ) -> None:
        """A small arrow and the label at the top or bottom edge, above or below the visible
        end of each relation whose other end is scrolled away."""
        bottom = self._edit.viewport().height()
        taken: dict[bool, list[tuple[float, float]]] = {True: [], False: []}
        for end in self.geometry.ends_between(low, high):
            other = self.geometry.other_end(end)
            if low <= other.start < high:
                continue
            relation = end.relation
            up = other.start < low
            rects = list(range_rects(self._edit, end.start, end.start + 1))
            x = rects[0].center().x() if rects else x0
            text = f"{'▲' if up else '▼'} {relation.label}"
            width = self._label_width(text)
            left = x - width / 2
            for a, b in sorted(taken[up]):
                if left < b + 2 and left + width > a - 2:
                    left = b + 2
            taken[up].append((left, left + width))
            y = self._step() / 2 + 1 if up else bottom - self._step() / 2 - 1
            colour = self.colour(relation.label)
            self._paint_label(
                painter, text, colour, left + width / 2, y, relation.id == self.selected
            )

    def _paint_marks(self, painter: QPainter) -> None:
        """The relation being drawn: its source solid, the spans it may reach dashed, the
        current one thick."""
        blocks = list(visible_blocks(self._edit))
        if not blocks:
            return
        low = blocks[0][0].position()
        high = blocks[-1][0].position() + blocks[-1][0].length()
        painter.setBrush(Qt.BrushStyle.NoBrush)
        for start, end, label in self._candidates:
            if end < low or start > high:
                continue
            is_current = (start, end) == self._current
            pen = QPen(self._colour_of_label(label), 2.8 if is_current else 1.2)
            pen.setStyle(Qt.PenStyle.SolidLine if is_current else Qt.PenStyle.DashLine)
            painter.setPen(pen)
            for rect in range_rects(self._edit, start, end):
                painter.drawRoundedRect(rect.adjusted(-2.0, -1.5, 2.0, 1.5), 3.0, 3.0)
        if self._source is not None:
            painter.setPen(QPen(QColor("#333333"), 2.0, Qt.PenStyle.DotLine))
            for rect in range_rects(self._edit, *self._source):
                painter.drawRoundedRect(rect.adjusted(-2.5, -2.0, 2.5, 2.0), 3.0, 3.0)
