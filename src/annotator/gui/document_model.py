"""The document list as a lazy table model: pages of documents are fetched from the store
only when the view scrolls to them (canFetchMore/fetchMore with keyset paging), so a corpus of
100,000 documents opens at once and holds only the pages seen.

In import order by default; or (:meth:`DocumentListModel.order_by_uncertainty`) the
documents a model person's suggestions are least sure of first
(:func:`annotator.store.suggestions.documents_by_uncertainty`), paged through that order."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QColor

from annotator.core.status import SetStatus
from annotator.gui.table_model import Index, RecordTableModel
from annotator.store.documents import (
    DocumentSummary,
    StatusFilter,
    count_documents,
    list_documents,
)
from annotator.store.store import Store
from annotator.store.suggestions import documents_by_uncertainty

PAGE_SIZE = 200
DOCUMENT_ID_ROLE = Qt.ItemDataRole.UserRole + 1

STATUS_TEXT = {None: "not started", SetStatus.IN_PROGRESS: "in progress", SetStatus.DONE: "done"}
STATUS_MARK = {None: "○", SetStatus.IN_PROGRESS: "◐", SetStatus.DONE: "●"}
FLAG_MARK = "⚑"  # before the title of a document you flagged
STATUS_COLOUR = {None: "#9aa0a6", SetStatus.IN_PROGRESS: "#c77c02", SetStatus.DONE: "#2e7d32"}


def summary_title(summary: DocumentSummary) -> str:
    return summary.title or summary.external_id


class DocumentListModel(RecordTableModel[DocumentSummary]):
    """One row per document in import order, filtered by status and text."""

    # The length is in each row's tooltip and above the article: the title gets the room.
    COLUMNS = ("Document", "", "Spans")
    HEADER_TIPS = ("Title or id", "Your status", "Your spans")
    TITLE, STATUS, SPANS = range(3)

    def __init__(self, store: Store, user: str, page_size: int = PAGE_SIZE) -> None:
        super().__init__()
        self._store = store
        self._user = user
        self._page_size = page_size
        self._row_of: dict[int, int] = {}
        self._exhausted = False
        self._changing = False
        self.status_filter = StatusFilter.ALL
        self.search = ""
        # The model person whose scores order the list, and that order (None: import order).
        self.uncertain_of: str | None = None
        self._order: list[int] | None = None
        self._ordered_up_to = 0

    # -- paging ----------------------------------------------------------------------------

    def set_filter(
        self, status: StatusFilter, search: str, uncertain_of: str | None = None
    ) -> None:
        """Show the documents of ``status`` whose id or text holds ``search``; with
        ``uncertain_of`` (a model person), only those with that person's scored suggestions,
        the least sure first."""
        self._changing = True
        self.beginResetModel()
        self.status_filter = status
        self.search = search
        self.uncertain_of = uncertain_of
        self._order = None
        if uncertain_of is not None:
            self._order = [
                ident for ident, _ in documents_by_uncertainty(self._store, uncertain_of)
            ]
        self._ordered_up_to = 0
        self._rows = []
        self._row_of = {}
        self._exhausted = False
        self.endResetModel()
        self._changing = False
        self.fetchMore(QModelIndex())

    def refresh(self) -> None:
        """Start again from the first page (after an import)."""
        self.set_filter(self.status_filter, self.search, self.uncertain_of)

    def count(self) -> int:
        """How many documents the list holds, all pages counted."""
        if self._order is None:
            return count_documents(self._store, self._user, self.status_filter, self.search)
        return sum(
            count_documents(self._store, self._user, self.status_filter, self.search, chunk)
            for chunk in _chunks(self._order)
        )

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        # Views ask for more while they handle our own reset or insert signals: not then.
        if parent.isValid() or self._exhausted or self._changing:
            return
        page = self._next_page()
        if not page:
            return
        first = len(self._rows)
        self._changing = True
        self.beginInsertRows(QModelIndex(), first, first + len(page) - 1)
        for offset, summary in enumerate(page):
            self._row_of[summary.id] = first + offset
        self._rows.extend(page)
        self.endInsertRows()
        self._changing = False

    def _next_page(self) -> list[DocumentSummary]:
        if self._order is None:
            return self._next_import_page()
        # The next ids of the order that pass the filter (a page may filter to nothing).
        while self._ordered_up_to < len(self._order):
            ids = self._order[self._ordered_up_to : self._ordered_up_to + self._page_size]
            self._ordered_up_to += len(ids)
            found = {
                summary.id: summary
                for summary in list_documents(
                    self._store,
                    self._user,
                    limit=len(ids),
                    status=self.status_filter,
                    search=self.search,
                    only=ids,
                )
            }
            if found:
                return [found[ident] for ident in ids if ident in found]
        self._exhausted = True
        return []

    def _next_import_page(self) -> list[DocumentSummary]:
        after = self._rows[-1].id if self._rows else 0
        page = list_documents(
            self._store,
            self._user,
            after=after,
            limit=self._page_size,
            status=self.status_filter,
            search=self.search,
        )
        if len(page) < self._page_size:
            self._exhausted = True
        return page

    def ensure_loaded(self, document_id: int, max_pages: int = 25) -> int | None:
        """The row of ``document_id``, fetching pages until it is loaded (at most
        ``max_pages`` more); None if it is not in the list (filtered out, or too far)."""
        for _ in range(max_pages):
            row = self._row_of.get(document_id)
            if row is not None:
                return row
            if self._exhausted:
                return None
            if self._order is None and self._rows and self._rows[-1].id >= document_id:
                return None
            self.fetchMore(QModelIndex())
        return self._row_of.get(document_id)

    def loaded_count(self) -> int:
        return len(self._rows)

    # -- rows ------------------------------------------------------------------------------

    def row_of(self, document_id: int) -> int | None:
        return self._row_of.get(document_id)

    def document_at(self, row: int) -> DocumentSummary:
        return self._rows[row]

    def update_document(self, document_id: int, status: SetStatus | None, span_count: int) -> None:
        """Show a new status and span count for a loaded row (the row stays even if it no
        longer matches the status filter, so the list does not jump under the pointer)."""
        row = self._row_of.get(document_id)
        if row is None:
            return
        self._rows[row] = replace(self._rows[row], status=status, span_count=span_count)
        self.dataChanged.emit(self.index(row, self.STATUS), self.index(row, self.SPANS))

    def set_flagged(self, document_id: int, flagged: bool) -> None:
        """Show a loaded row flagged or not (it stays, whatever the filter)."""
        row = self._row_of.get(document_id)
        if row is not None:
            self._rows[row] = replace(self._rows[row], flagged=flagged)
            self.dataChanged.emit(self.index(row, self.TITLE), self.index(row, self.TITLE))

    # -- RecordTableModel ------------------------------------------------------------------

    def cell(self, summary: DocumentSummary, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.TITLE:
                title = summary_title(summary)
                return f"{FLAG_MARK} {title}" if summary.flagged else title
            if column == self.STATUS:
                return STATUS_MARK[summary.status]
            if column == self.SPANS:
                return str(summary.span_count) if summary.span_count else ""
        elif role == Qt.ItemDataRole.ToolTipRole:
            flagged = ", flagged by you" if summary.flagged else ""
            return (
                f"{summary.external_id}\n{summary.title}\n{summary.length:,} characters, "
                f"{STATUS_TEXT[summary.status]}, {summary.span_count} span(s) of yours{flagged}"
            )
        elif role == Qt.ItemDataRole.ForegroundRole and column == self.STATUS:
            return QColor(STATUS_COLOUR[summary.status])
        elif role == Qt.ItemDataRole.TextAlignmentRole and column != self.TITLE:
            align = Qt.AlignmentFlag.AlignVCenter
            if column == self.STATUS:
                return int(align | Qt.AlignmentFlag.AlignHCenter)
            return int(align | Qt.AlignmentFlag.AlignRight)
        elif role == DOCUMENT_ID_ROLE:
            return summary.id
        return None


def _chunks(ids: Sequence[int], size: int = PAGE_SIZE) -> list[Sequence[int]]:
    return [ids[at : at + size] for at in range(0, len(ids), size)]
