"""The base of the window's flat table models: one record per row, fixed named columns.

Subclasses keep their records in ``self._rows``, name their columns in ``COLUMNS`` (with
``HEADER_TIPS`` for header tooltips) and answer :meth:`RecordTableModel.cell` for one record,
column and role; they announce their own changes (row inserts and removals, resets,
dataChanged) as precisely as they can.
"""

from __future__ import annotations

from typing import Any, ClassVar, Generic, Protocol, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor, QFont

from annotator.gui import style

Index = QModelIndex | QPersistentModelIndex
MUTED = QColor(style.MUTED)  # secondary cells: offsets, counts, who did it


class Identified(Protocol):
    @property
    def id(self) -> int: ...


Record = TypeVar("Record", bound=Identified)


def smaller_font(points: float) -> QFont:
    """The default font ``points`` smaller (never below 7 pt), for secondary columns."""
    font = QFont()
    font.setPointSizeF(max(font.pointSizeF() - points, 7.0))
    return font


# Roles a view asks of every cell it paints that no model here answers (a cell's background
# is the row's, and no cell has a check box): answered at once, before the record is looked up.
# A table repaints ~100 cells, seven roles each, at every change shown.
_UNANSWERED = frozenset({Qt.ItemDataRole.CheckStateRole, Qt.ItemDataRole.BackgroundRole})


class RecordTableModel(QAbstractTableModel, Generic[Record]):
    COLUMNS: ClassVar[tuple[str, ...]] = ()
    HEADER_TIPS: ClassVar[tuple[str, ...]] = ()  # the columns' header tooltips, if any
    # Roles none of this model's cells answer (a subclass that answers one of them narrows it).
    UNANSWERED: ClassVar[frozenset[int]] = _UNANSWERED

    def __init__(self) -> None:
        super().__init__()
        self._rows: list[Record] = []

    def row_of(self, record_id: int) -> int | None:
        """The row of the record with id ``record_id``, None if it is not shown."""
        return next((n for n, record in enumerate(self._rows) if record.id == record_id), None)

    def record(self, index: Index) -> Record | None:
        """The record shown at ``index``, None for an invalid or stale index."""
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        return self._rows[index.row()]

    def cell(self, record: Record, column: int, role: int) -> Any:
        raise NotImplementedError

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            texts = self.COLUMNS
        elif role == Qt.ItemDataRole.ToolTipRole:
            texts = self.HEADER_TIPS
        else:
            return None
        return texts[section] if 0 <= section < len(texts) else None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role in self.UNANSWERED:
            return None
        row = index.row()
        if not index.isValid() or not 0 <= row < len(self._rows):
            return None
        return self.cell(self._rows[row], index.column(), role)
