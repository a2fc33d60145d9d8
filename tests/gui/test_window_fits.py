"""Nothing a person must read is cut short at 1024x700: the label bar's names and keys, the
tables' headers, the span list's labels, offsets and (short) texts, the document list's
status and counts and the start of each title, the selection hint and the rest of the status
bar. Measured with Qt's own size hints and font metrics on the real, laid-out widgets."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from fit_support import (
    assert_headers_whole,
    assert_label_whole,
    at_size,
    cells,
    drawn_text,
    inside,
    needed_width,
)
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from window_support import USER, drag, isolated_settings, open_window, press

from annotator.core.labels import Label
from annotator.gui.document_model import DocumentListModel
from annotator.gui.importing import sample_records
from annotator.gui.main_window import MainWindow
from annotator.gui.span_model import SpanListModel
from annotator.schemas import DocumentRecord, Located, SpanRecord
from annotator.store.importer import import_records
from annotator.store.labels import add_label
from annotator.store.store import Store

pytestmark = pytest.mark.gui
__all__ = ["isolated_settings", "open_window"]

SHORT_TEXT = 16  # span texts up to this long are shown whole (names, places)
TITLE_START = 12  # at least this much of every document's title is shown
WORDS = {
    "ACTOR": ["Taliban", "Afghan forces", "Satar Andarabi", "Assadullah Sadat", "AFP"],
    "PLACE": ["Kunduz", "Qala-e-Zal", "Aqtapa village", "Badakhshan"],
    "EVENT": ["recapture", "spring offensive"],
    "FIGURE": ["10 days", "2,000 families"],
}


def spans_of(text: str) -> list[SpanRecord]:
    found = {
        (match.start(), match.end(), label)
        for label, words in WORDS.items()
        for word in words
        for match in re.finditer(rf"\b{re.escape(word)}\b", text)
    }
    return [SpanRecord(start=s, end=e, label=label) for s, e, label in sorted(found)]


@pytest.fixture
def corpus(sqlite_url: str) -> str:
    """The sample article with ana's spans (offsets past 1,000), and long-titled others."""
    article = next(iter(sample_records())).record
    others = [
        "Flooding in the Sindh province of Pakistan displaced thousands of families.",
        "The European Commission proposed new rules on energy prices on Wednesday.",
    ]
    records = [
        DocumentRecord(
            id="kunduz",
            text=article.text,
            annotator=USER,
            status="in_progress",
            spans=spans_of(article.text),
        ),
        *(DocumentRecord(id=f"other-{n}", text=text) for n, text in enumerate(others)),
    ]
    with Store.open(sqlite_url) as store:
        import_records(store, [Located("t", n, r) for n, r in enumerate(records, 1)])
    return sqlite_url


def test_nothing_a_person_reads_is_cut_at_1024x700(
    qtbot: QtBot, corpus: str, open_window: Callable[..., MainWindow]
) -> None:
    window = at_size(qtbot, open_window(corpus))
    assert window.workspace.document is not None
    assert window.workspace.document.external_id == "kunduz"

    # The label bar: every name and key, each button at its full size, none clipped.
    bar = window.label_bar
    assert inside(bar, bar.parentWidget())
    for name, button in bar.buttons.items():
        assert button.isVisible()
        assert name in button.text()
        assert button.width() >= button.sizeHint().width(), button.text()
        assert inside(button, bar), button.text()
    assert_label_whole(window.document_title)
    assert_label_whole(window.document_meta)

    # The span list: headers, every label and offset, short texts whole.
    spans = window.spans.table
    assert_headers_whole(spans)
    offsets = [str(index.data()) for index in cells(spans, SpanListModel.OFFSETS)]
    assert any(len(text.split("\u2013")[0]) == 4 for text in offsets)  # four-digit offsets
    for column in (SpanListModel.LABEL, SpanListModel.OFFSETS):
        for index in cells(spans, column):
            assert needed_width(spans, index) <= spans.columnWidth(column), index.data()
    short = [i for i in cells(spans, SpanListModel.TEXT) if len(str(i.data())) <= SHORT_TEXT]
    assert "Assadullah Sadat" in {str(index.data()) for index in short}
    for index in short:
        assert drawn_text(spans, index) == index.data()

    # The document list: headers, statuses and counts whole, and the start of every title.
    documents = window.documents.table
    assert_headers_whole(documents)
    for column in (DocumentListModel.STATUS, DocumentListModel.SPANS):
        for index in cells(documents, column):
            assert needed_width(documents, index) <= documents.columnWidth(column)
    for index in cells(documents, DocumentListModel.TITLE):
        shown = drawn_text(documents, index).removesuffix("…")
        assert len(shown) >= TITLE_START, (shown, index.data())
        assert str(index.data()).startswith(shown)

    # The status bar: the selection hint, exact characters, who, progress, database.
    text = window.workspace.document.text
    start = text.index("Assadullah")
    drag(qtbot, window, start, start + len("Assadullah Sadat"))
    press(
        window,
        Qt.Key.Key_X,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert window.status.selection.text() == "16 characters selected: press 1/2/3/4 to label"
    for label in (
        window.status.selection,
        window.status.exact,
        window.user_label,
        window.progress_label,
        window.database_label,
    ):
        assert_label_whole(label)


def test_a_long_label_bar_wraps_to_a_second_row_rather_than_cut_names(
    qtbot: QtBot, corpus: str, open_window: Callable[..., MainWindow]
) -> None:
    with Store.open(corpus) as store:
        for name, key in [
            ("ORGANISATION", "5"),
            ("WEAPON", "6"),
            ("VEHICLE", "7"),
            ("DATE_AND_TIME", "8"),
        ]:
            add_label(store, Label(name, "#7f7f7f", key))
    window = at_size(qtbot, open_window(corpus))
    bar = window.label_bar
    buttons = list(bar.buttons.values())
    assert len(buttons) == 8
    rows = {button.y() for button in buttons}
    assert len(rows) >= 2
    for button in buttons:
        assert button.width() >= button.sizeHint().width(), button.text()
        assert inside(button, bar), button.text()
    assert inside(bar, bar.parentWidget())
    # The article starts below the last row.
    assert window.view.mapTo(window, window.view.rect().topLeft()).y() >= max(
        button.mapTo(window, button.rect().bottomLeft()).y() for button in buttons
    )
