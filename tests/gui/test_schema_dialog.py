"""The label schema dialog, driven through its widgets from the real window; the database
holds the result, read by another connection. A deletion in the dialog is undone there, and a
whole accepted edit is one step of the window's undo stack."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget
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

from annotator.core.labels import Label, LabelSchema
from annotator.gui.main_window import MainWindow
from annotator.gui.schema_dialog import SchemaDialog
from annotator.store.annotations import add_span
from annotator.store.labels import SchemaEdits, label_usage, load_schema, update_label
from annotator.store.relations import load_relation_schema
from annotator.store.store import Store

pytestmark = pytest.mark.gui
__all__ = ["isolated_settings", "open_window"]

TEXT = "Taliban fighters attacked Kunduz on Tuesday."
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
DEFAULT = ["ACTOR", "PLACE", "EVENT", "FIGURE"]


def retype(field: QWidget, text: str) -> None:
    QTest.keyClick(field, Qt.Key.Key_A, CTRL)
    QTest.keyClicks(field, text)


def stored_schema(url: str) -> LabelSchema:
    with Store.open(url) as store:
        return load_schema(store)


def stored_usage(url: str) -> dict[str, int]:
    with Store.open(url) as store:
        return label_usage(store)


def in_dialog(act: Callable[[SchemaDialog], None]) -> None:
    """Run ``act`` on the label dialog once the window has opened it."""

    def run(widget: QWidget) -> None:
        assert isinstance(widget, SchemaDialog)
        act(widget)

    when_modal(SchemaDialog, run)


def click(qtbot: QtBot, button: QWidget) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def ok(qtbot: QtBot, dialog: SchemaDialog) -> None:
    click(qtbot, dialog.buttons.button(dialog.buttons.StandardButton.Ok))


@pytest.fixture
def document(sqlite_url: str) -> int:
    return import_texts(sqlite_url, [("d", TEXT)])["d"]


def test_rename_recolour_and_rekey_then_undo_and_redo_in_the_window(
    qtbot: QtBot, sqlite_url: str, document: int, open_window: Callable[..., MainWindow]
) -> None:
    window = open_window(sqlite_url)
    drag(qtbot, window, 0, 7)
    press(window, Qt.Key.Key_1)  # ACTOR on "Taliban"
    actor = stored_schema(sqlite_url)["ACTOR"]

    def edit(dialog: SchemaDialog) -> None:
        dialog.spans.select("ACTOR")
        retype(dialog.spans.name, "PARTY")
        retype(dialog.spans.alt_hotkey, "y")
        dialog.spans.set_colour("#123456")
        retype(dialog.spans.description, "Who takes part.")
        assert dialog.problems.text() == ""
        ok(qtbot, dialog)

    in_dialog(edit)
    window.actions.edit_labels.trigger()
    party = stored_schema(sqlite_url)["PARTY"]
    assert (party.color, party.hotkey, party.alt_hotkey) == ("#123456", "1", "y")
    assert party.description == "Who takes part."
    assert stored_triples(sqlite_url, document) == [(0, 7, "PARTY")]
    assert window.actions.undo.text() == "&Undo Edit labels"
    qtbot.waitUntil(window.isActiveWindow)
    press(window, Qt.Key.Key_Z, CTRL)
    assert list(stored_schema(sqlite_url)) == [actor, *list(stored_schema(sqlite_url))[1:]]
    assert stored_schema(sqlite_url).names() == DEFAULT
    assert stored_triples(sqlite_url, document) == [(0, 7, "ACTOR")]
    assert list(window.label_bar.buttons) == DEFAULT
    press(window, Qt.Key.Key_Z, CTRL | SHIFT)
    assert stored_schema(sqlite_url).names() == ["PARTY", "PLACE", "EVENT", "FIGURE"]
    assert stored_triples(sqlite_url, document) == [(0, 7, "PARTY")]
    assert window.spans.model.span_at(0).label == "PARTY"


def test_invalid_schema_is_refused_in_place(qtbot: QtBot, sqlite_url: str) -> None:
    saved: list[SchemaEdits] = []

    def save(edits: SchemaEdits, _: Callable[[str], None]) -> bool:
        saved.append(edits)
        return True

    with Store.open(sqlite_url) as store:
        relations = load_relation_schema(store)
        dialog = SchemaDialog(load_schema(store), label_usage(store), relations, {}, save)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.spans.select("PLACE")
    retype(dialog.spans.hotkey, "1")  # ACTOR's key
    assert "hotkey '1'" in dialog.problems.text()
    ok(qtbot, dialog)
    assert dialog.isVisible()
    assert saved == []
    assert stored_schema(sqlite_url)["PLACE"].hotkey == "2"


def test_a_deletion_is_undone_in_the_dialog_by_ctrl_z_and_by_its_button(
    qtbot: QtBot, sqlite_url: str, document: int, open_window: Callable[..., MainWindow]
) -> None:
    with Store.open(sqlite_url) as store:
        add_span(store, document, USER, 8, 16, "EVENT")
        add_span(store, document, "ben", 17, 25, "EVENT")
    window = open_window(sqlite_url)
    seen: list[str] = []

    def edit(dialog: SchemaDialog) -> None:
        assert not dialog.spans.undo_button.isEnabled()
        dialog.spans.select("EVENT")
        click(qtbot, dialog.spans.delete_button)
        assert [entry.label.name for entry in dialog.spans.entries] == ["ACTOR", "PLACE", "FIGURE"]
        seen.append(dialog.spans.deleted_note.text())
        assert dialog.spans.undo_button.text() == "Undo delete EVENT"
        # Ctrl+Z in the dialog (the list has the focus after a deletion) puts it back.
        QTest.keyClick(dialog.focusWidget(), Qt.Key.Key_Z, CTRL)
        assert [entry.label.name for entry in dialog.spans.entries] == DEFAULT
        assert dialog.spans.labels.currentItem().text().startswith("EVENT")
        assert dialog.spans.deleted_note.text() == ""
        # Twice deleted, once put back by the button: FIGURE stays deleted.
        click(qtbot, dialog.spans.delete_button)
        dialog.spans.select("FIGURE")
        click(qtbot, dialog.spans.delete_button)
        seen.append(dialog.spans.deleted_note.text())
        click(qtbot, dialog.spans.undo_button)
        assert [entry.label.name for entry in dialog.spans.entries] == ["ACTOR", "PLACE", "FIGURE"]
        # In a text field, Ctrl+Z undoes the typing there, not a deletion.
        dialog.spans.select("PLACE")
        QTest.keyClicks(dialog.spans.name, "X")
        QTest.keyClick(dialog.spans.name, Qt.Key.Key_Z, CTRL)
        assert dialog.spans.name.text() == "PLACE"
        assert [entry.label.name for entry in dialog.spans.entries] == ["ACTOR", "PLACE", "FIGURE"]
        ok(qtbot, dialog)

    in_dialog(edit)
    window.actions.edit_labels.trigger()
    # Every relation starts at an EVENT: the relation labels go with it.
    assert seen == [
        "Deleted EVENT: 2 span(s), every annotator's, go with it on OK, and the relation "
        "label(s) agent, target, location, count that need it. Ctrl+Z puts EVENT back.",
        "Deleted EVENT, FIGURE: 2 span(s), every annotator's, go with them on OK, and the "
        "relation label(s) agent, target, location, count that need them. "
        "Ctrl+Z puts FIGURE back.",
    ]
    assert stored_usage(sqlite_url) == {"ACTOR": 0, "PLACE": 0, "FIGURE": 0}
    assert "Ctrl+Z brings them back" in window.statusBar().currentMessage()


def test_a_schema_edit_is_one_undoable_step_that_gives_back_every_annotators_spans(
    qtbot: QtBot, sqlite_url: str, document: int, open_window: Callable[..., MainWindow]
) -> None:
    window = open_window(sqlite_url)
    drag(qtbot, window, 8, 16)
    press(window, Qt.Key.Key_3)  # EVENT on "fighters", made through the window
    with Store.open(sqlite_url) as store:
        add_span(store, document, "ben", 17, 25, "EVENT")  # and one of another annotator
        # A newer row: the spans given back cannot take their old row ids again.
        add_span(store, document, "ben", 0, 7, "ACTOR")
    ben_actor = (0, 7, "ACTOR")

    def edit(dialog: SchemaDialog) -> None:
        click(qtbot, dialog.spans.add_button)
        retype(dialog.spans.name, "WEAPON")
        dialog.spans.select("EVENT")
        click(qtbot, dialog.spans.delete_button)
        ok(qtbot, dialog)  # no question asked: it can be undone

    in_dialog(edit)
    window.actions.edit_labels.trigger()
    assert stored_schema(sqlite_url).names() == ["ACTOR", "PLACE", "FIGURE", "WEAPON"]
    assert stored_usage(sqlite_url) == {"ACTOR": 1, "PLACE": 0, "FIGURE": 0, "WEAPON": 0}
    # The window follows: a button and a hotkey for the new label, none for the old.
    assert list(window.label_bar.buttons) == ["ACTOR", "PLACE", "FIGURE", "WEAPON"]
    assert window.spans.model.rowCount() == 0
    qtbot.waitUntil(window.isActiveWindow)

    press(window, Qt.Key.Key_Z, CTRL)  # the schema edit: EVENT and both spans come back
    assert stored_schema(sqlite_url).names() == DEFAULT
    assert stored_triples(sqlite_url, document) == [(8, 16, "EVENT")]
    assert stored_triples(sqlite_url, document, "ben") == [ben_actor, (17, 25, "EVENT")]
    assert list(window.label_bar.buttons) == DEFAULT
    assert window.spans.model.rowCount() == 1
    press(window, Qt.Key.Key_Z, CTRL)  # the span made before it: its new row goes
    assert stored_triples(sqlite_url, document) == []
    assert stored_triples(sqlite_url, document, "ben") == [ben_actor, (17, 25, "EVENT")]
    press(window, Qt.Key.Key_Y, CTRL)
    press(window, Qt.Key.Key_Z, CTRL | SHIFT)  # the schema edit again
    assert stored_schema(sqlite_url).names() == ["ACTOR", "PLACE", "FIGURE", "WEAPON"]
    assert stored_usage(sqlite_url)["ACTOR"] == 1
    assert stored_triples(sqlite_url, document, "ben") == [ben_actor]
    drag(qtbot, window, 26, 32)
    press(window, Qt.Key.Key_5)  # the key the dialog gave WEAPON
    assert stored_triples(sqlite_url, document) == [(26, 32, "WEAPON")]


def test_a_schema_changed_elsewhere_meanwhile_is_not_overwritten(
    qtbot: QtBot, sqlite_url: str, document: int, open_window: Callable[..., MainWindow]
) -> None:
    window = open_window(sqlite_url)
    said: list[str] = []

    def edit(dialog: SchemaDialog) -> None:
        dialog.spans.select("EVENT")
        click(qtbot, dialog.spans.delete_button)
        with Store.open(sqlite_url) as store:  # another window renames PLACE meanwhile
            update_label(store, "PLACE", Label("SITE", "#0072B2", "2"))
        ok(qtbot, dialog)
        said.append(dialog.problems.text())
        assert dialog.isVisible()
        dialog.reject()

    in_dialog(edit)
    window.actions.edit_labels.trigger()
    assert said == ["Not saved: the labels were changed elsewhere since this window read them"]
    assert stored_schema(sqlite_url).names() == ["ACTOR", "SITE", "EVENT", "FIGURE"]
    assert window.stack.count() == 0


def test_undoing_an_edit_after_the_labels_changed_elsewhere_is_refused_and_said(
    qtbot: QtBot, sqlite_url: str, document: int, open_window: Callable[..., MainWindow]
) -> None:
    window = open_window(sqlite_url)

    def edit(dialog: SchemaDialog) -> None:
        dialog.spans.select("EVENT")
        click(qtbot, dialog.spans.delete_button)
        ok(qtbot, dialog)

    in_dialog(edit)
    window.actions.edit_labels.trigger()
    with Store.open(sqlite_url) as store:  # another window renames PLACE
        update_label(store, "PLACE", Label("SITE", "#0072B2", "2"))
    qtbot.waitUntil(window.isActiveWindow)
    press(window, Qt.Key.Key_Z, CTRL)
    assert window.statusBar().currentMessage() == (
        "Not undone: the labels were changed elsewhere since this window read them"
    )
    assert stored_schema(sqlite_url).names() == ["ACTOR", "SITE", "FIGURE"]
    assert window.stack.count() == 0
