"""The right panel: the open document's spans; clicking one selects it in the article."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QWidget,
)

from annotator.gui.span_model import SPAN_ID_ROLE, SpanListModel
from annotator.gui.tables import empty_note, quiet_table, select_row, titled


class SpanList(QWidget):
    spanActivated = Signal(int)  # span id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("spanPanel")
        self.model = SpanListModel()
        self.count = QLabel("")
        self.table = quiet_table(self.model, row_height=26)
        # NoFocus: clicking a span leaves the keyboard with the article, where hotkeys act on it.
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(SpanListModel.LABEL, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(SpanListModel.TEXT, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(SpanListModel.OFFSETS, QHeaderView.ResizeMode.ResizeToContents)
        self.empty = empty_note(
            "No spans yet.\nSelect words in the article and press a label's key."
        )
        layout = titled("Spans", self.count, self.table, self)
        layout.setContentsMargins(4, 10, 10, 6)
        layout.addWidget(self.empty, 1)

        self.table.clicked.connect(self._clicked)
        for signal in (self.model.modelReset, self.model.rowsInserted, self.model.rowsRemoved):
            signal.connect(self._update_count)
        self._update_count()

    def show_span(self, span_id: int | None) -> None:
        """Select the row of ``span_id`` (None or unknown: no selection)."""
        select_row(self.table, None if span_id is None else self.model.row_of(span_id))

    def _clicked(self, index: QModelIndex) -> None:
        span_id = index.data(SPAN_ID_ROLE)
        if isinstance(span_id, int):
            self.spanActivated.emit(span_id)

    def _update_count(self) -> None:
        rows = self.model.rowCount()
        self.count.setText(str(rows) if rows else "")
        self.table.setVisible(rows > 0)
        self.empty.setVisible(rows == 0)
