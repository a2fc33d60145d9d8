"""The decision log of the open document: who decided what about which span, and why.

The reason column is editable (double-click, or F2): an edit is announced with
``reasonEdited(decision id, text)``, queued, so the panel stores it as an undoable command
after the editor has closed; the log is then read back from the store.
"""

# ruff: noqa: RUF001 (en dashes in offset ranges and key lists are meant)

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QRect,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QFont, QFontMetrics, QIcon
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QWidget,
)

from annotator.core.labels import LabelSchema
from annotator.gui import style
from annotator.gui.label_bar import colour_chip
from annotator.gui.review.rows import action_text
from annotator.gui.span_model import one_line
from annotator.gui.table_model import MUTED, Index, RecordTableModel, smaller_font
from annotator.gui.tables import fit_to_contents, panel_width, titled
from annotator.store.adjudication import DecisionRecord

DECISION_ID_ROLE = Qt.ItemDataRole.UserRole + 13
SPAN_CHARS = 20  # a longer span's text ends in "…" (whole in the tooltip)


class DecisionLogModel(RecordTableModel[DecisionRecord]):
    # "By": the reviewer; "Decision": the action, and the span's words on a second line.
    COLUMNS = ("By", "Decision", "Reason")
    REVIEWER, DECISION, REASON = range(3)

    reasonEdited = Signal(int, str)  # (decision id, new reason)

    def __init__(self) -> None:
        super().__init__()
        self._text = ""
        self._chips: dict[str, QIcon] = {}
        self._small = smaller_font(1.0)

    def reset(
        self, text: str, decisions: Sequence[DecisionRecord], schema: LabelSchema | None = None
    ) -> None:
        """Show ``decisions`` on ``text``; ``schema`` gives the labels' colour chips."""
        self.beginResetModel()
        if schema is not None:
            self._chips = {label.name: colour_chip(label.color) for label in schema}
        self._text = text
        self._rows = list(decisions)
        self.endResetModel()

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = super().flags(index)
        if index.isValid() and index.column() == self.REASON:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def cell(self, decision: DecisionRecord, column: int, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column == self.REVIEWER:
                return decision.reviewer
            if column == self.DECISION:
                return f"{action_text(decision)}\n{self._words(decision)}"
            return decision.reason
        if role == Qt.ItemDataRole.DecorationRole and column == self.DECISION:
            return self._chips.get(decision.span.label) or colour_chip("#8c8c8c")
        if role == Qt.ItemDataRole.ToolTipRole:
            chosen = ", ".join(decision.chosen_by) or "no annotator"
            reason = decision.reason or "(no reason noted: double-click to add one)"
            span = decision.span
            return (
                f"{span.label} {self._words(decision)} {span.start}–{span.end}\n"
                f"chosen by {chosen}\n{reason}"
            )
        if role == Qt.ItemDataRole.ForegroundRole and column == self.REVIEWER:
            return MUTED
        if role == Qt.ItemDataRole.FontRole and column != self.REASON:
            return self._small
        if role == DECISION_ID_ROLE:
            return decision.id
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        decision = self.record(index)
        if role != Qt.ItemDataRole.EditRole or decision is None or index.column() != self.REASON:
            return False
        reason = str(value).strip()
        if reason != decision.reason:
            self.reasonEdited.emit(decision.id, reason)
        return True

    def _words(self, decision: DecisionRecord) -> str:
        """The span's words; a relation's source and target words, each cut shorter."""
        if decision.relation is not None:
            source, target = decision.relation.source, decision.relation.target
            half = SPAN_CHARS // 2
            return (
                f"“{one_line(self._text[source.start : source.end], half)}” → "
                f"“{one_line(self._text[target.start : target.end], half)}”"
            )
        span = decision.span
        return f"“{one_line(self._text[span.start : span.end], SPAN_CHARS)}”"


LEAST_REASON_CHARS = 14
REASON_CHARS = 24


class OneLineDelegate(QStyledItemDelegate):
    """Lines as the text breaks them (never wrapped), in a table whose reasons wrap."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: Index) -> None:
        super().initStyleOption(option, index)
        option.features &= ~QStyleOptionViewItem.ViewItemFeature.WrapText
        option.textElideMode = Qt.TextElideMode.ElideRight


class WrappedDelegate(QStyledItemDelegate):
    """As many lines as the text needs at the column's width, so a reason shows whole."""

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        hint = super().sizeHint(option, index)
        width = option.rect.width() - 2 * style.CELL_PADDING - 4
        text = str(index.data() or "")
        if width <= 0 or not text:
            return hint
        font = index.data(Qt.ItemDataRole.FontRole)
        metrics = QFontMetrics(font if isinstance(font, QFont) else option.font)
        bounds = metrics.boundingRect(
            QRect(0, 0, width, 100_000), int(Qt.TextFlag.TextWordWrap), text
        )
        return QSize(hint.width(), max(hint.height(), bounds.height() + 8))


class DecisionLog(QWidget):
    """The log panel: a title with the count, and the table (newest at the bottom)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = DecisionLogModel()
        self.count = QLabel("")
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setShowGrid(False)
        # Reasons are sentences: rows grow to show them whole (a document's log is short).
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().setMinimumSectionSize(24)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        header = self.table.horizontalHeader()
        # A document's log is short: Qt sizes its columns to their contents, and the reason
        # keeps room for a few words a line.
        fit_to_contents(self.table, DecisionLogModel.REASON, LEAST_REASON_CHARS)
        self._one_line = OneLineDelegate(self.table)
        self._wrapped = WrappedDelegate(self.table)
        for column in (DecisionLogModel.REVIEWER, DecisionLogModel.DECISION):
            self.table.setItemDelegateForColumn(column, self._one_line)
        self.table.setItemDelegateForColumn(DecisionLogModel.REASON, self._wrapped)
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        layout = titled("Decisions", self.count, self.table, self)
        layout.setContentsMargins(0, 6, 0, 0)

    def wanted_width(self) -> int:
        return panel_width(self, self.table, DecisionLogModel.REASON, REASON_CHARS)

    def least_width(self) -> int:
        return panel_width(self, self.table, DecisionLogModel.REASON, LEAST_REASON_CHARS)

    def show_decisions(
        self, text: str, decisions: Sequence[DecisionRecord], schema: LabelSchema | None = None
    ) -> None:
        self.model.reset(text, decisions, schema)
        count = len(decisions)
        self.count.setText(f"{count} decision{'s' if count != 1 else ''}" if count else "none yet")
        if count:
            self.table.resizeRowsToContents()
            self.table.scrollToBottom()
