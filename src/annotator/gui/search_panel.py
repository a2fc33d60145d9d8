"""Edit > Find in all documents (Ctrl+Shift+F): a dock below the article that finds a phrase in
every document (or a label's spans, or a person's), in a thread, and lists the hits as a
concordance: the words before, the match in bold, the words after. Enter or a double-click on
a hit opens its document with the match selected (:func:`open_hit`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDockWidget,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from annotator.gui.background import LatestWork
from annotator.gui.table_model import MUTED, RecordTableModel
from annotator.gui.tables import quiet_table
from annotator.store.search import LIMIT, Hit, SearchMode, SearchResult, search

if TYPE_CHECKING:
    from annotator.gui.main_window import MainWindow
    from annotator.store.store import Store

Index = QModelIndex | QPersistentModelIndex

MODES = (
    (SearchMode.TEXT, "Text", "A phrase, in every document you may open (case is ignored)"),
    (SearchMode.LABEL, "Label", "The spans with this label (a reviewer sees everyone's)"),
    (SearchMode.PERSON, "Person", "This person's spans (an annotator may name only themselves)"),
)


class _Row:
    """A hit as a row (the table model's records are known by an id: the row number)."""

    def __init__(self, ident: int, hit: Hit) -> None:
        self.id = ident
        self.hit = hit


class HitsModel(RecordTableModel[_Row]):
    DOCUMENT, BEFORE, MATCH, AFTER, SPAN = range(5)
    COLUMNS: ClassVar[tuple[str, ...]] = ("Document", "Before", "Match", "After", "Span")
    HEADER_TIPS: ClassVar[tuple[str, ...]] = (
        "The document's id, and where the match begins (in characters)",
        "The words before the match",
        "What was found",
        "The words after the match",
        "The span's label, and whose it is",
    )

    def __init__(self) -> None:
        super().__init__()
        self._bold = QFont()
        self._bold.setBold(True)

    def show(self, hits: list[Hit]) -> None:
        self.beginResetModel()
        self._rows = [_Row(n, hit) for n, hit in enumerate(hits)]
        self.endResetModel()

    def hit(self, index: Index) -> Hit | None:
        row = self.record(index)
        return None if row is None else row.hit

    def cell(self, record: _Row, column: int, role: int) -> Any:
        hit = record.hit
        if role == Qt.ItemDataRole.DisplayRole:
            span = f"{hit.label} · {hit.who}" if hit.label else ""
            texts = (f"{hit.external_id}:{hit.start}", hit.before, hit.match, hit.after, span)
            return texts[column]
        if role == Qt.ItemDataRole.TextAlignmentRole and column == self.BEFORE:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        if role == Qt.ItemDataRole.FontRole and column == self.MATCH:
            return self._bold
        if role == Qt.ItemDataRole.ForegroundRole and column in (self.DOCUMENT, self.SPAN):
            return MUTED
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{hit.external_id}, {hit.start}-{hit.end}: {hit.before}[{hit.match}]{hit.after}"
        return None


class _ElideLeft(QStyledItemDelegate):
    """The words before a match are cut on the left, so the ones next to it stay."""

    def initStyleOption(self, option: QStyleOptionViewItem, index: Index) -> None:
        super().initStyleOption(option, index)
        option.textElideMode = Qt.TextElideMode.ElideLeft


class SearchPanel(QDockWidget):
    hitActivated = Signal(object)  # Hit

    def __init__(self, store: Store, user: str, parent: QWidget | None = None) -> None:
        super().__init__("Find in all documents", parent)
        self.setObjectName("searchDock")
        self.store, self.user = store, user
        self.mode = QComboBox()
        self.mode.setObjectName("searchMode")
        for mode, text, tip in MODES:
            self.mode.addItem(text, mode)
            self.mode.setItemData(self.mode.count() - 1, tip, Qt.ItemDataRole.ToolTipRole)
        self.field = QLineEdit()
        self.field.setObjectName("searchField")
        self.field.setPlaceholderText("A phrase, a label or a person; Enter searches")
        self.field.setClearButtonEnabled(True)
        self.field.returnPressed.connect(self.run)
        self.field.installEventFilter(self)
        self.state = QLabel("")
        self.state.setObjectName("searchState")
        self.model = HitsModel()
        self.table = quiet_table(self.model)
        self.table.setObjectName("searchHits")
        self.table.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # Up/Down, Enter opens a hit
        self.table.setItemDelegateForColumn(HitsModel.BEFORE, _ElideLeft(self.table))
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.table.activated.connect(self._activated)
        self.table.doubleClicked.connect(self._activated)

        row = QHBoxLayout()
        row.addWidget(self.mode)
        row.addWidget(self.field, 1)
        row.addWidget(self.state)
        body = QWidget()
        column = QVBoxLayout(body)
        column.setContentsMargins(6, 4, 6, 4)
        column.addLayout(row)
        column.addWidget(self.table, 1)
        self.setWidget(body)
        self.background = LatestWork(self)
        self.background.done.connect(self._show)
        self.background.failed.connect(lambda why: self.state.setText(f"Not searched: {why}"))

    def show_and_focus(self) -> None:
        self.show()
        self.raise_()
        self.field.setFocus()
        self.field.selectAll()

    def run(self) -> None:
        query = self.field.text().strip()
        if not query:
            return
        mode = SearchMode(self.mode.currentData())
        store, user = self.store, self.user
        self.state.setText("Searching…")
        self.background.start(lambda: search(store, user, mode, query))

    def _show(self, result: SearchResult) -> None:
        self.model.show(result.hits)
        if result.note:
            self.state.setText(result.note)
        elif result.capped:
            self.state.setText(f"first {LIMIT:,} hits")
        else:
            documents = len({hit.document_id for hit in result.hits})
            self.state.setText(f"{len(result.hits):,} hit(s) in {documents:,} document(s)")
        spans = any(hit.label for hit in result.hits)
        self.table.setColumnHidden(HitsModel.SPAN, not spans)
        self._size_columns()
        if result.hits:
            self.table.selectRow(0)

    def _size_columns(self) -> None:
        header = self.table.horizontalHeader()
        for column in (HitsModel.DOCUMENT, HitsModel.MATCH):
            self.table.resizeColumnToContents(column)
        room = max(self.table.viewport().width() - header.sectionSize(0), 300)
        header.resizeSection(HitsModel.MATCH, min(header.sectionSize(HitsModel.MATCH), room // 4))
        side = (room - header.sectionSize(HitsModel.MATCH)) * 2 // 5
        header.resizeSection(HitsModel.BEFORE, side)
        header.resizeSection(HitsModel.AFTER, side)

    def _activated(self, index: QModelIndex) -> None:
        hit = self.model.hit(index)
        if hit is not None:
            self.hitActivated.emit(hit)

    def eventFilter(self, watched: Any, event: Any) -> bool:
        """Down in the field goes to the hits."""
        if (
            watched is self.field
            and isinstance(event, QKeyEvent)
            and event.type() == QKeyEvent.Type.KeyPress
            and event.key() == Qt.Key.Key_Down
            and self.model.rowCount()
        ):
            self.table.setFocus()
            return True
        return super().eventFilter(watched, event)


def open_hit(window: MainWindow, hit: Hit) -> None:
    """Open the hit's document, select the match in the article and give it the keyboard."""
    if window.review.active:  # the article is not shown; review mode has its own documents
        window.statusBar().showMessage("Leave review mode (Ctrl+R) to open a hit.", 6000)
        return
    window.open_document(hit.document_id)
    document = window.workspace.document
    if document is None or document.id != hit.document_id:
        return  # changes still wait for the database: the status bar says so
    window.view.select_range(hit.start, hit.end)
    window.view.centerCursor()  # the match in the middle, with its paragraph around it
    window.view.setFocus()
