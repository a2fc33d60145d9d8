"""Reading and moving by keyboard (the article scrolls with the page keys, documents change with
Alt+Left/Right and Ctrl+PgUp/PgDn), the window's title, and exact-character selection without
Alt (View > Exact characters, Ctrl+Shift+X)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from window_support import (
    drag,
    import_texts,
    isolated_settings,
    open_window,
    press,
    stored_triples,
)

from annotator.core.status import Role
from annotator.gui.main_window import MainWindow
from annotator.store.people import add_person
from annotator.store.store import Store

pytestmark = pytest.mark.gui
__all__ = ["isolated_settings", "open_window"]

NO = Qt.KeyboardModifier.NoModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier
LONG = "\r\n".join(f"Paragraph {n}: fighters attacked the district of Kunduz." for n in range(150))
TEXTS = [("long", LONG), ("doc2", "Report 2: Taliban fighters entered Kunduz.")]


@pytest.fixture
def ids(sqlite_url: str) -> dict[str, int]:
    return import_texts(sqlite_url, TEXTS)


def drag_between(
    qtbot: QtBot, window: MainWindow, start: int, end: int, modifiers: Qt.KeyboardModifier = NO
) -> None:
    """A real mouse drag from the caret position before code point ``start`` to the one
    before ``end``: exact characters select exactly ``start..end``."""
    view = window.view
    points = []
    for offset in (start, end):
        cursor = QTextCursor(view.document())
        cursor.setPosition(view.text_map.to_qt(offset))
        points.append(view.cursorRect(cursor).center())
    with qtbot.waitSignal(view.rangeSelected, timeout=2000):
        QTest.mousePress(view.viewport(), Qt.MouseButton.LeftButton, modifiers, points[0])
        QTest.mouseMove(view.viewport(), points[1])
        QTest.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, modifiers, points[1])


def open_external_id(window: MainWindow) -> str:
    assert window.workspace.document is not None
    return window.workspace.document.external_id


def test_page_keys_space_and_ctrl_home_end_scroll_the_article_not_the_documents(
    qtbot: QtBot, ids: dict[str, int], sqlite_url: str, open_window: Callable[..., MainWindow]
) -> None:
    window = open_window(sqlite_url)
    bar = window.view.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 4 * bar.pageStep())
    moves: list[int] = []
    for key, modifiers in [
        (Qt.Key.Key_PageDown, NO),
        (Qt.Key.Key_Space, NO),
        (Qt.Key.Key_Space, SHIFT),
        (Qt.Key.Key_PageUp, NO),
    ]:
        before = bar.value()
        press(window, key, modifiers)
        moves.append(bar.value() - before)
    assert [move > 0 for move in moves] == [True, True, False, False]
    assert 0 not in moves
    assert bar.value() == 0
    press(window, Qt.Key.Key_End, CTRL)
    assert bar.value() == bar.maximum()
    press(window, Qt.Key.Key_Home, CTRL)
    assert bar.value() == 0
    assert open_external_id(window) == "long"  # none of them changed the document
    # The menu says which keys move between documents now.
    assert window.actions.next_document.shortcut().toString() == "Alt+Right"
    assert window.actions.previous_document.shortcut().toString() == "Alt+Left"


def test_the_title_names_the_document_the_person_and_the_database_once(
    ids: dict[str, int], sqlite_url: str, open_window: Callable[..., MainWindow]
) -> None:
    window = open_window(sqlite_url)
    # Qt adds the application's display name ("Annotator") where the platform shows it.
    assert window.windowTitle() == "long — ana — corpus.sqlite"
    press(window, Qt.Key.Key_Right, ALT)
    assert open_external_id(window) == "doc2"
    assert window.windowTitle() == "doc2 — ana — corpus.sqlite"


def test_the_title_says_review_while_reviewing(
    ids: dict[str, int], sqlite_url: str, open_window: Callable[..., MainWindow]
) -> None:
    with Store.open(sqlite_url) as store:
        add_person(store, "rita", Role.REVIEWER)
    window = open_window(sqlite_url, "rita")
    assert window.windowTitle() == "long — rita — corpus.sqlite"
    press(window, Qt.Key.Key_R, CTRL)
    assert window.review.active
    assert window.windowTitle() == "Review — rita — corpus.sqlite"
    QTest.keyClick(QApplication.focusWidget(), Qt.Key.Key_R, CTRL)
    assert not window.review.active
    assert window.windowTitle() == "long — rita — corpus.sqlite"


def test_exact_characters_toggle_stops_snapping_and_alt_drag_still_works(
    qtbot: QtBot, ids: dict[str, int], sqlite_url: str, open_window: Callable[..., MainWindow]
) -> None:
    window = open_window(sqlite_url)
    press(window, Qt.Key.Key_Right, ALT)
    text = TEXTS[1][1]
    taliban = text.index("Taliban")
    inside = (taliban + 2, taliban + 5)  # "lib", inside "Taliban"
    drag(qtbot, window, *inside)
    assert window.view.selected_range() == (taliban, taliban + 7)  # snapped to the word
    assert not window.status.exact.isVisible()

    press(window, Qt.Key.Key_X, CTRL | SHIFT)
    assert window.actions.exact_characters.isChecked()
    assert window.status.exact.isVisible()
    assert window.status.exact.text() == "Exact characters"
    drag_between(qtbot, window, *inside)
    assert window.view.selected_range() == inside
    press(window, Qt.Key.Key_1)
    assert stored_triples(sqlite_url, ids["doc2"]) == [(*inside, "ACTOR")]

    press(window, Qt.Key.Key_X, CTRL | SHIFT)
    assert not window.actions.exact_characters.isChecked()
    assert not window.status.exact.isVisible()
    kunduz = text.index("Kunduz")
    drag(qtbot, window, kunduz + 1, kunduz + 3)
    assert window.view.selected_range() == (kunduz, kunduz + 6)
    drag_between(
        qtbot, window, kunduz + 1, kunduz + 3, ALT
    )  # Alt+drag, where Alt reaches the window
    assert window.view.selected_range() == (kunduz + 1, kunduz + 3)
    press(window, Qt.Key.Key_2)
    assert stored_triples(sqlite_url, ids["doc2"]) == [
        (*inside, "ACTOR"),
        (kunduz + 1, kunduz + 3, "PLACE"),
    ]
