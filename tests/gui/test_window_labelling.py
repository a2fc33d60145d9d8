"""Labelling through the real window: mouse drags and key presses, then what the DATABASE
holds (every action commits before it is shown)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from window_support import (
    click_span,
    drag,
    import_texts,
    isolated_settings,
    open_window,
    press,
    stored_spans,
    stored_triples,
    word_range,
)

from annotator.gui.main_window import MainWindow

pytestmark = pytest.mark.gui
__all__ = ["isolated_settings", "open_window"]

TEXT = (
    "Taliban fighters attacked Kunduz on Tuesday. Kunduz residents fled, "
    "Kunduzi farmers stayed in Kunduz."
)
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def at(word: str, nth: int = 0) -> tuple[int, int]:
    return word_range(TEXT, word, nth)


@pytest.fixture
def window(sqlite_url: str, open_window: Callable[..., MainWindow]) -> MainWindow:
    import_texts(sqlite_url, [("kunduz", TEXT)])
    return open_window(sqlite_url)


def doc_id(window: MainWindow) -> int:
    assert window.workspace.document is not None
    return window.workspace.document.id


def test_drag_snaps_to_words_and_hotkey_stores_the_span(
    qtbot: QtBot, window: MainWindow, sqlite_url: str
) -> None:
    start, _ = at("fighters")
    _, end = at("attacked")
    # From inside "fighters" to inside "attacked": the selection snaps to both whole words.
    drag(qtbot, window, start + 3, end - 2)
    assert window.view.selected_range() == (start, end)
    press(window, Qt.Key.Key_1)
    assert stored_triples(sqlite_url, doc_id(window)) == [(start, end, "ACTOR")]
    # Shown: in the article and in the span list, with the stored id.
    stored = stored_spans(sqlite_url, doc_id(window))
    assert window.spans.model.rowCount() == 1
    assert window.spans.model.span_at(0) == stored[0]
    assert window.view.selected_span() == stored[0].id


def test_letter_hotkey_and_label_button(qtbot: QtBot, window: MainWindow, sqlite_url: str) -> None:
    kunduz = at("Kunduz")
    drag(qtbot, window, *kunduz)
    press(window, Qt.Key.Key_P)
    tuesday = at("Tuesday")
    drag(qtbot, window, *tuesday)
    qtbot.mouseClick(window.label_bar.buttons["EVENT"], Qt.MouseButton.LeftButton)
    assert stored_triples(sqlite_url, doc_id(window)) == [
        (*kunduz, "PLACE"),
        (*tuesday, "EVENT"),
    ]


def test_click_then_hotkey_relabels_and_delete_removes(
    qtbot: QtBot, window: MainWindow, sqlite_url: str
) -> None:
    taliban = at("Taliban")
    drag(qtbot, window, *taliban)
    press(window, Qt.Key.Key_1)
    [created] = stored_spans(sqlite_url, doc_id(window))
    press(window, Qt.Key.Key_Escape)  # nothing the window uses; the span stays selected
    click_span(qtbot, window, taliban[0] + 2)
    assert window.view.selected_span() == created.id
    press(window, Qt.Key.Key_3)
    [relabelled] = stored_spans(sqlite_url, doc_id(window))
    assert (relabelled.id, relabelled.label) == (created.id, "EVENT")
    assert window.spans.model.span_at(0).label == "EVENT"
    click_span(qtbot, window, taliban[0] + 1)
    press(window, Qt.Key.Key_Delete)
    assert stored_spans(sqlite_url, doc_id(window)) == []
    assert window.spans.model.rowCount() == 0


def test_undo_and_redo_change_the_database(
    qtbot: QtBot, window: MainWindow, sqlite_url: str
) -> None:
    document = doc_id(window)
    taliban, kunduz = at("Taliban"), at("Kunduz")
    drag(qtbot, window, *taliban)
    press(window, Qt.Key.Key_1)
    drag(qtbot, window, *kunduz)
    press(window, Qt.Key.Key_2)
    press(window, Qt.Key.Key_Z, CTRL)
    assert stored_triples(sqlite_url, document) == [(*taliban, "ACTOR")]
    press(window, Qt.Key.Key_Z, CTRL)
    assert stored_triples(sqlite_url, document) == []
    assert window.spans.model.rowCount() == 0
    press(window, Qt.Key.Key_Z, CTRL | SHIFT)
    press(window, Qt.Key.Key_Y, CTRL)
    assert stored_triples(sqlite_url, document) == [(*taliban, "ACTOR"), (*kunduz, "PLACE")]
    assert window.spans.model.rowCount() == 2


def test_undo_of_delete_recreates_and_later_commands_follow_the_new_row(
    qtbot: QtBot, window: MainWindow, sqlite_url: str
) -> None:
    document = doc_id(window)
    taliban = at("Taliban")
    drag(qtbot, window, *taliban)
    press(window, Qt.Key.Key_1)
    press(window, Qt.Key.Key_4)  # relabel the new (selected) span: FIGURE
    press(window, Qt.Key.Key_Delete)
    assert stored_triples(sqlite_url, document) == []
    press(window, Qt.Key.Key_Z, CTRL)  # the delete: the span comes back as a new row
    [back] = stored_spans(sqlite_url, document)
    assert back.label == "FIGURE"
    press(window, Qt.Key.Key_Z, CTRL)  # the relabel, on the re-created row
    assert stored_triples(sqlite_url, document) == [(*taliban, "ACTOR")]
    press(window, Qt.Key.Key_Z, CTRL)  # the creation
    assert stored_triples(sqlite_url, document) == []
    for _ in range(3):
        press(window, Qt.Key.Key_Y, CTRL)
    assert stored_triples(sqlite_url, document) == []
    press(window, Qt.Key.Key_Z, CTRL)
    assert stored_triples(sqlite_url, document) == [(*taliban, "FIGURE")]


def test_label_all_occurrences_is_one_undoable_step(
    qtbot: QtBot, window: MainWindow, sqlite_url: str
) -> None:
    document = doc_id(window)
    first, second, last = at("Kunduz"), at("Kunduz", 1), at("Kunduz", 3)
    drag(qtbot, window, *second)
    press(window, Qt.Key.Key_2)  # PLACE on the second occurrence
    drag(qtbot, window, *first)
    press(window, Qt.Key.Key_1)  # the first already has a span, of another label
    click_span(qtbot, window, second[0] + 1)
    press(window, Qt.Key.Key_L, CTRL)
    # Every whole-word "Kunduz" is a PLACE now; "Kunduzi" is not; ACTOR stays.
    assert stored_triples(sqlite_url, document) == [
        (*first, "ACTOR"),
        (*first, "PLACE"),
        (*second, "PLACE"),
        (*last, "PLACE"),
    ]
    press(window, Qt.Key.Key_Z, CTRL)
    assert stored_triples(sqlite_url, document) == [(*first, "ACTOR"), (*second, "PLACE")]
    press(window, Qt.Key.Key_Y, CTRL)
    assert len(stored_spans(sqlite_url, document)) == 4


def test_a_refused_duplicate_changes_nothing_and_is_not_undoable(
    qtbot: QtBot, window: MainWindow, sqlite_url: str
) -> None:
    document = doc_id(window)
    taliban = at("Taliban")
    drag(qtbot, window, *taliban)
    press(window, Qt.Key.Key_1)
    drag(qtbot, window, *taliban)
    press(window, Qt.Key.Key_1)
    assert "already" in window.statusBar().currentMessage()
    assert stored_triples(sqlite_url, document) == [(*taliban, "ACTOR")]
    assert window.stack.count() == 1


def test_clicking_a_row_of_the_span_list_selects_the_span_in_the_article(
    qtbot: QtBot, window: MainWindow, sqlite_url: str
) -> None:
    for word, key in (("Taliban", Qt.Key.Key_1), ("Tuesday", Qt.Key.Key_3)):
        drag(qtbot, window, *at(word))
        press(window, key)
    first, second = stored_spans(sqlite_url, doc_id(window))
    table = window.spans.table
    row = window.spans.model.row_of(first.id)
    assert row is not None
    rect = table.visualRect(window.spans.model.index(row, 1))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert window.view.selected_span() == first.id
    # The keyboard stays with the article: a hotkey now relabels that span.
    press(window, Qt.Key.Key_4)
    assert stored_triples(sqlite_url, doc_id(window)) == [
        (first.start, first.end, "FIGURE"),
        (second.start, second.end, "EVENT"),
    ]
