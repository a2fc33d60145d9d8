"""The side panels' tables: a quiet read-only table, its titled layout, row selection."""

from __future__ import annotations

from PySide6.QtCore import QAbstractItemModel, QItemSelectionModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)


def quiet_table(model: QAbstractItemModel, row_height: int = 24) -> QTableView:
    """A read-only, row-selecting table without grid or focus, as the window's lists are."""
    table = QTableView()
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setShowGrid(False)
    table.setWordWrap(False)
    table.verticalHeader().setVisible(False)
    table.verticalHeader().setDefaultSectionSize(row_height)
    table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    header = table.horizontalHeader()
    header.setHighlightSections(False)
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
    return table


def select_row(table: QTableView, row: int | None) -> None:
    """Select ``row`` (None: nothing) and scroll to it, without emitting clicks."""
    selection = table.selectionModel()
    if row is None:
        selection.clearSelection()
        return
    index = table.model().index(row, 0)
    selection.setCurrentIndex(
        index,
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
    )
    table.scrollTo(index)


def titled(title: str, note: QLabel, body: QWidget, parent: QWidget) -> QVBoxLayout:
    """``parent``'s layout: ``title`` with ``note`` (a count) on the right, ``body`` below."""
    heading = QLabel(title)
    heading.setObjectName("panelTitle")
    note.setObjectName("panelNote")
    top = QHBoxLayout()
    top.addWidget(heading)
    top.addStretch(1)
    top.addWidget(note)
    layout = QVBoxLayout(parent)
    layout.setSpacing(6)
    layout.addLayout(top)
    layout.addWidget(body, 1)
    return layout


def empty_note(text: str) -> QLabel:
    """What an empty list shows instead of its table."""
    note = QLabel(text)
    note.setObjectName("emptyNote")
    note.setWordWrap(True)
    note.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignHCenter)
    return note
