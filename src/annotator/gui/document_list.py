"""The left panel: the document list with its status filter and text search."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from annotator.core.status import MODEL, SetStatus
from annotator.gui.document_model import DOCUMENT_ID_ROLE, STATUS_MARK, DocumentListModel
from annotator.gui.tables import (
    cell_width,
    fit_to_contents,
    panel_width,
    quiet_table,
    select_row,
    widen_to_rows,
)
from annotator.store.documents import StatusFilter
from annotator.store.store import Store

FILTERS = (
    ("All documents", StatusFilter.ALL),
    ("Unfinished", StatusFilter.UNFINISHED),
    ("Not started", StatusFilter.NOT_STARTED),
    ("In progress", StatusFilter.IN_PROGRESS),
    ("Done", StatusFilter.DONE),
    ("Flagged", StatusFilter.FLAGGED),
)
# Not a status: the documents with a model's scored suggestions, the least sure first.
UNCERTAIN = "uncertain"
SEARCH_DELAY_MS = 250
# Room for this many average characters of each title when the window has it, and no fewer
# than the least however narrow it is.
TITLE_CHARS, LEAST_TITLE_CHARS = 14, 8
# Digits of the span count the list is first sized for (a larger count widens it).
WIDEST_SPAN_COUNT = 5
# Columns sized here rather than by Qt (see _hold_columns).
HELD = (DocumentListModel.STATUS, DocumentListModel.SPANS)


class DocumentList(QWidget):
    documentActivated = Signal(int)  # the document id the person picked

    def __init__(self, store: Store, user: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("documentPanel")
        self._store = store
        self._user = user
        self.model = DocumentListModel(store, user)

        self.title = QLabel("Documents")
        self.title.setObjectName("panelTitle")
        self.count = QLabel("")
        self.count.setObjectName("panelNote")
        self.filter = QComboBox()
        for text, value in FILTERS:
            self.filter.addItem(text, value)
        self.filter.addItem("Least sure first", UNCERTAIN)
        self.filter.setItemData(
            self.filter.count() - 1,
            "The documents a model suggested spans in, those it is least sure of first",
            Qt.ItemDataRole.ToolTipRole,
        )
        self.filter.setToolTip(
            "Show documents by your status on them, those you flagged, or the least sure first"
        )
        # Whose scores "Least sure first" goes by (View > Suggestions from changes it).
        self.model_person = MODEL
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search id or text")
        self.search.setClearButtonEnabled(True)

        self.table = quiet_table(self.model, row_height=26)
        self.table.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # arrow keys move in the list
        fit_to_contents(self.table, DocumentListModel.TITLE, LEAST_TITLE_CHARS, HELD)
        self._hold_columns()
        self.model.rowsInserted.connect(self._rows_added)
        self.model.modelReset.connect(self._rows_reset)
        self.model.dataChanged.connect(self._rows_changed)

        top = QHBoxLayout()
        top.addWidget(self.title)
        top.addStretch(1)
        top.addWidget(self.count)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 4, 6)
        layout.setSpacing(6)
        layout.addLayout(top)
        layout.addWidget(self.filter)
        layout.addWidget(self.search)
        layout.addWidget(self.table, 1)

        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(self._search_timer.start)
        self.filter.currentIndexChanged.connect(self.apply_filter)
        self.table.clicked.connect(self._clicked)
        self.table.activated.connect(self._clicked)
        self._current: int | None = None

    def _hold_columns(self) -> None:
        """The status and span-count columns as wide as their widest likely cell (or a row's,
        if wider: the rows added or changed are measured)."""
        header = self.table.horizontalHeader()
        widths = {
            DocumentListModel.STATUS: max(cell_width(self.table, m) for m in STATUS_MARK.values()),
            DocumentListModel.SPANS: cell_width(self.table, "8" * WIDEST_SPAN_COUNT),
        }
        for column, width in widths.items():
            header.resizeSection(column, max(width, header.sectionSizeHint(column)))

    def _rows_added(self, _parent: QModelIndex, first: int, last: int) -> None:
        widen_to_rows(self.table, HELD, first, last)

    def _rows_reset(self) -> None:
        widen_to_rows(self.table, HELD, 0, self.model.rowCount() - 1)

    def _rows_changed(self, top_left: QModelIndex, bottom_right: QModelIndex) -> None:
        widen_to_rows(self.table, HELD, top_left.row(), bottom_right.row())

    def wanted_width(self) -> int:
        """Wide enough for every column and :data:`TITLE_CHARS` of each title."""
        return panel_width(self, self.table, DocumentListModel.TITLE, TITLE_CHARS)

    def least_width(self) -> int:
        """Wide enough for every column and :data:`LEAST_TITLE_CHARS` of each title."""
        return panel_width(self, self.table, DocumentListModel.TITLE, LEAST_TITLE_CHARS)

    def start(self) -> None:
        """Load the first page and count the documents."""
        self.apply_filter()

    def apply_filter(self) -> None:
        self._search_timer.stop()
        chosen = self.filter.currentData()
        uncertain = chosen == UNCERTAIN
        status = StatusFilter.ALL if uncertain else StatusFilter(chosen)
        search = self.search.text().strip()
        self.model.set_filter(status, search, self.model_person if uncertain else None)
        self.update_count()
        if self._current is not None:
            self.show_current(self._current)

    def set_status_filter(self, status: StatusFilter) -> None:
        index = self.filter.findData(status)
        if index >= 0:
            self.filter.setCurrentIndex(index)

    def update_count(self) -> None:
        self.count.setText(f"{self.model.count():,}")

    def use_model_person(self, name: str) -> None:
        """Order "Least sure first" by ``name``'s scores (shown again if chosen)."""
        self.model_person = name
        if self.filter.currentData() == UNCERTAIN:
            self.apply_filter()

    def show_current(self, document_id: int) -> None:
        """Select the open document's row (loading pages up to it, within reason)."""
        self._current = document_id
        select_row(self.table, self.model.ensure_loaded(document_id))

    def document_changed(self, document_id: int, status: object, span_count: int) -> None:
        assert status is None or isinstance(status, SetStatus)
        self.model.update_document(document_id, status, span_count)

    def _clicked(self, index: QModelIndex) -> None:
        document_id = index.data(DOCUMENT_ID_ROLE)
        if isinstance(document_id, int) and document_id != self._current:
            self.documentActivated.emit(document_id)
