"""Nothing a reviewer must read is cut short in review mode at 1024x700: the label and
"accept all from" buttons, the heading, the key hint, the queue's headers, counts and the start
of each title, the candidate table's labels, offsets, who chose each, gold marks, decisions and
short texts, the decision log's reviewer, decision and wrapped reason, and the status bar.
Measured with Qt's own size hints and font metrics on the real, laid-out widgets, after
decisions made with real key presses (and checked in the database)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from fit_support import (
    SIZE,
    assert_headers_whole,
    assert_label_whole,
    at_size,
    cells,
    drawn_text,
    inside,
    needed_width,
)
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QStyleOptionViewItem,
    QTableView,
    QToolButton,
)
from pytestqt.qtbot import QtBot
from review_support import (
    GOVERNOR,
    KUNDUZ_EVENT,
    REVIEWER,
    TEXT,
    key,
    load_team_corpus,
    log_of,
    open_review,
    panel_of,
    records,
    select,
)
from window_support import isolated_settings

from annotator.core.spans import Span
from annotator.gui.main_window import MainWindow
from annotator.gui.review.candidate_model import CandidateModel
from annotator.gui.review.decision_log import LEAST_REASON_CHARS, DecisionLogModel
from annotator.gui.review.panels import LEAST_CANDIDATE_CHARS, LEAST_TITLE_CHARS
from annotator.gui.review.queue_model import ReviewQueueModel
from annotator.schemas import Located
from annotator.store.documents import find_document
from annotator.store.importer import import_records
from annotator.store.store import Store

pytestmark = pytest.mark.gui
__all__ = ["isolated_settings", "open_review"]

REASON = "Kunduz is the province here, not an event: the guidelines say places are PLACE."
LONG_TITLE = "Flooding in the Sindh province of Pakistan displaced thousands of families."


@pytest.fixture
def corpus(sqlite_url: str) -> str:
    """The team corpus, a long-titled document only ana finished ("not compared"), and one
    with four-digit offsets."""
    load_team_corpus(sqlite_url)
    padded = "Before. " * 150 + TEXT
    shift = len(padded) - len(TEXT)
    late = [Span(s.start + shift, s.end + shift, s.label) for s in (KUNDUZ_EVENT, GOVERNOR)]
    lines = [
        *records("solo", LONG_TITLE, {"ana": [Span(0, 8, "EVENT")]}),
        *records("late", padded, {"ana": late, "ben": late[:1]}),
    ]
    with Store.open(sqlite_url) as store:
        import_records(store, [Located("t", n, r) for n, r in enumerate(lines, 1)])
    return sqlite_url


def assert_cells_whole(table: QTableView, columns: tuple[int, ...]) -> None:
    for column in columns:
        for index in cells(table, column):
            width = sum(
                table.columnWidth(column + n) for n in range(table.columnSpan(index.row(), column))
            )
            assert needed_width(table, index) <= width, (column, index.data())


def assert_wrapped_whole(label: QLabel) -> None:
    """A word-wrapped label is tall enough for all its lines, and not clipped."""
    assert label.isVisible(), label.text()
    assert label.height() >= label.heightForWidth(label.width()), label.text()
    assert inside(label, label.window()), label.text()


def test_nothing_a_reviewer_reads_is_cut_at_1024x700(
    qtbot: QtBot, corpus: str, open_review: Callable[..., MainWindow]
) -> None:
    window = at_size(qtbot, open_review(corpus))
    panel = panel_of(window)
    document = panel.session.document
    assert document is not None
    assert document.external_id == "news"
    news = document.id

    # Decisions by keys: a reason (Ctrl+E, typed, Enter) with a rejection, a relabelling.
    select(panel, KUNDUZ_EVENT)
    key(panel, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    assert panel.reason.hasFocus()
    QTest.keyClicks(panel.reason, REASON)
    QTest.keyClick(panel.reason, Qt.Key.Key_Return)
    key(panel, Qt.Key.Key_R)
    select(panel, GOVERNOR)
    key(panel, Qt.Key.Key_2)  # PLACE
    log = log_of(corpus, news)  # read by another connection
    assert [(d.action, d.span, d.reason) for d in log] == [
        ("reject", KUNDUZ_EVENT, REASON),
        ("correct", Span(GOVERNOR.start, GOVERNOR.end, "PLACE"), ""),
    ]
    QTest.qWait(0)  # let the layout settle after the rows changed

    # The window kept its size: no panel asked for more than 1024 pixels.
    assert (window.width(), window.height()) == SIZE
    assert inside(panel, window)

    # The label and "accept all from" buttons: every name and key, at full size, none clipped.
    buttons = [*panel.tools.findChildren(QToolButton), *panel.tools.findChildren(QLabel)]
    names = [str(button.property("text")) for button in buttons]
    assert {"ACTOR  1", "FIGURE  4", "All from", "cai  ⇧3"} <= set(names)
    assert inside(panel.tools, window)
    for button in buttons:
        assert button.isVisible(), button.property("text")
        assert button.width() >= button.sizeHint().width(), button.property("text")
        assert inside(button, panel.tools), button.property("text")
    assert_label_whole(panel.title)
    assert_label_whole(panel.meta)
    assert_wrapped_whole(panel.hint)
    assert panel.hint.text().endswith("N gold done")

    # The queue: headers, counts and gold marks whole (and "not compared" across two columns);
    # at least the start of every title. Its columns are never sized by Qt row by row.
    queue = panel.queue.table
    assert_headers_whole(queue)
    held = (ReviewQueueModel.DONE_BY, ReviewQueueModel.DISPUTED, ReviewQueueModel.GOLD)
    assert_cells_whole(queue, held)
    assert "not compared" in {str(index.data()) for index in cells(queue, held[0])}
    for index in cells(queue, ReviewQueueModel.DOCUMENT):
        shown = drawn_text(queue, index).removesuffix("…")
        assert len(shown) >= LEAST_TITLE_CHARS, (shown, index.data())
    for table in (queue, panel.candidates.table):
        header = table.horizontalHeader()
        for column in range(header.count()):
            assert header.sectionResizeMode(column) != QHeaderView.ResizeMode.ResizeToContents

    # The candidates: every column but the text whole, short texts whole.
    candidates = panel.candidates.table
    assert_headers_whole(candidates)
    assert_cells_whole(candidates, tuple(range(1, len(CandidateModel.COLUMNS))))
    assert "relabelled PLACE" in {str(i.data()) for i in cells(candidates, CandidateModel.DECISION)}
    for index in cells(candidates, CandidateModel.TEXT):
        if len(str(index.data())) <= LEAST_CANDIDATE_CHARS:
            assert drawn_text(candidates, index) == index.data()

    # The decision log: reviewer and decision whole, the reason wrapped in a wide enough
    # column, each row as tall as its reason needs.
    log_table = panel.log.table
    assert_headers_whole(log_table)
    assert_cells_whole(log_table, (DecisionLogModel.REVIEWER, DecisionLogModel.DECISION))
    reason_width = log_table.columnWidth(DecisionLogModel.REASON)
    assert reason_width >= LEAST_REASON_CHARS * log_table.fontMetrics().averageCharWidth()
    reasons = list(cells(log_table, DecisionLogModel.REASON))
    assert [index.data() for index in reasons] == [REASON, ""]
    for index in reasons:
        assert log_table.rowHeight(index.row()) >= needed_height(log_table, index)

    # Four-digit offsets: the candidates' offsets column widens to them.
    late = find_corpus_document(corpus, "late")
    panel.open_document(late)
    QTest.qWait(0)
    offsets = [str(index.data()) for index in cells(candidates, CandidateModel.OFFSETS)]
    assert all(len(text.split("\u2013")[0]) == 4 for text in offsets)
    assert_cells_whole(candidates, tuple(range(1, len(CandidateModel.COLUMNS))))
    assert (window.width(), window.height()) == SIZE

    # The status bar: the reviewer, the gold sets done, the database.
    for label in (window.user_label, window.progress_label, window.database_label):
        assert_label_whole(label)
    assert window.user_label.text() == f"Reviewer: {REVIEWER}"


def needed_height(table: QTableView, index: QModelIndex) -> int:
    """The height the cell's delegate asks for at the column's width (a wrapped reason)."""
    option = QStyleOptionViewItem()
    table.initViewItemOption(option)
    option.rect = table.visualRect(index)
    return int(table.itemDelegateForIndex(index).sizeHint(option, index).height())


def find_corpus_document(url: str, name: str) -> int:
    with Store.open(url) as store:
        found = find_document(store, name)
    assert found is not None
    return found
