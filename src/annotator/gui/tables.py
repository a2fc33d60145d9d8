"""The side panels' tables: a quiet read-only table, its titled layout, row selection."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

from PySide6.QtCore import QAbstractItemModel, QItemSelectionModel, Qt
from PySide6.QtGui import QFont, QFontMetricsF
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QStyle,
    QStyleOptionViewItem,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from annotator.gui import style


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


def fit_to_contents(
    table: QTableView, stretch: int, least_chars: int, held: Sequence[int] = ()
) -> None:
    """Size every column of ``table`` but ``stretch`` and ``held`` to its contents and header
    (``held`` columns are sized by the caller), let ``stretch`` take the rest, and keep the
    table wide enough for all of them with ``least_chars`` average characters in ``stretch``:
    no splitter or window cuts a column short (``stretch``'s longer texts end in "…", their
    tooltips whole)."""
    header = table.horizontalHeader()
    mode = QHeaderView.ResizeMode
    for column in range(header.count()):
        if column == stretch:
            header.setSectionResizeMode(column, mode.Stretch)
        else:
            header.setSectionResizeMode(
                column, mode.Fixed if column in held else mode.ResizeToContents
            )

    def keep_minimum(column: int = -1) -> None:
        if column != stretch:  # its width follows the table's, not the other way round
            table.setMinimumWidth(columns_width(table, stretch, least_chars))

    header.sectionResized.connect(keep_minimum)
    keep_minimum()


def cell_width(table: QTableView, text: str, font: QFont | None = None, icon: bool = False) -> int:
    """The width a cell of ``table`` needs to draw ``text`` (in ``font``, after an icon) whole:
    the text, the style sheet's padding and the item view's own margins."""
    margin = table.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, table) + 1
    # Fractional advances rounded up, as the item delegate lays the text out.
    width = math.ceil(QFontMetricsF(font or table.font()).horizontalAdvance(text))
    width += 2 * (style.CELL_PADDING + margin)
    if icon:
        width += table.style().pixelMetric(QStyle.PixelMetric.PM_SmallIconSize, None, table)
        width += 2 * margin  # the icon has the item's margin on both sides, as the text has
    return width


def hold_column(
    table: QTableView,
    column: int,
    texts: Iterable[str],
    font: QFont | None = None,
    icon: bool = False,
    at_least: int = 0,
) -> None:
    """Size ``column`` (a held one, see :func:`fit_to_contents`) for the widest of ``texts``,
    measured by font metrics, and its header, and at least ``at_least``."""
    width = max((cell_width(table, text, font, icon) for text in set(texts)), default=0)
    header = table.horizontalHeader()
    header.resizeSection(column, max(width, at_least, header.sectionSizeHint(column)))


def longest(texts: Iterable[str], count: int = 8) -> list[str]:
    """The ``count`` longest of ``texts``: the ones to measure in a column of thousands of
    rows of digits (measuring each takes long)."""
    return sorted(set(texts), key=len)[-count:]


def widen_to_rows(table: QTableView, columns: Sequence[int], first: int, last: int) -> None:
    """Widen each of ``columns`` whose cells in rows ``first`` to ``last`` need more room than
    it has, measured by the item delegate. Only those rows are measured: a column sized to
    contents by Qt measures every row at every change (tens of milliseconds per label key on
    a long list)."""
    header = table.horizontalHeader()
    model = table.model()
    option = QStyleOptionViewItem()
    table.initViewItemOption(option)
    delegate = table.itemDelegate()
    for column in columns:
        needed = max(
            (
                delegate.sizeHint(option, model.index(row, column)).width()
                for row in range(first, last + 1)
            ),
            default=0,
        )
        if needed > header.sectionSize(column):
            header.resizeSection(column, needed)


def columns_width(table: QTableView, stretch: int, chars: int) -> int:
    """The width ``table`` needs to show every column but ``stretch`` whole (at its current,
    contents-sized width) and ``chars`` average characters of ``stretch``, and never less
    than ``stretch``'s header (a squeezed list keeps its headers whole)."""
    header = table.horizontalHeader()
    fixed = sum(header.sectionSize(c) for c in range(header.count()) if c != stretch)
    room = cell_width(table, "") + table.fontMetrics().averageCharWidth() * chars
    title = table.model().headerData(stretch, Qt.Orientation.Horizontal)
    room = max(room, cell_width(table, str(title or ""), header.font()))
    scroll_bar = table.verticalScrollBar().sizeHint().width()
    return fixed + room + scroll_bar + 2 * table.frameWidth()


def panel_width(panel: QWidget, table: QTableView, stretch: int, chars: int) -> int:
    """:func:`columns_width` of ``panel``'s table, with the panel's own margins."""
    margins = panel.contentsMargins()
    layout = panel.layout()
    if layout is not None:
        margins = layout.contentsMargins()
    return columns_width(table, stretch, chars) + margins.left() + margins.right()


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
