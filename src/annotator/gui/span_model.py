"""The open document's spans as a table model: label (with its colour), text, offsets.

Rows follow the store's order (start, end, label); inserts and removals are announced row by
row so the list keeps its scroll position and selection while you label.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QIcon

from annotator.core.labels import LabelSchema
from annotator.core.paragraphs import PARAGRAPH_BREAK
from annotator.gui.label_bar import colour_chip
from annotator.gui.table_model import MUTED, RecordTableModel, smaller_font
from annotator.store.annotations import StoredSpan

SPAN_ID_ROLE = Qt.ItemDataRole.UserRole + 1
TEXT_LIMIT = 60
COMMENT_MARK = "✎"  # before the text of a span that has a comment (whole in the tooltip)


def one_line(text: str, limit: int = TEXT_LIMIT) -> str:
    """A span's text on one line: paragraph breaks shown as ⏎ (a span that crosses one shows
    it), tabs and line separators (U+2028, a break inside a paragraph) as spaces, long text
    cut."""
    flat = PARAGRAPH_BREAK.sub("⏎", text).replace("\t", " ").replace("\u2028", " ")
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


class SpanListModel(RecordTableModel[StoredSpan]):
    COLUMNS = ("Label", "Text", "Offsets")
    LABEL, TEXT, OFFSETS = range(3)

    def __init__(self) -> None:
        super().__init__()
        self._text = ""
        self._chips: dict[str, QIcon] = {}
        self._descriptions: dict[str, str] = {}
        # Label names and offsets in a smaller type: the span's text gets the room.
        self.small_font = smaller_font(1.5)

    def reset(self, text: str, spans: Sequence[StoredSpan], schema: LabelSchema) -> None:
        self.beginResetModel()
        self._text = text
        self._rows = sorted(spans)
        self._chips = {label.name: colour_chip(label.color) for label in schema}
        self._descriptions = {label.name: label.description for label in schema}
        self.endResetModel()

    def insert(self, spans: Sequence[StoredSpan]) -> None:
        for span in spans:
            row = bisect_left(self._rows, span)
            self.beginInsertRows(QModelIndex(), row, row)
            self._rows.insert(row, span)
            self.endInsertRows()

    def remove(self, span_ids: Sequence[int]) -> None:
        for span_id in span_ids:
            row = self.row_of(span_id)
            if row is None:
                continue
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._rows[row]
            self.endRemoveRows()

    def replace(self, span: StoredSpan) -> None:
        """A relabelled span (same id): moved to its new sorted place."""
        self.remove([span.id])
        self.insert([span])

    def widest(self) -> tuple[list[str], str]:
        """The schema's label names and the widest offsets the document can have, as the label
        and offsets columns show them."""
        return list(self._chips), f"{len(self._text)}\u2013{len(self._text)}"

    def span_at(self, row: int) -> StoredSpan:
        return self._rows[row]

    def cell(self, span: StoredSpan, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.LABEL:
                return span.label
            if column == self.TEXT:
                text = one_line(self._text[span.start : span.end])
                return text if span.comment is None else f"{COMMENT_MARK} {text}"
            if column == self.OFFSETS:
                return f"{span.start}\u2013{span.end}"
        elif role == Qt.ItemDataRole.DecorationRole and column == self.LABEL:
            return self._chips.get(span.label) or colour_chip("#888888")
        elif role == Qt.ItemDataRole.ToolTipRole and column == self.LABEL:
            # The label's description from the schema: the guidelines where the label is.
            description = self._descriptions.get(span.label, "")
            return f"{span.label}: {description}" if description else span.label
        elif role == Qt.ItemDataRole.ToolTipRole:
            tip = (
                f"{span.label} {span.start}\u2013{span.end} (code points, end exclusive)\n"
                f"{self._text[span.start : span.end]}"
            )
            return tip if span.comment is None else f"{tip}\n{COMMENT_MARK} {span.comment}"
        elif role == Qt.ItemDataRole.TextAlignmentRole and column == self.OFFSETS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        elif role == Qt.ItemDataRole.FontRole and column != self.TEXT:
            return self.small_font
        elif role == Qt.ItemDataRole.ForegroundRole and column == self.OFFSETS:
            return MUTED
        elif role == SPAN_ID_ROLE:
            return span.id
        return None
