"""Comments on spans, a note and a flag on the document, through the real window's keys and
the comment dialog typed into; what the DATABASE holds is read by another connection. Each is
one step of the window's undo stack; the document list's Flagged filter finds a flagged
document."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QDialogButtonBox, QWidget
from pytestqt.qtbot import QtBot
from window_support import (
    click_span,
    drag,
    import_texts,
    isolated_settings,
    open_window,
    press,
    stored_spans,
    when_modal,
)

from annotator.gui.comment_dialog import CommentDialog
from annotator.gui.document_list import FILTERS
from annotator.gui.main_window import MainWindow
from annotator.gui.span_model import SpanListModel
from annotator.store.documents import StatusFilter

pytestmark = pytest.mark.gui
__all__ = ["isolated_settings", "open_window"]

TEXT = "Taliban fighters attacked Kunduz on Tuesday."
OTHER = "Nothing happened in Herat."
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
KUNDUZ = (TEXT.index("Kunduz"), TEXT.index("Kunduz") + len("Kunduz"))


def type_into_dialog(text: str, clear: bool = False) -> None:
    """When the comment dialog is up: type ``text`` key by key into it (after selecting what
    it holds, with ``clear``), then click OK."""

    def act(widget: QWidget) -> None:
        assert isinstance(widget, CommentDialog)
        if clear:
            QTest.keyClick(widget.editor, Qt.Key.Key_A, CTRL)
            QTest.keyClick(widget.editor, Qt.Key.Key_Delete)
        QTest.keyClicks(widget.editor, text)
        ok = widget.buttons.button(QDialogButtonBox.StandardButton.Ok)
        QTest.mouseClick(ok, Qt.MouseButton.LeftButton)

    when_modal(CommentDialog, act)


def press_for_dialog(
    qtbot: QtBot, window: MainWindow, key: Qt.Key, modifiers: Qt.KeyboardModifier
) -> None:
    """Press the key that opens the comment dialog (filled in by :func:`type_into_dialog`);
    return once the window has the keyboard again."""
    press(window, key, modifiers)
    qtbot.waitUntil(window.isActiveWindow)


def database(url: str) -> sqlite3.Connection:
    return sqlite3.connect(Path(url.removeprefix("sqlite:///")))


def span_comments(url: str) -> list[tuple[int, int, str | None]]:
    with database(url) as connection:
        return connection.execute(
            "SELECT start_offset, end_offset, comment FROM spans ORDER BY start_offset"
        ).fetchall()


def set_notes(url: str) -> list[tuple[str, str | None, int]]:
    with database(url) as connection:
        return connection.execute(
            "SELECT status, comment, flagged FROM annotation_sets ORDER BY id"
        ).fetchall()


@pytest.fixture
def window(sqlite_url: str, open_window: Callable[..., MainWindow]) -> MainWindow:
    import_texts(sqlite_url, [("kunduz", TEXT), ("herat", OTHER)])
    return open_window(sqlite_url)


def label_kunduz(qtbot: QtBot, window: MainWindow) -> None:
    drag(qtbot, window, *KUNDUZ)
    press(window, Qt.Key.Key_P)


def test_a_comment_typed_in_the_dialog_is_stored_shown_and_undone(
    qtbot: QtBot, window: MainWindow, sqlite_url: str
) -> None:
    label_kunduz(qtbot, window)
    type_into_dialog("unsure: the town or the province?")
    press_for_dialog(qtbot, window, Qt.Key.Key_C, CTRL | SHIFT)
    assert span_comments(sqlite_url) == [(*KUNDUZ, "unsure: the town or the province?")]
    # Shown: a mark before the span's text in the list, the comment whole in its tooltip.
    model = window.spans.model
    text_cell = model.index(0, SpanListModel.TEXT)
    assert text_cell.data() == "✎ Kunduz"
    assert "unsure: the town or the province?" in text_cell.data(Qt.ItemDataRole.ToolTipRole)
    assert window.stack.undoText() == "Comment on PLACE “Kunduz”"

    press(window, Qt.Key.Key_Z, CTRL)
    assert span_comments(sqlite_url) == [(*KUNDUZ, None)]
    assert model.index(0, SpanListModel.TEXT).data() == "Kunduz"
    press(window, Qt.Key.Key_Z, CTRL | SHIFT)
    assert span_comments(sqlite_url) == [(*KUNDUZ, "unsure: the town or the province?")]

    # Emptied in the dialog: the comment is removed.
    click_span(qtbot, window, KUNDUZ[0] + 1)
    type_into_dialog("", clear=True)
    press_for_dialog(qtbot, window, Qt.Key.Key_C, CTRL | SHIFT)
    assert span_comments(sqlite_url) == [(*KUNDUZ, None)]


def test_a_deleted_span_comes_back_with_its_comment_on_undo(
    qtbot: QtBot, window: MainWindow, sqlite_url: str
) -> None:
    label_kunduz(qtbot, window)
    type_into_dialog("check with the reviewer")
    press_for_dialog(qtbot, window, Qt.Key.Key_C, CTRL | SHIFT)
    press(window, Qt.Key.Key_Delete)
    assert span_comments(sqlite_url) == []
    press(window, Qt.Key.Key_Z, CTRL)
    assert span_comments(sqlite_url) == [(*KUNDUZ, "check with the reviewer")]
    assert (
        window.spans.model.span_at(0) == stored_spans(sqlite_url, window.workspace.document.id)[0]
    )  # type: ignore[union-attr]


def test_comment_key_without_a_selected_span_says_what_to_do(
    window: MainWindow, sqlite_url: str
) -> None:
    press(window, Qt.Key.Key_C, CTRL | SHIFT)
    assert "Click a span first" in window.statusBar().currentMessage()
    assert span_comments(sqlite_url) == []


def test_a_note_and_a_flag_on_a_document_not_begun_are_stored_and_undone(
    qtbot: QtBot, window: MainWindow, sqlite_url: str
) -> None:
    type_into_dialog("the date is unclear")
    press_for_dialog(qtbot, window, Qt.Key.Key_N, CTRL | SHIFT)
    # A note begins the document: an annotation set in progress, holding it.
    assert set_notes(sqlite_url) == [("in_progress", "the date is unclear", 0)]
    assert window.document_note.text() == "✎ the date is unclear"
    assert window.document_note.isVisible()

    press(window, Qt.Key.Key_B, CTRL)
    assert set_notes(sqlite_url) == [("in_progress", "the date is unclear", 1)]
    assert window.document_note.text() == "⚑ flagged · ✎ the date is unclear"
    assert window.stack.undoText() == "Flag the document"
    documents = window.documents
    assert documents.model.index(0, 0).data() == "⚑ Taliban fighters attacked Kunduz on Tuesday."

    # The document list's Flagged filter, picked with the arrow key in its box: only this
    # document, counted.
    for _ in FILTERS:
        if documents.filter.currentData() == StatusFilter.FLAGGED:
            break
        QTest.keyClick(documents.filter, Qt.Key.Key_Down)
    assert documents.filter.currentText() == "Flagged"
    assert documents.model.rowCount() == 1
    assert documents.model.document_at(0).external_id == "kunduz"
    assert documents.count.text() == "1"

    press(window, Qt.Key.Key_Z, CTRL)  # the flag
    assert set_notes(sqlite_url) == [("in_progress", "the date is unclear", 0)]
    assert window.document_note.text() == "✎ the date is unclear"
    assert documents.model.index(0, 0).data() == "Taliban fighters attacked Kunduz on Tuesday."
    press(window, Qt.Key.Key_Z, CTRL)  # the note, which began the document: no set again
    assert set_notes(sqlite_url) == []
    assert not window.document_note.isVisible()
    documents.apply_filter()
    assert documents.model.rowCount() == 0
    press(window, Qt.Key.Key_Z, CTRL | SHIFT)
    press(window, Qt.Key.Key_Z, CTRL | SHIFT)
    assert set_notes(sqlite_url) == [("in_progress", "the date is unclear", 1)]


def test_flagging_and_marking_done_keep_each_other(
    qtbot: QtBot, window: MainWindow, sqlite_url: str
) -> None:
    label_kunduz(qtbot, window)
    press(window, Qt.Key.Key_B, CTRL)
    press(window, Qt.Key.Key_Return, CTRL)  # done, and on to the next document
    assert set_notes(sqlite_url) == [("done", None, 1)]
    press(window, Qt.Key.Key_Z, CTRL)  # not done again; still flagged
    assert set_notes(sqlite_url) == [("in_progress", None, 1)]
    press(window, Qt.Key.Key_B, CTRL)
    assert set_notes(sqlite_url) == [("in_progress", None, 0)]
