"""The open document's spans as a table model: label (with its colour), text, offsets.

Rows follow the store's order (start, end, label); inserts and removals are announced row by
row so the list keeps its scroll position and selection while you label. Each span's relations
follow it as rows of their own ("→ agent", the target's text and offsets).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QIcon

from annotator.core.labels import LabelSchema
from annotator.core.paragraphs import PARAGRAPH_BREAK
from annotator.core.relations import RelationSchema
from annotator.gui.label_bar import colour_chip
from annotator.gui.table_model import MUTED, RecordTableModel, smaller_font
from annotator.store.annotations import StoredSpan
from annotator.store.relations import StoredRelation

SPAN_ID_ROLE = Qt.ItemDataRole.UserRole + 1
RELATION_ID_ROLE = Qt.ItemDataRole.UserRole + 2
ARROW = "→"
TEXT_LIMIT = 60
COMMENT_MARK = "✎"  # before the text of a span that has a comment (whole in the tooltip)


def one_line(text: str, limit: int = TEXT_LIMIT) -> str:
    """A span's text on one line: paragraph breaks shown as ⏎ (a span that crosses one shows
    it), tabs and line separators (U+2028, a break inside a paragraph) as spaces, long text
    cut."""
    flat = PARAGRAPH_BREAK.sub("⏎", text).replace("\t", " ").replace("\u2028", " ")
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


@dataclass(frozen=True, slots=True)
class RelationRow:
    """A relation, shown under its source span."""

    relation: StoredRelation

    @property
    def id(self) -> int:
        return self.relation.id


Row = StoredSpan | RelationRow


class SpanListModel(RecordTableModel[Row]):
    COLUMNS = ("Label", "Text", "Offsets")
    LABEL, TEXT, OFFSETS = range(3)

    def __init__(self) -> None:
        super().__init__()
        self._text = ""
        self._chips: dict[str, QIcon] = {}
        self._descriptions: dict[str, str] = {}
        self._spans: dict[int, StoredSpan] = {}
        self._relations: dict[int, StoredRelation] = {}
        # Label names and offsets in a smaller type: the span's text gets the room.
        self.small_font = smaller_font(1.5)

    def reset(self, text: str, spans: Sequence[StoredSpan], schema: LabelSchema) -> None:
        self.beginResetModel()
        self._text = text
        self._rows = list[Row](sorted(spans))
        self._spans = {span.id: span for span in spans}
        self._relations = {}
        self._chips = {label.name: colour_chip(label.color) for label in schema}
        self._descriptions = {label.name: label.description for label in schema}
        self.endResetModel()

    def _key(self, row: Row) -> tuple[Any, ...]:
        """Spans in the store's order, each followed by its relations (by target, label)."""
        if isinstance(row, StoredSpan):
            return (row.start, row.end, row.label, row.id, 0)
        relation = row.relation
        source = self._spans[relation.source_id]
        target = self._spans.get(relation.target_id)
        where = (target.start, target.end) if target is not None else (0, 0)
        return (source.start, source.end, source.label, source.id, 1, *where, relation.label)

    def _put(self, row: Row) -> None:
        at = bisect_left(self._rows, self._key(row), key=self._key)
        self.beginInsertRows(QModelIndex(), at, at)
        self._rows.insert(at, row)
        self.endInsertRows()

    def _take(self, at: int) -> None:
        self.beginRemoveRows(QModelIndex(), at, at)
        del self._rows[at]
        self.endRemoveRows()

    def insert(self, spans: Sequence[StoredSpan]) -> None:
        for span in spans:
            self._spans[span.id] = span
            self._put(span)

    def remove(self, span_ids: Sequence[int]) -> None:
        for span_id in span_ids:
            self._drop_relations_of(span_id)
            row = self.row_of(span_id)
            self._spans.pop(span_id, None)
            if row is not None:
                self._take(row)

    def replace(self, span: StoredSpan) -> None:
        """A relabelled span (same id): moved to its new sorted place, its relations with it."""
        moved = self._drop_relations_of(span.id)
        self.remove([span.id])
        self.insert([span])
        for relation in moved:
            self._relations[relation.id] = relation
            self._put(RelationRow(relation))

    def set_relations(self, relations: Sequence[StoredRelation], schema: RelationSchema) -> None:
        """Show ``relations`` under their source spans: only the rows that changed come and
        go (a relation whose ends are not both listed is left out)."""
        for label in schema:
            self._chips.setdefault(f"{ARROW} {label.name}", colour_chip(label.color))
        wanted = {
            r.id: r for r in relations if r.source_id in self._spans and r.target_id in self._spans
        }
        gone = [ident for ident, r in self._relations.items() if wanted.get(ident) != r]
        for ident in gone:
            row = self.relation_row_of(ident)
            del self._relations[ident]
            if row is not None:
                self._take(row)
        for ident, relation in wanted.items():
            if ident not in self._relations:
                self._relations[ident] = relation
                self._put(RelationRow(relation))

    def _drop_relations_of(self, span_id: int) -> list[StoredRelation]:
        """Take the relation rows of span ``span_id`` (its own and those pointing to it)."""
        dropped = [r for r in self._relations.values() if span_id in (r.source_id, r.target_id)]
        for relation in dropped:
            row = self.relation_row_of(relation.id)
            del self._relations[relation.id]
            if row is not None:
                self._take(row)
        return dropped

    def row_of(self, record_id: int) -> int | None:
        """The row of span ``record_id`` (relation rows have ids of their own)."""
        span = self._spans.get(record_id)
        if span is None:
            return None
        at = bisect_left(self._rows, self._key(span), key=self._key)
        return at if at < len(self._rows) and self._rows[at] == span else None

    def relation_row_of(self, relation_id: int) -> int | None:
        relation = self._relations.get(relation_id)
        if relation is None:
            return None
        return next(
            (
                n
                for n, row in enumerate(self._rows)
                if isinstance(row, RelationRow) and row.relation.id == relation_id
            ),
            None,
        )

    def span_count(self) -> int:
        return len(self._spans)

    def widest(self) -> tuple[list[str], str]:
        """The schema's label names and the widest offsets the document can have, as the label
        and offsets columns show them."""
        return list(self._chips), f"{len(self._text)}\u2013{len(self._text)}"

    def span_at(self, row: int) -> StoredSpan:
        found = self._rows[row]
        if not isinstance(found, StoredSpan):
            raise IndexError(f"row {row} is a relation")
        return found

    def relation_at(self, row: int) -> StoredRelation | None:
        found = self._rows[row]
        return found.relation if isinstance(found, RelationRow) else None

    def cell(self, span: Row, column: int, role: int) -> Any:
        if isinstance(span, RelationRow):
            return self._relation_cell(span.relation, column, role)
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

    def _relation_cell(self, relation: StoredRelation, column: int, role: int) -> Any:
        target = self._spans.get(relation.target_id)
        if target is None:
            return None
        name = f"{ARROW} {relation.label}"
        words = one_line(self._text[target.start : target.end])
        if role == Qt.ItemDataRole.DisplayRole:
            if column == self.LABEL:
                return name
            if column == self.TEXT:
                return words
            if column == self.OFFSETS:
                return f"{target.start}\u2013{target.end}"
        elif role == Qt.ItemDataRole.DecorationRole and column == self.LABEL:
            return self._chips.get(name) or colour_chip("#888888")
        elif role == Qt.ItemDataRole.ToolTipRole:
            source = self._spans.get(relation.source_id)
            start = "" if source is None else one_line(self._text[source.start : source.end])
            return f"{relation.label}: {start} {ARROW} {target.label} {words} (Delete deletes it)"
        elif role == Qt.ItemDataRole.FontRole:
            return self.small_font
        elif role == Qt.ItemDataRole.ForegroundRole and column != self.TEXT:
            return MUTED
        elif role == RELATION_ID_ROLE:
            return relation.id
        return None
