"""The open document's spans as a table model: label (with its colour), text, offsets.

Rows follow the store's order (start, end, label); inserts and removals are announced row by
row so the list keeps its scroll position and selection while you label.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont, QIcon

from annotator.core.labels import LabelSchema
from annotator.gui.label_bar import colour_chip
from annotator.store.annotations import StoredSpan

SPAN_ID_ROLE = Qt.ItemDataRole.UserRole + 1
MUTED = QColor("#6b7280")
TEXT_LIMIT = 60

Index = QModelIndex | QPersistentModelIndex


def one_line(text: str, limit: int = TEXT_LIMIT) -> str:
    """A span's text on one line: line breaks shown as ⏎, tabs as spaces, long text cut."""
    flat = text.replace("\r\n", "⏎").replace("\n", "⏎").replace("\r", "⏎").replace("\t", " ")
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


class SpanListModel(QAbstractTableModel):
    COLUMNS = ("Label", "Text", "Offsets")
    LABEL, TEXT, OFFSETS = range(3)

    def __init__(self) -> None:
        super().__init__()
        self._text = ""
        self._spans: list[StoredSpan] = []
        self._chips: dict[str, QIcon] = {}
        # Label names and offsets in a smaller type: the span's text gets the room.
        self._small = QFont()
        self._small.setPointSizeF(max(self._small.pointSizeF() - 1.5, 7.0))

    def reset(self, text: str, spans: Sequence[StoredSpan], schema: LabelSchema) -> None:
        self.beginResetModel()
        self._text = text
        self._spans = sorted(spans)
        self._chips = {label.name: colour_chip(label.color) for label in schema}
        self.endResetModel()

    def insert(self, spans: Sequence[StoredSpan]) -> None:
        for span in spans:
            row = bisect_left(self._spans, span)
            self.beginInsertRows(QModelIndex(), row, row)
            self._spans.insert(row, span)
            self.endInsertRows()

    def remove(self, span_ids: Sequence[int]) -> None:
        for span_id in span_ids:
            row = self.row_of(span_id)
            if row is None:
                continue
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._spans[row]
            self.endRemoveRows()

    def replace(self, span: StoredSpan) -> None:
        """A relabelled span (same id): moved to its new sorted place."""
        self.remove([span.id])
        self.insert([span])

    def row_of(self, span_id: int) -> int | None:
        return next((row for row, span in enumerate(self._spans) if span.id == span_id), None)

    def span_at(self, row: int) -> StoredSpan:
        return self._spans[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._spans)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(self.COLUMNS)
        ):
            return self.COLUMNS[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._spans):
            return None
        span = self._spans[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.LABEL:
                return span.label
            if column == self.TEXT:
                return one_line(self._text[span.start : span.end])
            if column == self.OFFSETS:
                return f"{span.start}\u2013{span.end}"
        elif role == Qt.ItemDataRole.DecorationRole and column == self.LABEL:
            return self._chips.get(span.label) or colour_chip("#888888")
        elif role == Qt.ItemDataRole.ToolTipRole:
            return (
                f"{span.label} {span.start}\u2013{span.end} (code points, end exclusive)\n"
                f"{self._text[span.start : span.end]}"
            )
        elif role == Qt.ItemDataRole.TextAlignmentRole and column == self.OFFSETS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        elif role == Qt.ItemDataRole.FontRole and column != self.TEXT:
            return self._small
        elif role == Qt.ItemDataRole.ForegroundRole and column == self.OFFSETS:
            return MUTED
        elif role == SPAN_ID_ROLE:
            return span.id
        return None
