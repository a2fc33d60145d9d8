"""The label dialog's Relations tab, driven through its widgets from the real window with real
clicks and keys; the database, read by another connection, holds the result. The whole
accepted edit (labels and relation labels) is one step of the window's undo stack, and undoing
a deletion gives back the relations that went with it."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QListWidget, QWidget
from pytestqt.qtbot import QtBot
from relation_support import Opener, article_with_relations, stored_relations
from window_support import isolated_settings, open_window, stored_triples, when_modal

from annotator.core.relations import RelationSchema
from annotator.gui.main_window import MainWindow
from annotator.gui.schema_dialog import SchemaDialog
from annotator.store.relations import load_relation_schema
from annotator.store.store import Store

pytestmark = pytest.mark.gui
__all__ = ["isolated_settings", "open_window"]

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
DEFAULT = ["agent", "target", "location", "count"]
BOTH = {("attack", "Taliban militants", "agent"), ("attack", "Asad Abad", "location")}


@pytest.fixture
def document(sqlite_url: str) -> int:
    """The article with "attack" -agent-> "Taliban militants" and -location-> "Asad Abad"."""
    return article_with_relations(sqlite_url)


@pytest.fixture
def window(sqlite_url: str, document: int, open_window: Opener) -> MainWindow:
    return open_window(sqlite_url)


def stored_relation_schema(url: str) -> RelationSchema:
    with Store.open(url) as store:
        return load_relation_schema(store)


def click(qtbot: QtBot, button: QWidget) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def retype(field: QWidget, text: str) -> None:
    QTest.keyClick(field, Qt.Key.Key_A, CTRL)
    QTest.keyClicks(field, text)


def toggle(qtbot: QtBot, ends: QListWidget, name: str) -> None:
    """Click the span label ``name`` in an ends list, then Space checks or unchecks it."""
    item = next(ends.item(n) for n in range(ends.count()) if ends.item(n).text() == name)
    qtbot.mouseClick(
        ends.viewport(), Qt.MouseButton.LeftButton, pos=ends.visualItemRect(item).center()
    )
    QTest.keyClick(ends, Qt.Key.Key_Space)


def checked(ends: QListWidget) -> list[str]:
    items = (ends.item(n) for n in range(ends.count()))
    return [i.text() for i in items if i.checkState() == Qt.CheckState.Checked]


def edit_in_dialog(window: MainWindow, act: Callable[[SchemaDialog], None]) -> list[str]:
    """Open the label dialog from the window's menu action and run ``act`` in it (ending with
    OK); returns the problems the dialog showed if it stayed open (then it is cancelled)."""
    refused: list[str] = []

    def run(widget: QWidget) -> None:
        assert isinstance(widget, SchemaDialog)
        act(widget)
        if widget.isVisible():
            refused.append(widget.problems.text())
            widget.reject()

    when_modal(SchemaDialog, run)
    window.actions.edit_labels.trigger()
    return refused


def open_relations_tab(qtbot: QtBot, dialog: SchemaDialog) -> None:
    bar = dialog.tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(1).center())
    assert dialog.tabs.currentWidget() is dialog.relations


def ok(qtbot: QtBot, dialog: SchemaDialog) -> None:
    click(qtbot, dialog.buttons.button(dialog.buttons.StandardButton.Ok))


def undo(qtbot: QtBot, window: MainWindow, redo: bool = False) -> None:
    qtbot.waitUntil(window.isActiveWindow)
    QTest.keyClick(window.view, Qt.Key.Key_Z, CTRL | SHIFT if redo else CTRL)


def test_rename_rekey_recolour_widen_add_and_delete_relation_labels_then_undo_and_redo(
    qtbot: QtBot, window: MainWindow, sqlite_url: str, document: int
) -> None:
    seen: list[str] = []

    def edit(dialog: SchemaDialog) -> None:
        tab = dialog.relations
        open_relations_tab(qtbot, dialog)
        tab.select("location")
        assert (checked(tab.sources), checked(tab.targets)) == (["EVENT"], ["PLACE"])
        seen.append(tab.usage.text())
        retype(tab.name, "place")
        retype(tab.hotkey, "p")
        tab.set_colour("#123456")
        toggle(qtbot, tab.targets, "ACTOR")  # a place may also be an actor's (a camp)
        assert checked(tab.targets) == ["ACTOR", "PLACE"]
        click(qtbot, tab.add_button)
        retype(tab.name, "cause")
        retype(tab.hotkey, "x")
        toggle(qtbot, tab.sources, "EVENT")
        toggle(qtbot, tab.targets, "EVENT")
        tab.select("agent")
        click(qtbot, tab.delete_button)
        seen.append(tab.deleted_note.text())
        QTest.keyClick(dialog.focusWidget(), Qt.Key.Key_Z, CTRL)  # put back in the dialog
        assert [e.label.name for e in tab.entries] == [*DEFAULT[:2], "place", "count", "cause"]
        click(qtbot, tab.delete_button)  # and deleted again
        assert dialog.problems.text() == ""
        ok(qtbot, dialog)

    assert edit_in_dialog(window, edit) == []
    assert seen == [
        "1 relation(s) use this label.",
        "Deleted agent: 1 relation(s), every annotator's, go on OK. Ctrl+Z puts agent back.",
    ]
    schema = stored_relation_schema(sqlite_url)
    assert schema.names() == ["target", "place", "count", "cause"]
    place = schema["place"]
    assert (place.hotkey, place.color, place.ends()) == ("p", "#123456", "EVENT -> ACTOR | PLACE")
    assert schema["cause"].ends() == "EVENT -> EVENT"
    # The renamed label kept its relation; the deleted one took its relation.
    assert stored_relations(sqlite_url, document) == {("attack", "Asad Abad", "place")}
    assert window.workspace.relation_schema == schema
    undo(qtbot, window)  # one step: every relation label and the agent relation back
    assert stored_relation_schema(sqlite_url).names() == DEFAULT
    assert stored_relations(sqlite_url, document) == BOTH
    assert len(window.view.arcs.geometry.relations) == 2
    undo(qtbot, window, redo=True)
    assert stored_relation_schema(sqlite_url) == schema
    assert stored_relations(sqlite_url, document) == {("attack", "Asad Abad", "place")}


def test_deleting_a_span_label_takes_its_relations_and_relation_labels_and_undo_gives_all_back(
    qtbot: QtBot, window: MainWindow, sqlite_url: str, document: int
) -> None:
    before = stored_relation_schema(sqlite_url)
    spans = stored_triples(sqlite_url, document)

    def edit(dialog: SchemaDialog) -> None:
        dialog.spans.select("PLACE")
        click(qtbot, dialog.spans.delete_button)
        # location (EVENT -> PLACE) goes with PLACE, as the Relations tab shows.
        open_relations_tab(qtbot, dialog)
        dialog.relations.select("location")
        assert "goes with them on OK" in dialog.relations.usage.text()
        assert dialog.relations.orphaned() == ["location"]
        ok(qtbot, dialog)

    assert edit_in_dialog(window, edit) == []
    assert stored_relation_schema(sqlite_url).names() == ["agent", "target", "count"]
    assert stored_relations(sqlite_url, document) == {("attack", "Taliban militants", "agent")}
    assert len(stored_triples(sqlite_url, document)) == len(spans) - 2  # market, Asad Abad
    for _ in range(2):  # undo, redo, undo again: new span ids each time
        undo(qtbot, window)
        assert stored_relation_schema(sqlite_url) == before
        assert stored_triples(sqlite_url, document) == spans
        assert stored_relations(sqlite_url, document) == BOTH
        assert len(window.view.arcs.geometry.relations) == 2
        undo(qtbot, window, redo=True)
        assert stored_relations(sqlite_url, document) == {("attack", "Taliban militants", "agent")}
    undo(qtbot, window)
    assert stored_relations(sqlite_url, document) == BOTH


def test_a_bad_relation_label_is_refused_in_place(
    qtbot: QtBot, window: MainWindow, sqlite_url: str, document: int
) -> None:
    def edit(dialog: SchemaDialog) -> None:
        open_relations_tab(qtbot, dialog)
        dialog.relations.select("count")
        retype(dialog.relations.hotkey, "g")  # agent's key
        retype(dialog.relations.name, "2many")
        ok(qtbot, dialog)

    refused = edit_in_dialog(window, edit)
    assert len(refused) == 1
    assert "hotkey 'g' is used by both 'agent' and '2many'" in refused[0]
    assert "must start with a letter" in refused[0]
    assert stored_relation_schema(sqlite_url).names() == DEFAULT
    assert window.stack.count() == 0
