"""The right panel: the open document's spans; clicking one selects it in the article."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Signal
from PySide6.QtWidgets import QLabel, QWidget

from annotator.gui.span_model import RELATION_ID_ROLE, SPAN_ID_ROLE, SpanListModel
from annotator.gui.tables import (
    cell_width,
    empty_note,
    fit_to_contents,
    panel_width,
    quiet_table,
    select_row,
    titled,
    widen_to_rows,
)

# Room for this many average characters of each span's text when the window has it (names and
# places whole), and no fewer than the least however narrow it is.
TEXT_CHARS, LEAST_TEXT_CHARS = 18, 8


class SpanList(QWidget):
    spanActivated = Signal(int)  # span id
    relationActivated = Signal(int)  # relation id (a row under its source span)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("spanPanel")
        self.model = SpanListModel()
        self.count = QLabel("")
        self.table = quiet_table(self.model, row_height=26)
        # NoFocus: clicking a span leaves the keyboard with the article, where hotkeys act on it.
        held = (SpanListModel.LABEL, SpanListModel.OFFSETS)
        fit_to_contents(self.table, SpanListModel.TEXT, LEAST_TEXT_CHARS, held)
        self.empty = empty_note(
            "No spans yet.\nSelect words in the article and press a label's key."
        )
        layout = titled("Spans", self.count, self.table, self)
        layout.setContentsMargins(4, 10, 10, 6)
        layout.addWidget(self.empty, 1)

        self.table.clicked.connect(self._clicked)
        for signal in (self.model.modelReset, self.model.rowsInserted, self.model.rowsRemoved):
            signal.connect(self._update_count)
        self.model.modelReset.connect(self._hold_columns)
        self.model.rowsInserted.connect(self._fit_rows)
        self._update_count()
        self._hold_columns()

    def wanted_width(self) -> int:
        """Wide enough for every column and :data:`TEXT_CHARS` of each span's text."""
        return panel_width(self, self.table, SpanListModel.TEXT, TEXT_CHARS)

    def least_width(self) -> int:
        """Wide enough for every column and :data:`LEAST_TEXT_CHARS` of each span's text."""
        return panel_width(self, self.table, SpanListModel.TEXT, LEAST_TEXT_CHARS)

    def _hold_columns(self) -> None:
        """The label and offsets columns as wide as the schema's longest name and the
        document's largest offsets need (or its rows, if wider): the list, and the article
        beside it, keep their widths as spans come and go."""
        header = self.table.horizontalHeader()
        labels, offsets = self.model.widest()
        font = self.model.small_font
        label_width = max(
            (cell_width(self.table, name, font, icon=True) for name in labels), default=0
        )
        for column, width in (
            (SpanListModel.LABEL, label_width),
            (SpanListModel.OFFSETS, cell_width(self.table, offsets, font)),
        ):
            header.resizeSection(column, max(width, header.sectionSizeHint(column)))
        self._fit_rows(QModelIndex(), 0, self.model.rowCount() - 1)

    def _fit_rows(self, _parent: QModelIndex, first: int, last: int) -> None:
        widen_to_rows(self.table, (SpanListModel.LABEL, SpanListModel.OFFSETS), first, last)

    def show_span(self, span_id: int | None) -> None:
        """Select the row of ``span_id`` (None or unknown: no selection)."""
        select_row(self.table, None if span_id is None else self.model.row_of(span_id))

    def _clicked(self, index: QModelIndex) -> None:
        span_id = index.data(SPAN_ID_ROLE)
        if isinstance(span_id, int):
            self.spanActivated.emit(span_id)
        relation_id = index.data(RELATION_ID_ROLE)
        if isinstance(relation_id, int):
            self.relationActivated.emit(relation_id)

    def _update_count(self) -> None:
        rows = self.model.rowCount()
        spans = self.model.span_count()
        self.count.setText(str(spans) if spans else "")
        self.table.setVisible(rows > 0)
        self.empty.setVisible(rows == 0)
