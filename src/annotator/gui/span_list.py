"""The right panel: the open document's spans; clicking one selects it in the article."""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from annotator.gui.span_model import SPAN_ID_ROLE, SpanListModel


class SpanList(QWidget):
    spanActivated = Signal(int)  # span id

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("spanPanel")
        self.model = SpanListModel()
        self.title = QLabel("Spans")
        self.title.setObjectName("panelTitle")
        self.count = QLabel("")
        self.count.setObjectName("panelNote")

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(26)
        self.table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # Clicking a span must leave the keyboard with the article, where hotkeys act on it.
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(SpanListModel.LABEL, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(SpanListModel.TEXT, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(SpanListModel.OFFSETS, QHeaderView.ResizeMode.ResizeToContents)
        header.setHighlightSections(False)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)

        self.empty = QLabel("No spans yet.\nSelect words in the article and press a label's key.")
        self.empty.setObjectName("emptyNote")
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)

        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addStretch(1)
        top.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 10, 10, 6)
        layout.setSpacing(6)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty, 1)

        self.table.clicked.connect(self._clicked)
        for signal in (self.model.modelReset, self.model.rowsInserted, self.model.rowsRemoved):
            signal.connect(self._update_count)
        self._update_count()

    def show_span(self, span_id: int | None) -> None:
        """Select the row of ``span_id`` (None or unknown: no selection)."""
        row = None if span_id is None else self.model.row_of(span_id)
        selection = self.table.selectionModel()
        if row is None:
            selection.clearSelection()
            return
        index = self.model.index(row, 0)
        selection.setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)

    def _clicked(self, index: QModelIndex) -> None:
        span_id = index.data(SPAN_ID_ROLE)
        if isinstance(span_id, int):
            self.spanActivated.emit(span_id)

    def _update_count(self) -> None:
        rows = self.model.rowCount()
        self.count.setText(str(rows) if rows else "")
        self.table.setVisible(rows > 0)
        self.empty.setVisible(rows == 0)
