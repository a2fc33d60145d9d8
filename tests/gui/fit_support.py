"""Measuring whether what a person reads is drawn whole: Qt's own size hints and font metrics
on the real, laid-out widgets (the window's and review mode's tests at 1024x700)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TypeVar

from PySide6.QtCore import QModelIndex, QRect, Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QApplication, QLabel, QStyleOptionViewItem, QTableView, QWidget
from pytestqt.qtbot import QtBot

SIZE = (1024, 700)
W = TypeVar("W", bound=QWidget)


def at_size(qtbot: QtBot, window: W) -> W:
    window.resize(*SIZE)
    qtbot.waitUntil(lambda: (window.width(), window.height()) == SIZE)
    QApplication.processEvents()
    return window


def inside(widget: QWidget, ancestor: QWidget) -> bool:
    """``widget`` lies wholly within ``ancestor``'s rectangle (nothing of it clipped)."""
    top_left = widget.mapTo(ancestor, widget.rect().topLeft())
    return ancestor.rect().contains(QRect(top_left, widget.size()))


def cells(table: QTableView, column: int) -> Iterator[QModelIndex]:
    model = table.model()
    for row in range(model.rowCount()):
        yield model.index(row, column)


def needed_width(table: QTableView, index: QModelIndex) -> int:
    """The width Qt's delegate asks for to draw the cell whole (text, icon, padding)."""
    option = QStyleOptionViewItem()
    table.initViewItemOption(option)
    return int(table.itemDelegateForIndex(index).sizeHint(option, index).width())


def drawn_text(table: QTableView, index: QModelIndex) -> str:
    """The text Qt draws in the cell: its display text, elided at the right to the room the
    column leaves after the delegate's padding (and icon)."""
    text = str(index.data())
    option = QStyleOptionViewItem()
    table.initViewItemOption(option)
    font = index.data(Qt.ItemDataRole.FontRole) or table.font()
    metrics = QFontMetrics(font)
    padding = needed_width(table, index) - metrics.horizontalAdvance(text)
    room = table.columnWidth(index.column()) - padding
    return metrics.elidedText(text, Qt.TextElideMode.ElideRight, room)


def assert_headers_whole(table: QTableView) -> None:
    header = table.horizontalHeader()
    for column in range(header.count()):
        name = table.model().headerData(column, Qt.Orientation.Horizontal)
        assert header.sectionSize(column) >= header.sectionSizeHint(column), name
        right = header.sectionViewportPosition(column) + header.sectionSize(column)
        assert right <= header.viewport().width(), f"{name} runs past the table's edge"


def assert_label_whole(label: QLabel) -> None:
    """A label (which cuts rather than elides) has room for its text."""
    assert label.isVisible(), label.text()
    assert label.contentsRect().width() >= label.fontMetrics().horizontalAdvance(label.text())
    assert inside(label, label.window()), label.text()
