"""Edit > Find in all documents (Ctrl+Shift+F), driven by real key presses: the hits of a
phrase, a label and a person, with offsets right after emoji, CRLF and combining marks, and a
hit opened with its match selected in the article."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot
from window_support import drag, import_texts, isolated_settings, open_window, press

from annotator.gui.main_window import MainWindow

__all__ = ["isolated_settings", "open_window"]

CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
TEXTS = [
    ("a-plain", "Nothing of it here.\nOnly words."),
    ("b-emoji", "👩\u200d💻🇦🇫 Crowds\r\n\r\nIn Kabul today, KABUL again."),
    ("c-marks", "Nguye\u0302\u0303n e\u0301\u0301 said: the Kabul road\u2028to kabul."),
]


def expected_hits(word: str = "kabul") -> list[tuple[str, int, int]]:
    found = []
    for ext, text in TEXTS:
        folded = text.lower()
        at = folded.find(word)
        while at != -1:
            found.append((ext, at, at + len(word)))
            at = folded.find(word, at + 1)
    return found


def hits(window: MainWindow) -> list[tuple[str, int, int]]:
    model = window.search.model
    rows = [model.hit(model.index(row, 0)) for row in range(model.rowCount())]
    return [(hit.external_id, hit.start, hit.end) for hit in rows if hit is not None]


def find(qtbot: QtBot, window: MainWindow, query: str) -> None:
    """Ctrl+Shift+F in the article, type ``query``, Enter; wait for the hits."""
    press(window, Qt.Key.Key_F, CTRL_SHIFT)
    field = window.search.field
    qtbot.waitUntil(field.hasFocus)
    QTest.keyClicks(field, query)
    QTest.keyClick(field, Qt.Key.Key_Return)
    assert window.search.state.text() == "Searching…"
    qtbot.waitUntil(lambda: window.search.state.text() != "Searching…", timeout=5000)


def test_a_phrase_is_found_in_every_document_and_opened_at_its_place(
    qtbot: QtBot, sqlite_url: str, open_window: Callable[..., MainWindow]
) -> None:
    import_texts(sqlite_url, TEXTS)
    window = open_window(sqlite_url)
    assert window.search.isHidden()
    find(qtbot, window, "kabul")
    assert window.search.isVisible()
    assert hits(window) == expected_hits()
    assert window.search.state.text() == "4 hit(s) in 2 document(s)"
    model = window.search.model
    first = model.index(0, 0)
    assert model.data(model.index(0, 2)) == "Kabul"
    assert model.data(model.index(0, 1)) == "👩\u200d💻🇦🇫 Crowds In "  # CRLFs shown as a space
    assert model.data(first) == f"b-emoji:{expected_hits()[0][1]}"

    # Down from the field to the hits, Down to the third, Enter opens it.
    QTest.keyClick(window.search.field, Qt.Key.Key_Down)
    table = window.search.table
    assert table.hasFocus()
    QTest.keyClick(table, Qt.Key.Key_Down)
    QTest.keyClick(table, Qt.Key.Key_Down)
    QTest.keyClick(table, Qt.Key.Key_Return)
    document = window.workspace.document
    assert document is not None
    assert document.external_id == "c-marks"
    _ext, start, end = expected_hits()[2]
    assert window.view.selected_range() == (start, end)
    assert window.view.textCursor().selectedText() == "Kabul"  # Qt positions through TextMap
    assert window.view.hasFocus()
    # The match is labelled with a key, as any selection.
    press(window, Qt.Key.Key_2)
    assert [(s.start, s.end, s.label) for s in document.spans] == [(start, end, "PLACE")]


def test_a_label_and_a_person(
    qtbot: QtBot, sqlite_url: str, open_window: Callable[..., MainWindow]
) -> None:
    import_texts(sqlite_url, TEXTS)
    window = open_window(sqlite_url)
    assert window.workspace.document is not None
    window.open_document(window.workspace.neighbour(True) or 0)  # b-emoji
    _ext, start, end = expected_hits()[0]
    drag(qtbot, window, start, end)
    press(window, Qt.Key.Key_2)
    window.search.mode.setCurrentIndex(1)  # Label
    find(qtbot, window, "place")
    assert hits(window) == [("b-emoji", start, end)]
    model = window.search.model
    assert model.data(model.index(0, 4)) == "PLACE · ana"
    assert not window.search.table.isColumnHidden(4)

    window.search.mode.setCurrentIndex(2)  # Person: an annotator sees only their own
    QTest.keyClick(window.search.field, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    QTest.keyClicks(window.search.field, "ben")
    QTest.keyClick(window.search.field, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "blind" in window.search.state.text(), timeout=5000)
    assert hits(window) == []


def test_the_keys_are_listed_in_the_edit_menu(
    qtbot: QtBot, sqlite_url: str, open_window: Callable[..., MainWindow]
) -> None:
    import_texts(sqlite_url, TEXTS)
    window = open_window(sqlite_url)
    shortcuts = {action.text(): action.shortcut().toString() for action in QWidget.actions(window)}
    assert shortcuts["&Find in all documents…"] == "Ctrl+Shift+F"
    assert shortcuts["Label all in &my documents…"] == "Ctrl+Shift+L"
    # No other action of the window has either key.
    keys = [key.toString() for action in QWidget.actions(window) for key in action.shortcuts()]
    assert keys.count("Ctrl+Shift+F") == 1
    assert keys.count("Ctrl+Shift+L") == 1
