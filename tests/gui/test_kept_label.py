"""A kept label in the real window: a label key with nothing selected keeps the label, then
each mouse drag or double-click labels at once (read back from the database by another
connection); Esc or the key again lets go; key moves never label; review mode never does."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot
from window_support import (
    click_span,
    drag,
    import_texts,
    isolated_settings,
    open_window,
    point_in,
    press,
    stored_triples,
    word_range,
)

from annotator.gui.main_window import MainWindow

pytestmark = pytest.mark.gui
__all__ = ["isolated_settings", "open_window"]

TEXT = "Taliban fighters attacked Kunduz on Tuesday. Residents of Kunduz fled to Kabul."


def at(word: str, nth: int = 0) -> tuple[int, int]:
    return word_range(TEXT, word, nth)


@pytest.fixture
def window(sqlite_url: str, open_window: Callable[..., MainWindow]) -> MainWindow:
    import_texts(sqlite_url, [("kunduz", TEXT)])
    return open_window(sqlite_url)


def stored(window: MainWindow, url: str) -> list[tuple[int, int, str]]:
    assert window.workspace.document is not None
    return stored_triples(url, window.workspace.document.id)


def double_click(qtbot: QtBot, window: MainWindow, offset: int) -> None:
    with qtbot.waitSignal(window.view.rangeChosen, timeout=2000):
        QTest.mouseDClick(
            window.view.viewport(),
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
            point_in(window.view, offset),
        )


def test_a_kept_label_labels_each_drag_until_let_go(
    qtbot: QtBot, window: MainWindow, sqlite_url: str
) -> None:
    press(window, Qt.Key.Key_2)  # nothing selected: keeps PLACE
    assert window.editor.kept is not None
    assert window.editor.kept.name == "PLACE"
    assert window.label_bar.buttons["PLACE"].isChecked()
    assert not window.label_bar.buttons["ACTOR"].isChecked()
    drag(qtbot, window, *at("Kunduz"))
    drag(qtbot, window, *at("Kunduz", 1))
    double_click(qtbot, window, at("Kabul")[0] + 2)
    places = [(*at("Kunduz"), "PLACE"), (*at("Kunduz", 1), "PLACE"), (*at("Kabul"), "PLACE")]
    assert stored(window, sqlite_url) == places
    assert window.view.selected_span() is None  # so the next key keeps another label
    press(window, Qt.Key.Key_1)  # keeps ACTOR instead
    assert window.label_bar.buttons["ACTOR"].isChecked()
    drag(qtbot, window, *at("Taliban fighters"))
    press(window, Qt.Key.Key_Right)  # a key move selects, and never labels by itself
    assert window.view.selected_range() is not None
    press(window, Qt.Key.Key_Escape)  # clears the selection first
    press(window, Qt.Key.Key_Escape)  # then lets go
    assert window.editor.kept.name is None
    assert not any(button.isChecked() for button in window.label_bar.buttons.values())
    drag(qtbot, window, *at("Residents"))  # a drag selects again
    assert window.view.selected_range() == at("Residents")
    assert stored(window, sqlite_url) == sorted([*places, (*at("Taliban fighters"), "ACTOR")])
    press(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)  # each one undoable
    assert stored(window, sqlite_url) == places


def test_the_key_again_lets_go_and_a_selection_is_labelled_as_ever(
    qtbot: QtBot, window: MainWindow, sqlite_url: str
) -> None:
    press(window, Qt.Key.Key_3)
    press(window, Qt.Key.Key_3)
    assert window.editor.kept is not None
    assert window.editor.kept.name is None
    drag(qtbot, window, *at("attacked"))
    press(window, Qt.Key.Key_3)  # with a selection: labels it, keeps nothing
    assert window.editor.kept.name is None
    assert stored(window, sqlite_url) == [(*at("attacked"), "EVENT")]
    click_span(qtbot, window, at("attacked")[0] + 1)
    press(window, Qt.Key.Key_1)  # a selected span: relabels it, keeps nothing
    assert stored(window, sqlite_url) == [(*at("attacked"), "ACTOR")]
    assert window.editor.kept.name is None


def test_the_label_bar_keeps_a_label_and_nothing_is_labelled_where_labels_are_off(
    qtbot: QtBot, window: MainWindow, sqlite_url: str
) -> None:
    window.label_bar.buttons["EVENT"].click()  # nothing selected: keeps EVENT
    assert window.label_bar.buttons["EVENT"].isChecked()
    for action in window.actions.label_actions.values():
        action.setEnabled(False)  # as review mode leaves them
    drag(qtbot, window, *at("fled"))
    assert stored(window, sqlite_url) == []
    for action in window.actions.label_actions.values():
        action.setEnabled(True)
    drag(qtbot, window, *at("fled"))
    assert stored(window, sqlite_url) == [(*at("fled"), "EVENT")]
    window.label_bar.buttons["EVENT"].click()  # lets go
    assert not window.label_bar.buttons["EVENT"].isChecked()


def test_esc_deselects_a_span_so_that_a_key_then_keeps_its_label(
    qtbot: QtBot, window: MainWindow, sqlite_url: str
) -> None:
    drag(qtbot, window, *at("Kabul"))
    press(window, Qt.Key.Key_2)  # labelled, and the new span selected
    assert window.view.selected_span() is not None
    press(window, Qt.Key.Key_Escape)  # deselects it
    assert window.view.selected_span() is None
    assert window.spans.table.selectionModel().selectedRows() == []
    press(window, Qt.Key.Key_2)  # nothing selected: keeps PLACE
    assert window.editor.kept is not None
    assert window.editor.kept.name == "PLACE"
    assert window.status.kept.isVisibleTo(window)
    assert window.status.kept.text() == "Keeping PLACE"
    press(window, Qt.Key.Key_Escape)
    assert window.editor.kept.name is None
    assert not window.status.kept.isVisibleTo(window)
    assert stored(window, sqlite_url) == [(*at("Kabul"), "PLACE")]
