"""Moving through documents, marking them done, reopening the window, the welcome page, the
document list's filters and the remembered settings."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot
from window_support import (
    USER,
    drag,
    import_texts,
    isolated_settings,
    open_window,
    press,
    stored_triples,
)

from annotator.core.status import SetStatus
from annotator.gui.document_model import DOCUMENT_ID_ROLE
from annotator.gui.main_window import MainWindow
from annotator.gui.settings import Settings
from annotator.store.annotations import set_status, set_status_of
from annotator.store.progress import person_progress
from annotator.store.store import Store

pytestmark = pytest.mark.gui
__all__ = ["isolated_settings", "open_window"]

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
ALT = Qt.KeyboardModifier.AltModifier
TEXTS = [(f"doc{n}", f"Report {n}: fighters attacked the district of Kunduz.") for n in range(1, 6)]


@pytest.fixture
def ids(sqlite_url: str) -> dict[str, int]:
    return import_texts(sqlite_url, TEXTS)


def open_id(window: MainWindow) -> int:
    assert window.workspace.document is not None
    return window.workspace.document.id


def status_of(url: str, document: int) -> SetStatus | None:
    with Store.open(url) as store:
        return set_status_of(store, document, USER)


def test_alt_arrows_and_ctrl_page_keys_move_between_documents(
    ids: dict[str, int], sqlite_url: str, open_window: Callable[..., MainWindow]
) -> None:
    window = open_window(sqlite_url)
    assert open_id(window) == ids["doc1"]
    press(window, Qt.Key.Key_Right, ALT)
    press(window, Qt.Key.Key_PageDown, CTRL)
    assert open_id(window) == ids["doc3"]
    assert window.view.toPlainText() == TEXTS[2][1]
    press(window, Qt.Key.Key_PageUp, CTRL)
    press(window, Qt.Key.Key_Left, ALT)
    assert open_id(window) == ids["doc1"]
    press(window, Qt.Key.Key_Right, ALT)
    assert open_id(window) == ids["doc2"]
    # The list shows the open document.
    current = window.documents.table.currentIndex()
    assert current.data(DOCUMENT_ID_ROLE) == ids["doc2"]


def test_ctrl_enter_marks_done_and_opens_the_next_unfinished(
    qtbot: QtBot, ids: dict[str, int], sqlite_url: str, open_window: Callable[..., MainWindow]
) -> None:
    with Store.open(sqlite_url) as store:
        set_status(store, ids["doc2"], USER, SetStatus.DONE)
    window = open_window(sqlite_url)
    assert open_id(window) == ids["doc1"]
    press(window, Qt.Key.Key_Return, CTRL)
    assert status_of(sqlite_url, ids["doc1"]) is SetStatus.DONE
    assert open_id(window) == ids["doc3"]  # doc2 was done already
    press(window, Qt.Key.Key_Enter, CTRL | Qt.KeyboardModifier.KeypadModifier)
    assert status_of(sqlite_url, ids["doc3"]) is SetStatus.DONE
    assert open_id(window) == ids["doc4"]
    # Counted in a thread: the window does not wait for it.
    qtbot.waitUntil(lambda: window.progress_label.text() == "3 of 5 documents done")
    # Undo brings the document back and its status with it.
    press(window, Qt.Key.Key_Z, CTRL)
    assert open_id(window) == ids["doc3"]
    assert status_of(sqlite_url, ids["doc3"]) is None
    with Store.open(sqlite_url) as store:
        assert person_progress(store, USER).done == 2


def test_ctrl_shift_enter_reopens_a_document_marked_done_and_undo_marks_it_done_again(
    qtbot: QtBot, ids: dict[str, int], sqlite_url: str, open_window: Callable[..., MainWindow]
) -> None:
    window = open_window(sqlite_url)
    press(window, Qt.Key.Key_Return, CTRL)  # doc1 done, doc2 opens
    window.open_document(ids["doc1"])  # back to it (how is not what this test is about)
    assert open_id(window) == ids["doc1"]
    assert status_of(sqlite_url, ids["doc1"]) is SetStatus.DONE
    press(window, Qt.Key.Key_Return, CTRL | SHIFT)
    assert status_of(sqlite_url, ids["doc1"]) is SetStatus.IN_PROGRESS
    assert open_id(window) == ids["doc1"]  # it stays open, to be worked on
    # Counted in a thread: the window does not wait for it.
    qtbot.waitUntil(lambda: window.progress_label.text() == "0 of 5 documents done")
    assert window.document_meta.text().startswith("in progress")
    assert window.actions.undo.text() == "&Undo Mark document not done"
    press(window, Qt.Key.Key_Z, CTRL)
    assert status_of(sqlite_url, ids["doc1"]) is SetStatus.DONE
    press(window, Qt.Key.Key_Z, CTRL | SHIFT)
    assert status_of(sqlite_url, ids["doc1"]) is SetStatus.IN_PROGRESS
    # On a document that is not done (the keypad's Enter too) it changes nothing, and says so.
    press(window, Qt.Key.Key_Enter, CTRL | SHIFT | Qt.KeyboardModifier.KeypadModifier)
    assert status_of(sqlite_url, ids["doc1"]) is SetStatus.IN_PROGRESS
    assert window.statusBar().currentMessage() == "This document is not marked done."
    assert window.stack.count() == 2


def test_undo_opens_the_document_the_change_was_made_on(
    qtbot: QtBot, ids: dict[str, int], sqlite_url: str, open_window: Callable[..., MainWindow]
) -> None:
    window = open_window(sqlite_url)
    drag(qtbot, window, 0, 6)
    press(window, Qt.Key.Key_4)
    press(window, Qt.Key.Key_Right, ALT)
    assert open_id(window) == ids["doc2"]
    press(window, Qt.Key.Key_Z, CTRL)
    assert open_id(window) == ids["doc1"]
    assert stored_triples(sqlite_url, ids["doc1"]) == []


def test_a_new_window_finds_everything_and_the_last_document(
    qtbot: QtBot, ids: dict[str, int], sqlite_url: str, open_window: Callable[..., MainWindow]
) -> None:
    window = open_window(sqlite_url)
    press(window, Qt.Key.Key_Right, ALT)
    drag(qtbot, window, 0, 6)
    press(window, Qt.Key.Key_1)
    end = len("Report 2: fighters")
    drag(qtbot, window, end - 8, end)
    press(window, Qt.Key.Key_A)
    window.close()

    again = open_window(sqlite_url)
    assert open_id(again) == ids["doc2"]
    shown = [again.spans.model.span_at(row) for row in range(again.spans.model.rowCount())]
    assert [(s.start, s.end, s.label) for s in shown] == [
        (0, 6, "ACTOR"),
        (end - 8, end, "ACTOR"),
    ]
    assert stored_triples(sqlite_url, ids["doc2"]) == [(0, 6, "ACTOR"), (end - 8, end, "ACTOR")]
    row = again.documents.model.row_of(ids["doc2"])
    assert row is not None
    summary = again.documents.model.document_at(row)
    assert (summary.status, summary.span_count) == (SetStatus.IN_PROGRESS, 2)


def test_another_person_starts_on_their_own_first_unfinished(
    ids: dict[str, int], sqlite_url: str, open_window: Callable[..., MainWindow]
) -> None:
    with Store.open(sqlite_url) as store:
        set_status(store, ids["doc1"], "ben", SetStatus.DONE)
    window = open_window(sqlite_url, "ben")
    assert open_id(window) == ids["doc2"]
    assert "ben" in window.user_label.text()


def test_filters_and_search_in_the_document_list(
    qtbot: QtBot, ids: dict[str, int], sqlite_url: str, open_window: Callable[..., MainWindow]
) -> None:
    window = open_window(sqlite_url)
    press(window, Qt.Key.Key_Return, CTRL)
    panel = window.documents
    panel.set_status_filter(panel.model.status_filter.DONE)
    assert [panel.model.document_at(r).id for r in range(panel.model.rowCount())] == [ids["doc1"]]
    panel.set_status_filter(panel.model.status_filter.UNFINISHED)
    assert panel.model.rowCount() == 4
    assert panel.count.text() == "4"
    QTest.keyClicks(panel.search, "Report 4")
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1)
    assert panel.model.document_at(0).id == ids["doc4"]
    panel.table.clicked.emit(panel.model.index(0, 0))
    assert open_id(window) == ids["doc4"]


def test_empty_database_welcomes_and_opens_the_sample(
    qtbot: QtBot, sqlite_url: str, open_window: Callable[..., MainWindow]
) -> None:
    window = open_window(sqlite_url)
    assert window.pages.currentWidget() is window.welcome
    qtbot.mouseClick(window.welcome.sample_button, Qt.MouseButton.LeftButton)
    assert window.pages.currentWidget() is window.splitter
    document = window.workspace.document
    assert document is not None
    assert document.external_id == "000_1016467d3f9ed043"
    assert document.text.startswith("Afghan forces have recaptured a key district")
    assert window.documents.model.rowCount() == 1
    # Counted in a thread: the window does not wait for it.
    qtbot.waitUntil(lambda: window.progress_label.text() == "0 of 1 documents done")


def test_zoom_geometry_and_splitter_are_remembered(
    qtbot: QtBot, ids: dict[str, int], sqlite_url: str, open_window: Callable[..., MainWindow]
) -> None:
    window = open_window(sqlite_url)
    font_before = window.view.font().pointSizeF()
    press(window, Qt.Key.Key_Plus, CTRL)
    press(window, Qt.Key.Key_Plus, CTRL)
    press(window, Qt.Key.Key_Minus, CTRL)
    assert window.view.font().pointSizeF() > font_before
    # Within the offscreen platform's 800x800 screen, which restoring the geometry respects.
    window.resize(780, 700)
    qtbot.waitUntil(lambda: window.splitter.width() <= 780)
    # The person drags the handle between the article and the span list 30 px to the left.
    before = window.splitter.sizes()
    handle = window.splitter.handle(2)
    middle, there = handle.rect().center(), handle.rect().center() - QPoint(30, 0)
    QTest.mousePress(handle, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, middle)
    QTest.mouseMove(handle, there)
    QTest.mouseRelease(handle, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, there)
    sizes = window.splitter.sizes()
    assert sizes == [before[0], before[1] - 30, before[2] + 30]
    window.close()
    settings = Settings(sqlite_url, USER)
    assert settings.zoom() == 1
    assert settings.last_document() == ids["doc1"]

    again = open_window(sqlite_url)
    assert again.splitter.sizes() == sizes
    assert (again.width(), again.height()) == (780, 700)
    assert again.view.font().pointSizeF() > font_before
