"""Deleting relations, and what span edits do to them, in the real window: Delete on a
relation's row, a span deleted with its relations and given back by undo (redo and undo
again), a relabel that would break relations asks first; an arc is painted in its colour."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor, QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot
from relation_support import (
    Opener,
    article_with_relations,
    at,
    key,
    stored_relations,
)
from window_support import (
    click_span,
    isolated_settings,
    open_window,
    stored_triples,
    when_modal,
)

from annotator.gui.article_view import ArticleView
from annotator.gui.main_window import MainWindow
from annotator.gui.span_model import RELATION_ID_ROLE

pytestmark = pytest.mark.gui
__all__ = ["isolated_settings", "open_window"]

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = CTRL | Qt.KeyboardModifier.ShiftModifier
AGENT_COLOUR = QColor("#7A3E9D")


@pytest.fixture
def document(sqlite_url: str) -> int:
    """The article with "attack" -agent-> "Taliban militants" and -location-> "Asad Abad"."""
    return article_with_relations(sqlite_url)


BOTH = {("attack", "Taliban militants", "agent"), ("attack", "Asad Abad", "location")}


@pytest.fixture
def window(sqlite_url: str, document: int, open_window: Opener) -> MainWindow:
    return open_window(sqlite_url)


def undo(window: MainWindow) -> None:
    QTest.keyClick(window.view, Qt.Key.Key_Z, CTRL)


def redo(window: MainWindow) -> None:
    QTest.keyClick(window.view, Qt.Key.Key_Z, CTRL_SHIFT)


def test_delete_a_relation_from_its_row(
    qtbot: QtBot, window: MainWindow, sqlite_url: str, document: int
) -> None:
    table = window.spans.table
    model = window.spans.model
    row = next(n for n in range(model.rowCount()) if model.index(n, 0).data() == "→ location")
    assert model.index(row - 1, 0).data() == "→ agent"  # both under "attack", by target
    rect = table.visualRect(model.index(row, 1))
    QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    relation = model.index(row, 0).data(RELATION_ID_ROLE)
    assert window.view.selected_relation() == relation
    QTest.keyClick(window.view, Qt.Key.Key_Delete)
    assert stored_relations(sqlite_url, document) == {("attack", "Taliban militants", "agent")}
    assert "→ location" not in [model.index(n, 0).data() for n in range(model.rowCount())]
    assert len(stored_triples(sqlite_url, document)) == 5  # the spans stay
    undo(window)
    assert stored_relations(sqlite_url, document) == BOTH
    redo(window)
    assert stored_relations(sqlite_url, document) == {("attack", "Taliban militants", "agent")}
    undo(window)
    assert stored_relations(sqlite_url, document) == BOTH
    assert len(window.view.arcs.geometry.relations) == 2


def test_deleting_a_span_takes_its_relations_and_undo_gives_them_back(
    qtbot: QtBot, window: MainWindow, sqlite_url: str, document: int
) -> None:
    click_span(qtbot, window, at("attack")[0] + 1)
    QTest.keyClick(window.view, Qt.Key.Key_Delete)
    assert stored_relations(sqlite_url, document) == set()
    assert len(stored_triples(sqlite_url, document)) == 4
    assert window.view.arcs.geometry.relations == ()
    for _ in range(2):  # new span ids each time: undo, redo, undo again
        undo(window)
        assert stored_relations(sqlite_url, document) == BOTH
        assert len(window.view.arcs.geometry.relations) == 2
        redo(window)
        assert stored_relations(sqlite_url, document) == set()
    undo(window)
    assert stored_relations(sqlite_url, document) == BOTH
    # The target's deletion takes the relation to it too.
    click_span(qtbot, window, at("Asad Abad")[0] + 1)
    QTest.keyClick(window.view, Qt.Key.Key_Delete)
    assert stored_relations(sqlite_url, document) == {("attack", "Taliban militants", "agent")}
    undo(window)
    assert stored_relations(sqlite_url, document) == BOTH


def answer(button: QMessageBox.StandardButton, said: list[str]) -> None:
    def act(widget: QWidget) -> None:
        assert isinstance(widget, QMessageBox)
        said.append(widget.text())
        widget.button(button).click()

    when_modal(QMessageBox, act)


def test_a_relabel_that_breaks_relations_asks_first(
    qtbot: QtBot, window: MainWindow, sqlite_url: str, document: int
) -> None:
    taliban = at("Taliban militants")
    click_span(qtbot, window, taliban[0] + 1)
    said: list[str] = []
    answer(QMessageBox.StandardButton.No, said)
    key(window, "2")  # PLACE: an agent goes EVENT -> ACTOR
    qtbot.waitUntil(lambda: bool(said))
    assert "cannot keep 1 relation(s) (agent)" in said[0]
    assert (*taliban, "ACTOR") in stored_triples(sqlite_url, document)
    assert stored_relations(sqlite_url, document) == BOTH
    qtbot.waitUntil(window.isActiveWindow)
    answer(QMessageBox.StandardButton.Yes, said)
    key(window, "2")
    qtbot.waitUntil(lambda: len(said) == 2)
    qtbot.waitUntil(window.isActiveWindow)
    assert (*taliban, "PLACE") in stored_triples(sqlite_url, document)
    assert stored_relations(sqlite_url, document) == {("attack", "Asad Abad", "location")}
    undo(window)  # one step: the label and the relation
    assert (*taliban, "ACTOR") in stored_triples(sqlite_url, document)
    assert stored_relations(sqlite_url, document) == BOTH
    redo(window)
    assert stored_relations(sqlite_url, document) == {("attack", "Asad Abad", "location")}
    undo(window)
    assert stored_relations(sqlite_url, document) == BOTH
    # "two employees" has no relation: relabelled at once, without a question.
    click_span(qtbot, window, at("two employees")[0] + 1)
    key(window, "1")
    assert (*at("two employees"), "ACTOR") in stored_triples(sqlite_url, document)
    assert len(said) == 2


def test_an_arc_is_painted_in_its_colour_above_the_line(window: MainWindow) -> None:
    view = window.view
    image = view.viewport().grab().toImage()
    # Over the line of "Taliban militants" (the agent's target), in the room above the text.
    start, end = (view.text_map.to_qt(n) for n in at("Taliban militants"))
    cursor = view.textCursor()
    cursor.setPosition(start)
    line = view.cursorRect(cursor)
    room = int(view.arcs.room())
    assert room > 0
    found = [
        QPoint(x, y)
        for y in range(max(0, line.top() - room), line.top())
        for x in range(image.width())
        if _near(QColor(image.pixel(x, y)), AGENT_COLOUR)
    ]
    assert len(found) > 20
    # The arrow head comes down onto the target, within its width.
    left, right = (view.cursorRect(_at(view, n)).left() for n in (start, end))
    assert any(left <= p.x() <= right for p in found)


def _at(view: ArticleView, position: int) -> QTextCursor:
    cursor = view.textCursor()
    cursor.setPosition(position)
    return cursor


def _near(colour: QColor, wanted: QColor) -> bool:
    return (
        abs(colour.red() - wanted.red())
        + abs(colour.green() - wanted.green())
        + abs(colour.blue() - wanted.blue())
        < 40
    )
