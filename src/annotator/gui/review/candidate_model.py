"""The open document's candidates as a table: text, label, offsets, who chose it, whether it
is in gold, and the latest decision about it. A relation candidate's row comes right under its
source span's: "↳ “target words”" as its text, the relation label (with the relation's
colour) and the target's offsets.

Rows follow the candidates' order (start, end, label). When a decision changes only verdicts and
decisions, the rows are updated in place (the table keeps its scroll position); when candidates
come or go (a correction), the model is reset and the panel selects again by candidate id.
"""

# ruff: noqa: RUF001 (en dashes in offset ranges and key lists are meant)

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QIcon

from annotator.core.labels import LabelSchema
from annotator.core.relations import RelationSchema
from annotator.gui.label_bar import colour_chip
from annotator.gui.review.rows import (
    RelationRow,
    Row,
    Verdict,
    chosen_by_text,
    comment_lines,
    decision_text,
    relation_decision_text,
)
from annotator.gui.span_model import one_line
from annotator.gui.table_model import MUTED, RecordTableModel, smaller_font

CANDIDATE_ID_ROLE = Qt.ItemDataRole.UserRole + 11
GOLD_MARK = {Verdict.IN: "✓", Verdict.OUT: "✗", Verdict.OPEN: ""}
GOLD_COLOUR = {Verdict.IN: QColor("#2e7d32"), Verdict.OUT: QColor("#b42318"), Verdict.OPEN: MUTED}
TO_DECIDE = QColor("#fff6e0")  # a light amber behind disputed candidates still open


class CandidateModel(RecordTableModel[Row]):
    COLUMNS = ("Text", "Label", "Offsets", "Chosen by", "Gold", "Decision")
    TEXT, LABEL, OFFSETS, CHOSEN_BY, GOLD, DECISION = range(6)
    UNANSWERED = frozenset({Qt.ItemDataRole.CheckStateRole})  # rows to decide are tinted

    def __init__(self) -> None:
        super().__init__()
        self._text = ""
        self._chips: dict[str, QIcon] = {}
        self._relation_chips: dict[str, QIcon] = {}
        self._small = smaller_font(1.5)
        self._struck = QFont()
        self._struck.setStrikeOut(True)

    def reset(
        self,
        text: str,
        rows: Sequence[Row],
        schema: LabelSchema,
        relations: RelationSchema | None = None,
    ) -> None:
        self.beginResetModel()
        self._text = text
        self._rows = list(rows)
        self._chips = {label.name: colour_chip(label.color) for label in schema}
        self._relation_chips = {r.name: colour_chip(r.color) for r in relations or ()}
        self.endResetModel()

    def update(self, rows: Sequence[Row]) -> None:
        """New rows for the same text: changed in place when the candidates are the same."""
        if [row.id for row in rows] != [row.id for row in self._rows]:
            self.beginResetModel()
            self._rows = list(rows)
            self.endResetModel()
            return
        self._rows = list(rows)
        if self._rows:
            last = self.index(len(self._rows) - 1, len(self.COLUMNS) - 1)
            self.dataChanged.emit(self.index(0, 0), last)

    def row_at(self, row: int) -> Row:
        return self._rows[row]

    def rows(self) -> list[Row]:
        return list(self._rows)

    def cell(self, row: Row, column: int, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(row, column)
        if role == Qt.ItemDataRole.DecorationRole and column == self.LABEL:
            if isinstance(row, RelationRow):
                return self._relation_chips.get(row.relation.label) or colour_chip("#8c8c8c")
            return self._chips.get(row.span.label) or colour_chip("#8c8c8c")
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(row)
        if role == Qt.ItemDataRole.ForegroundRole:
            if column == self.GOLD:
                return GOLD_COLOUR[row.verdict]
            if row.verdict is Verdict.OUT or column in (self.OFFSETS, self.DECISION):
                return MUTED
        elif role == Qt.ItemDataRole.BackgroundRole and row.to_decide:
            return TO_DECIDE
        elif role == Qt.ItemDataRole.FontRole:
            if column == self.TEXT and row.verdict is Verdict.OUT:
                return self._struck
            return self.font_of(column)
        elif role == Qt.ItemDataRole.TextAlignmentRole and column in (self.OFFSETS, self.GOLD):
            return int(Qt.AlignmentFlag.AlignCenter)
        elif role == CANDIDATE_ID_ROLE:
            return row.id
        return None

    def column_texts(self, column: int) -> list[str]:
        """What ``column`` shows in every row, and for the label and offsets columns what any
        row of this document could show (every label, the largest offsets)."""
        texts = [self._display(row, column) for row in self._rows]
        if column == self.LABEL:
            texts.extend(self._chips)
            texts.extend(self._relation_chips)
        elif column == self.OFFSETS:
            texts.append(f"{len(self._text)}–{len(self._text)}")
        return texts

    def font_of(self, column: int) -> QFont | None:
        """The font ``column``'s cells are drawn in (None: the table's)."""
        return self._small if column in (self.LABEL, self.OFFSETS, self.DECISION) else None

    def _display(self, row: Row, column: int) -> str:
        if isinstance(row, RelationRow):
            return self._relation_display(row, column)
        span = row.span
        if column == self.TEXT:
            return one_line(self._text[span.start : span.end], 40)
        if column == self.LABEL:
            return span.label
        if column == self.OFFSETS:
            return f"{span.start}–{span.end}"
        if column == self.CHOSEN_BY:
            mark = " ✎" if row.comments else ""  # the comments are in the row's tooltip
            return chosen_by_text(row.candidate) + mark
        if column == self.GOLD:
            return GOLD_MARK[row.verdict]
        return decision_text(row.decision, span)

    def _relation_display(self, row: RelationRow, column: int) -> str:
        target = row.relation.target
        if column == self.TEXT:
            return "↳ " + one_line(self._text[target.start : target.end], 36)
        if column == self.LABEL:
            return row.relation.label
        if column == self.OFFSETS:
            return f"{target.start}–{target.end}"
        if column == self.CHOSEN_BY:
            return chosen_by_text(row.candidate)
        if column == self.GOLD:
            return GOLD_MARK[row.verdict]
        return relation_decision_text(row.decision, row.relation)

    def _relation_tooltip(self, row: RelationRow) -> str:
        relation = row.relation
        source, target = relation.source, relation.target
        lines = [
            f"relation {relation.label}: from {source.label} "
            f"“{self._text[source.start : source.end]}” ({source.start}–{source.end}) "
            f"to {target.label} “{self._text[target.start : target.end]}” "
            f"({target.start}–{target.end}, code points, end exclusive)",
            f"chosen by {chosen_by_text(row.candidate)}",
        ]
        if row.decision is not None:
            lines.append(
                f"{relation_decision_text(row.decision, relation)} by {row.decision.reviewer}"
            )
            if row.decision.reason:
                lines.append(f"reason: {row.decision.reason}")
        return "\n".join(lines)

    def _tooltip(self, row: Row) -> str:
        if isinstance(row, RelationRow):
            return self._relation_tooltip(row)
        span = row.span
        lines = [
            f"{span.label} {span.start}–{span.end} (code points, end exclusive)",
            self._text[span.start : span.end],
            f"chosen by {chosen_by_text(row.candidate)}",
            *comment_lines(row),
        ]
        if row.decision is not None:
            note = decision_text(row.decision, span)
            lines.append(f"{note} by {row.decision.reviewer}")
            if row.decision.reason:
                lines.append(f"reason: {row.decision.reason}")
        return "\n".join(lines)
