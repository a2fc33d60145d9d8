"""The review mode's side panels: the review queue (left) and the candidate table (right).

Neither table takes the keyboard focus when clicked: the keys act in the article view, where
the review shortcuts and the selection for boundary corrections live.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from annotator.gui.review.candidate_model import CANDIDATE_ID_ROLE, CandidateModel
from annotator.gui.review.queue_model import (
    DOCUMENT_ID_ROLE,
    GOLD_TEXT,
    NOT_COMPARED_SHORT,
    ReviewQueueModel,
)
from annotator.gui.tables import (
    cell_width,
    empty_note,
    fit_to_contents,
    hold_column,
    longest,
    panel_width,
    quiet_table,
    select_row,
    titled,
)

# The queue's title shows at least this many average characters (and wants more); the number
# columns are sized here from font metrics, never by Qt (10,000 rows measured at every change).
LEAST_TITLE_CHARS = 12
TITLE_CHARS = 22
QUEUE_HELD = (ReviewQueueModel.DONE_BY, ReviewQueueModel.DISPUTED, ReviewQueueModel.GOLD)
# A candidate's text shows whole up to this many average characters (a longer one ends in "…",
# whole in its tooltip); the other columns are sized for their contents from font metrics.
LEAST_CANDIDATE_CHARS = 16
CANDIDATE_HELD = tuple(range(1, len(CandidateModel.COLUMNS)))


class ReasonField(QLineEdit):
    """The reason for the next decision. Enter or Escape hands the keys back to the article
    (Escape also drops the text)."""

    done = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Escape):
            if event.key() == Qt.Key.Key_Escape:
                self.clear()
            self.done.emit()
            event.accept()
            return
        super().keyPressEvent(event)


class QueuePanel(QWidget):
    """Documents with finished annotations, most disputed first; a click opens one."""

    documentActivated = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reviewQueue")
        self.model = ReviewQueueModel()
        self.table = quiet_table(self.model)
        fit_to_contents(self.table, ReviewQueueModel.DOCUMENT, LEAST_TITLE_CHARS, QUEUE_HELD)
        self._hold_columns()
        self.count = QLabel("")
        self.empty = empty_note(
            "Nothing to review yet.\nDocuments appear here once an annotator marks them done."
        )
        # Shown while the queue is found in a thread: counting disputes over a team's corpus
        # takes a moment, and an empty table would read as "nothing to review".
        self.finding = empty_note("Finding disagreements…")
        self.finding.hide()
        layout = titled("Review queue", self.count, self.table, self)
        layout.setContentsMargins(10, 10, 4, 6)
        layout.addWidget(self.empty, 1)
        layout.addWidget(self.finding, 1)
        self.loading = False
        self.table.clicked.connect(self._clicked)
        self.model.modelReset.connect(self._update_count)
        self.model.modelReset.connect(self._span_not_compared)
        self.model.modelReset.connect(self._hold_columns)
        self._update_count()

    def _hold_columns(self) -> None:
        """By, Disputed and Gold as wide as their widest cells (and "not compared" across By
        and Disputed), measured on the longest few texts."""
        model, table = self.model, self.table
        items = model.items()
        by, disputed, gold = QUEUE_HELD
        hold_column(table, by, longest(str(i.annotators) for i in items), model.small)
        counts = longest(f"{i.disputed}/{i.candidates}" for i in items)
        hold_column(table, disputed, counts, model.small)
        hold_column(table, gold, GOLD_TEXT.values(), model.small)
        if not all(item.compared for item in items):
            spanned = cell_width(table, NOT_COMPARED_SHORT, model.small_italic)
            header = table.horizontalHeader()
            short = spanned - header.sectionSize(by) - header.sectionSize(disputed)
            if short > 0:
                header.resizeSection(disputed, header.sectionSize(disputed) + short)

    def wanted_width(self) -> int:
        return panel_width(self, self.table, ReviewQueueModel.DOCUMENT, TITLE_CHARS)

    def least_width(self) -> int:
        return panel_width(self, self.table, ReviewQueueModel.DOCUMENT, LEAST_TITLE_CHARS)

    def set_loading(self, loading: bool) -> None:
        """Say "Finding disagreements…" in place of the queue (the rows stay in the model)."""
        self.loading = loading
        self._update_count()

    def show_document(self, document_id: int | None) -> None:
        select_row(self.table, None if document_id is None else self.model.row_of(document_id))

    def _clicked(self, index: QModelIndex) -> None:
        document_id = index.data(DOCUMENT_ID_ROLE)
        if isinstance(document_id, int):
            self.documentActivated.emit(document_id)

    def _span_not_compared(self) -> None:
        """A document one annotator finished reads "not compared" across By and Disputed."""
        self.table.clearSpans()
        for row, item in enumerate(self.model.items()):
            if not item.compared:
                self.table.setSpan(row, ReviewQueueModel.DONE_BY, 1, 2)

    def _update_count(self) -> None:
        rows = self.model.rowCount()
        self.count.setText(f"{rows} document{'s' if rows != 1 else ''}" if rows else "")
        self.table.setVisible(rows > 0 and not self.loading)
        self.empty.setVisible(rows == 0 and not self.loading)
        self.finding.setVisible(self.loading)


class CandidatePanel(QWidget):
    """The open document's candidates; a click selects one (in the article too)."""

    candidateActivated = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("candidatePanel")
        self.model = CandidateModel()
        self.table = quiet_table(self.model)
        fit_to_contents(self.table, CandidateModel.TEXT, LEAST_CANDIDATE_CHARS, CANDIDATE_HELD)
        self.model.modelReset.connect(self._hold_columns)
        self.model.dataChanged.connect(self._hold_columns)
        self._hold_columns()
        self.count = QLabel("")
        layout = titled("Candidates", self.count, self.table, self)
        layout.setContentsMargins(0, 6, 0, 0)
        self.table.clicked.connect(self._clicked)

    def _hold_columns(self) -> None:
        """Every column but the text as wide as its widest cell: a document's candidates are
        a few hundred at most, measured by font metrics at each change."""
        model = self.model
        for column in CANDIDATE_HELD:
            hold_column(
                self.table,
                column,
                model.column_texts(column),
                model.font_of(column),
                icon=column == CandidateModel.LABEL,
            )

    def show_candidate(self, candidate_id: int | None) -> None:
        select_row(self.table, None if candidate_id is None else self.model.row_of(candidate_id))

    def set_count(self, disputed: int, open_disputed: int, total: int) -> None:
        if not total:
            self.count.setText("none")
            return
        left = f", {open_disputed} to decide" if open_disputed else ", all decided"
        self.count.setText(f"{disputed} of {total} disputed{left if disputed else ''}")

    def _clicked(self, index: QModelIndex) -> None:
        candidate_id = index.data(CANDIDATE_ID_ROLE)
        if isinstance(candidate_id, int):
            self.candidateActivated.emit(candidate_id)
