"""Drawing relations with the keyboard in the real window: R on a span, Tab through the spans
it may reach (nearest first), the relation's key or Enter commits, a click picks; then what
the DATABASE holds, read through another connection."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot
from relation_support import (
    Opener,
    at,
    key,
    labelled_article,
    press_key,
    status,
    stored_relations,
    target_words,
)
from window_support import USER, click_span, isolated_settings, open_window

from annotator.gui.main_window import MainWindow
from annotator.store.annotations import spans_of
from annotator.store.relations import add_relations
from annotator.store.store import Store

pytestmark = pytest.mark.gui
__all__ = ["isolated_settings", "open_window"]

CTRL = Qt.KeyboardModifier.ControlModifier


@pytest.fixture
def window(sqlite_url: str, open_window: Opener) -> MainWindow:
    labelled_article(sqlite_url)
    return open_window(sqlite_url)


def start_at_attack(qtbot: QtBot, window: MainWindow) -> int:
    """R on "attack"; the open document's id."""
    document = window.workspace.document
    assert document is not None
    click_span(qtbot, window, at("attack")[0] + 1)
    key(window, "r")
    assert window.editor.relations.active
    return document.id


def test_tab_goes_nearest_first_and_the_hotkey_commits(
    qtbot: QtBot, window: MainWindow, sqlite_url: str
) -> None:
    document = start_at_attack(qtbot, window)
    # "market" is 12 characters after "attack", "Taliban militants" 18 before, "Asad Abad" 22
    # after, "two employees" 41 after.
    assert target_words(window) == "market"
    assert "attack" in status(window)
    assert "market" in status(window)
    assert "Enter or l location" in status(window)
    seen = []
    for _ in range(4):
        press_key(window, Qt.Key.Key_Tab)
        seen.append(target_words(window))
    assert seen == ["Taliban militants", "Asad Abad", "two employees", "market"]
    press_key(window, Qt.Key.Key_Backtab, shift=True)
    assert target_words(window) == "two employees"
    press_key(window, Qt.Key.Key_Backtab, shift=True)
    press_key(window, Qt.Key.Key_Backtab, shift=True)
    assert target_words(window) == "Taliban militants"
    assert "g agent, t target" in status(window)
    key(window, "g")
    assert not window.editor.relations.active
    assert stored_relations(sqlite_url, document) == {("attack", "Taliban militants", "agent")}
    # Shown: an arc in the article, a row under "attack" in the span list.
    assert [r.label for r in window.view.arcs.geometry.relations] == ["agent"]
    model = window.spans.model
    rows = [model.index(n, 0).data() for n in range(model.rowCount())]
    assert rows[rows.index("EVENT") + 1] == "→ agent"
    # The span keys did not label anything while the relation was drawn.
    assert window.workspace.document is not None
    assert len(window.workspace.document.spans) == 5


def test_enter_commits_only_when_one_label_fits(
    qtbot: QtBot, window: MainWindow, sqlite_url: str
) -> None:
    document = start_at_attack(qtbot, window)
    press_key(window, Qt.Key.Key_Tab)  # Taliban militants: agent or target
    press_key(window, Qt.Key.Key_Return)
    assert window.editor.relations.active
    assert "Several relations fit" in status(window)
    assert stored_relations(sqlite_url, document) == set()
    press_key(window, Qt.Key.Key_Backtab, shift=True)  # market: location alone
    press_key(window, Qt.Key.Key_Return)
    assert stored_relations(sqlite_url, document) == {("attack", "market", "location")}


def test_a_click_picks_the_target_and_a_wrong_key_is_refused(
    qtbot: QtBot, window: MainWindow, sqlite_url: str
) -> None:
    document = start_at_attack(qtbot, window)
    click_span(qtbot, window, at("two employees")[0] + 2)
    assert target_words(window) == "two employees"
    assert window.view.selected_span() is not None  # still the source, "attack"
    key(window, "l")
    assert "location goes EVENT -> PLACE, not EVENT -> FIGURE" in status(window)
    assert window.editor.relations.active
    key(window, "c")
    assert stored_relations(sqlite_url, document) == {("attack", "two employees", "count")}


def test_escape_cancels_and_keys_label_again(
    qtbot: QtBot, window: MainWindow, sqlite_url: str
) -> None:
    document = start_at_attack(qtbot, window)
    press_key(window, Qt.Key.Key_Escape)
    assert not window.editor.relations.active
    assert status(window) == "Relation cancelled."
    assert stored_relations(sqlite_url, document) == set()
    key(window, "f")  # a label key again: FIGURE relabels "attack" (it has no relation)
    shown = window.workspace.document
    assert shown is not None
    assert shown.span(window.view.selected_span() or -1) is not None
    assert {s.label for s in shown.spans if s.start == at("attack")[0]} == {"FIGURE"}


def test_r_where_no_relation_starts_says_so(
    qtbot: QtBot, window: MainWindow, sqlite_url: str
) -> None:
    click_span(qtbot, window, at("Taliban")[0] + 1)
    key(window, "r")
    assert not window.editor.relations.active
    assert "No relation starts at a ACTOR span" in status(window)
    window.view.select_span(None)
    key(window, "r")
    assert "Click a span first" in status(window)


def test_undo_and_redo_a_relation(qtbot: QtBot, window: MainWindow, sqlite_url: str) -> None:
    document = start_at_attack(qtbot, window)
    press_key(window, Qt.Key.Key_Return)
    assert stored_relations(sqlite_url, document) == {("attack", "market", "location")}
    QTest.keyClick(window.view, Qt.Key.Key_Z, CTRL)
    assert stored_relations(sqlite_url, document) == set()
    assert window.view.arcs.geometry.relations == ()
    QTest.keyClick(window.view, Qt.Key.Key_Y, CTRL)
    assert stored_relations(sqlite_url, document) == {("attack", "market", "location")}
    assert len(window.view.arcs.geometry.relations) == 1


def test_a_target_that_already_has_every_fitting_relation_is_left_out(
    qtbot: QtBot, sqlite_url: str, open_window: Opener
) -> None:
    document = labelled_article(sqlite_url)
    with Store.open(sqlite_url) as store:
        ids = {s.start: s.id for s in spans_of(store, document, USER)}
        attack = ids[at("attack")[0]]
        made = [
            ("market", "location"),
            ("Asad Abad", "location"),
            ("two employees", "count"),
            ("Taliban militants", "agent"),
        ]
        add_relations(store, [(attack, ids[at(words)[0]], label) for words, label in made])
    window = open_window(sqlite_url)
    start_at_attack(qtbot, window)
    # Only "Taliban militants" is left (as target: agent is there), and Enter gives it.
    assert target_words(window) == "Taliban militants"
    assert "(1 of 1): Enter or t target" in status(window)
    key(window, "g")
    assert "That agent relation is already there." in status(window)
    press_key(window, Qt.Key.Key_Return)
    assert ("attack", "Taliban militants", "target") in stored_relations(sqlite_url, document)
    assert len(stored_relations(sqlite_url, document)) == 5
    key(window, "r")
    assert not window.editor.relations.active
    assert "This EVENT already has every relation that fits each span" in status(window)
