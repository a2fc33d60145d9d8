"""The label schema dialog, driven through its widgets; the database holds the result."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot
from window_support import (
    USER,
    drag,
    import_texts,
    isolated_settings,
    open_window,
    press,
    stored_triples,
    when_modal,
)

from annotator.gui.main_window import MainWindow
from annotator.gui.schema_dialog import SchemaDialog
from annotator.store.annotations import add_span
from annotator.store.labels import label_usage, load_schema
from annotator.store.store import Store

pytestmark = pytest.mark.gui
__all__ = ["isolated_settings", "open_window"]

TEXT = "Taliban fighters attacked Kunduz on Tuesday."


def retype(field: QWidget, text: str) -> None:
    QTest.keyClick(field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(field, text)


def test_rename_recolour_and_rekey_in_the_dialog(qtbot: QtBot, sqlite_url: str) -> None:
    ids = import_texts(sqlite_url, [("d", TEXT)])
    with Store.open(sqlite_url) as store:
        add_span(store, ids["d"], USER, 0, 7, "ACTOR")
        dialog = SchemaDialog(store, load_schema(store))
        qtbot.addWidget(dialog)
        dialog.select("ACTOR")
        retype(dialog.name, "PARTY")
        retype(dialog.alt_hotkey, "y")
        dialog.set_colour("#123456")
        retype(dialog.description, "Who takes part.")
        assert dialog.problems.text() == ""
        qtbot.mouseClick(dialog.buttons.buttons()[0], Qt.MouseButton.LeftButton)  # OK
        assert dialog.result() == SchemaDialog.DialogCode.Accepted
        party = load_schema(store)["PARTY"]
        assert (party.color, party.hotkey, party.alt_hotkey) == ("#123456", "1", "y")
        assert party.description == "Who takes part."
    assert stored_triples(sqlite_url, ids["d"]) == [(0, 7, "PARTY")]


def test_invalid_schema_is_refused_in_place(qtbot: QtBot, sqlite_url: str) -> None:
    with Store.open(sqlite_url) as store:
        dialog = SchemaDialog(store, load_schema(store))
        qtbot.addWidget(dialog)
        dialog.select("PLACE")
        retype(dialog.hotkey, "1")  # ACTOR's key
        assert "hotkey '1'" in dialog.problems.text()
        qtbot.mouseClick(dialog.buttons.buttons()[0], Qt.MouseButton.LeftButton)
        assert dialog.isVisible() or dialog.result() != SchemaDialog.DialogCode.Accepted
        assert load_schema(store)["PLACE"].hotkey == "2"


def test_add_and_delete_a_label_in_use_through_the_window(
    qtbot: QtBot, sqlite_url: str, open_window: Callable[..., MainWindow]
) -> None:
    ids = import_texts(sqlite_url, [("d", TEXT)])
    window = open_window(sqlite_url)
    drag(qtbot, window, 8, 16)
    press(window, Qt.Key.Key_3)  # EVENT on "fighters", made through the window
    with Store.open(sqlite_url) as store:
        add_span(store, ids["d"], "ben", 17, 25, "EVENT")  # and one of another annotator
    confirmations: list[str] = []

    def confirm(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        confirmations.append(box.text())
        box.button(QMessageBox.StandardButton.Yes).click()

    def edit(dialog: QWidget) -> None:
        assert isinstance(dialog, SchemaDialog)
        dialog.add_label()
        retype(dialog.name, "WEAPON")
        dialog.select("EVENT")
        dialog.delete_current()
        when_modal(QMessageBox, confirm)
        dialog.buttons.button(dialog.buttons.StandardButton.Ok).click()

    when_modal(SchemaDialog, edit)
    window.actions.edit_labels.trigger()
    assert confirmations
    assert "2 span(s) use EVENT" in confirmations[0]
    with Store.open(sqlite_url) as store:
        assert load_schema(store).names() == ["ACTOR", "PLACE", "FIGURE", "WEAPON"]
        assert label_usage(store) == {"ACTOR": 0, "PLACE": 0, "FIGURE": 0, "WEAPON": 0}
    # The window follows: a button and a hotkey for the new label, none for the old.
    assert list(window.label_bar.buttons) == ["ACTOR", "PLACE", "FIGURE", "WEAPON"]
    assert window.spans.model.rowCount() == 0
    qtbot.waitUntil(window.isActiveWindow)
    drag(qtbot, window, 26, 32)
    press(window, Qt.Key.Key_5)  # the key the dialog gave WEAPON
    assert stored_triples(sqlite_url, ids["d"]) == [(26, 32, "WEAPON")]
