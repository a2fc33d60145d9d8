"""The review queue as a table: documents with finished annotations, most disputed first.

The order is taken when the queue is (re)loaded and then kept while the reviewer works (a
list that re-sorts itself under the mouse loses your place); only the gold column follows
each change. Refreshing reloads and re-sorts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from annotator.core.status import SetStatus
from annotator.store.adjudication import ReviewItem

DOCUMENT_ID_ROLE = Qt.ItemDataRole.UserRole + 12
MUTED = QColor("#6b7280")
GOLD_TEXT = {None: "—", SetStatus.IN_PROGRESS: "◐", SetStatus.DONE: "✓"}
GOLD_WORDS = {None: "not started", SetStatus.IN_PROGRESS: "in progress", SetStatus.DONE: "done"}
GOLD_COLOUR = {None: "#9aa0a6", SetStatus.IN_PROGRESS: "#c77c02", SetStatus.DONE: "#2e7d32"}

Index = QModelIndex | QPersistentModelIndex


class ReviewQueueModel(QAbstractTableModel):
    COLUMNS = ("Document", "By", "Disputed", "Gold")
    DOCUMENT, DONE_BY, DISPUTED, GOLD = range(4)

    def __init__(self) -> None:
        super().__init__()
        self._items: list[ReviewItem] = []
        self._small = QFont()
        self._small.setPointSizeF(max(self._small.pointSizeF() - 1.0, 7.0))

    def reset(self, items: Sequence[ReviewItem]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

    def set_gold_status(self, document_id: int, status: SetStatus | None) -> None:
        row = self.row_of(document_id)
        if row is None:
            return
        self._items[row] = replace(self._items[row], gold_status=status)
        index = self.index(row, self.GOLD)
        self.dataChanged.emit(index, index)

    def row_of(self, document_id: int) -> int | None:
        return next((n for n, item in enumerate(self._items) if item.id == document_id), None)

    def item_at(self, row: int) -> ReviewItem:
        return self._items[row]

    def items(self) -> list[ReviewItem]:
        return list(self._items)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._items)

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
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        item = self._items[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.DOCUMENT:
                return item.title or item.external_id
            if column == self.DONE_BY:
                return str(item.annotators)
            if column == self.DISPUTED:
                return f"{item.disputed}/{item.candidates}"
            return GOLD_TEXT[item.gold_status]
        if role == Qt.ItemDataRole.ToolTipRole:
            return (
                f"{item.external_id}\n{item.title}\n"
                f"finished by {item.annotators} annotator(s); "
                f"{item.disputed} of {item.candidates} candidate span(s) disputed; "
                f"gold {GOLD_WORDS[item.gold_status]}"
            )
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == self.GOLD:
                return QColor(GOLD_COLOUR[item.gold_status])
            if column != self.DOCUMENT:
                return MUTED
        elif role == Qt.ItemDataRole.FontRole and column != self.DOCUMENT:
            return self._small
        elif role == Qt.ItemDataRole.TextAlignmentRole and column != self.DOCUMENT:
            return int(Qt.AlignmentFlag.AlignCenter)
        elif role == DOCUMENT_ID_ROLE:
            return item.id
        return None
