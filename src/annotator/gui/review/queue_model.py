"""The review queue as a table: documents with finished annotations, most disputed first.

The order is taken when the queue is (re)loaded and then kept while the reviewer works (a
list that re-sorts itself under the mouse loses your place); only the gold column follows
each change. Refreshing reloads and re-sorts.

A document only one annotator finished has nothing to be disputed against: its candidates are
all "agreed" because nobody else was asked. It is marked "one annotator: not compared" rather
than shown as 0 disputed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from annotator.core.status import SetStatus
from annotator.gui.table_model import MUTED, RecordTableModel, smaller_font
from annotator.store.adjudication import ReviewItem

DOCUMENT_ID_ROLE = Qt.ItemDataRole.UserRole + 12
GOLD_TEXT = {None: "—", SetStatus.IN_PROGRESS: "◐", SetStatus.DONE: "✓"}
GOLD_WORDS = {None: "not started", SetStatus.IN_PROGRESS: "in progress", SetStatus.DONE: "done"}
GOLD_COLOUR = {None: "#9aa0a6", SetStatus.IN_PROGRESS: "#c77c02", SetStatus.DONE: "#2e7d32"}
NOT_COMPARED = "one annotator: not compared"
# Shown across the By and Disputed columns (the queue panel spans them), which have no room for
# the whole phrase; the tooltip and the document's heading say it all.
NOT_COMPARED_SHORT = "not compared"


class ReviewQueueModel(RecordTableModel[ReviewItem]):
    COLUMNS = ("Document", "By", "Disputed", "Gold")
    DOCUMENT, DONE_BY, DISPUTED, GOLD = range(4)

    def __init__(self) -> None:
        super().__init__()
        self.small = smaller_font(1.0)
        self.small_italic = smaller_font(2.0)
        self.small_italic.setItalic(True)

    def reset(self, items: Sequence[ReviewItem]) -> None:
        self.beginResetModel()
        self._rows = list(items)
        self.endResetModel()

    def set_gold_status(self, document_id: int, status: SetStatus | None) -> None:
        row = self.row_of(document_id)
        if row is None:
            return
        self._rows[row] = replace(self._rows[row], gold_status=status)
        index = self.index(row, self.GOLD)
        self.dataChanged.emit(index, index)

    def items(self) -> list[ReviewItem]:
        return list(self._rows)

    def cell(self, item: ReviewItem, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.DOCUMENT:
                return item.title or item.external_id
            if column == self.DONE_BY:
                return str(item.annotators) if item.compared else NOT_COMPARED_SHORT
            if column == self.DISPUTED:
                return f"{item.disputed}/{item.candidates}" if item.compared else ""
            return GOLD_TEXT[item.gold_status]
        if role == Qt.ItemDataRole.ToolTipRole:
            compared = (
                f"{item.disputed} of {item.candidates} candidate span(s) disputed"
                if item.compared
                else f"{NOT_COMPARED} ({item.candidates} candidate span(s))"
            )
            return (
                f"{item.external_id}\n{item.title}\n"
                f"finished by {item.annotators} annotator(s); {compared}; "
                f"gold {GOLD_WORDS[item.gold_status]}"
            )
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == self.GOLD:
                return QColor(GOLD_COLOUR[item.gold_status])
            if column != self.DOCUMENT:
                return MUTED
        elif role == Qt.ItemDataRole.FontRole and column != self.DOCUMENT:
            return self.small if item.compared or column == self.GOLD else self.small_italic
        elif role == Qt.ItemDataRole.TextAlignmentRole and column != self.DOCUMENT:
            return int(Qt.AlignmentFlag.AlignCenter)
        elif role == DOCUMENT_ID_ROLE:
            return item.id
        return None
