"""Edit > Label all in my documents (Ctrl+Shift+L), driven by real key presses: the spans it
adds in every unfinished document, as the database holds them (read by another connection),
the count asked before more than 50, and one undo that takes all of them back."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from window_support import (
    USER,
    drag,
    import_texts,
    isolated_settings,
    open_window,
    press,
    when_modal,
)

from annotator.core.status import SetStatus
from annotator.gui.corpus_labelling import ConfirmLabelling
from annotator.gui.main_window import MainWindow
from annotator.store.annotations import set_status
from annotator.store.store import Store

__all__ = ["isolated_settings", "open_window"]

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = CTRL | Qt.KeyboardModifier.ShiftModifier

FIRST = "Kabul fell on Tuesday. Kabulis left Kabul."
OTHERS = [
    ("b-emoji", "👩\u200d💻 In Kabul\r\nand KABUL, Kābul and Kabul."),
    ("c-done", "Kabul was finished already."),
    ("d-none", "Nothing to see."),
]


def held(path: Path) -> list[tuple[str, int, int, str]]:
    """(document, start, end, label) of the user's spans, read by a connection of its own."""
    with sqlite3.connect(path) as connection:
        rows = connection.execute(
            "SELECT d.external_id, s.start_offset, s.end_offset, l.name FROM spans s "
            "JOIN annotation_sets a ON a.id = s.set_id JOIN people p ON p.id = a.person_id "
            "JOIN documents d ON d.id = a.document_id JOIN labels l ON l.id = s.label_id "
            "WHERE p.name = ? ORDER BY 1, 2, 3, 4",
            (USER,),
        ).fetchall()
    return [tuple(row) for row in rows]


def sets_of_user(path: Path) -> list[str]:
    with sqlite3.connect(path) as connection:
        rows = connection.execute(
            "SELECT d.external_id FROM annotation_sets a JOIN people p ON p.id = a.person_id "
            "JOIN documents d ON d.id = a.document_id WHERE p.name = ? ORDER BY 1",
            (USER,),
        ).fetchall()
    return [row[0] for row in rows]


def label_first_kabul(qtbot: QtBot, window: MainWindow) -> None:
    """Drag over the first "Kabul" of the open document and press 2 (PLACE)."""
    drag(qtbot, window, 0, 5)
    press(window, Qt.Key.Key_2)


def test_label_all_in_my_documents_and_one_undo(
    qtbot: QtBot, sqlite_url: str, tmp_path: Path, open_window: Callable[..., MainWindow]
) -> None:
    ids = import_texts(sqlite_url, [("a-first", FIRST), *OTHERS])
    with Store.open(sqlite_url) as store:
        set_status(store, ids["c-done"], USER, SetStatus.DONE)
    path = tmp_path / "corpus.sqlite"
    window = open_window(sqlite_url)
    assert window.workspace.document is not None
    assert window.workspace.document.external_id == "a-first"
    label_first_kabul(qtbot, window)
    assert window.view.selected_span() is not None
    press(window, Qt.Key.Key_L, CTRL_SHIFT)
    # Exact matching: "Kabulis", "KABUL" and "Kābul" are not "Kabul"; the done document is
    # left alone. Offsets are code points: the emoji (three of them) and CRLF count as stored.
    text = OTHERS[0][1]
    kabuls = [i for i in range(len(text)) if text.startswith("Kabul", i)]
    expected = [
        ("a-first", 0, 5, "PLACE"),
        ("a-first", 36, 41, "PLACE"),
        *(("b-emoji", i, i + 5, "PLACE") for i in kabuls),
    ]
    qtbot.waitUntil(lambda: held(path) == expected, timeout=5000)
    assert FIRST[36:41] == "Kabul"
    assert window.stack.count() == 2  # the label, then the whole corpus-wide labelling
    assert "in 2 document(s)" in window.statusBar().currentMessage()
    # The open document shows its new span at once.
    document = window.workspace.document
    assert (36, 41, "PLACE") in [(s.start, s.end, s.label) for s in document.spans]
    assert window.spans.model.rowCount() == 2

    press(window, Qt.Key.Key_Z, CTRL)  # one undo takes back every span it added
    assert held(path) == [("a-first", 0, 5, "PLACE")]
    assert sets_of_user(path) == ["a-first", "c-done"]  # the set it created went too
    press(window, Qt.Key.Key_Y, CTRL)
    assert held(path) == expected


def test_more_than_fifty_asks_first_with_the_options(
    qtbot: QtBot, sqlite_url: str, tmp_path: Path, open_window: Callable[..., MainWindow]
) -> None:
    many = " ".join(["Kabul"] * 60 + ["KABUL"] * 20)
    import_texts(sqlite_url, [("a-first", FIRST), ("many", many)])
    path = tmp_path / "corpus.sqlite"
    window = open_window(sqlite_url)
    label_first_kabul(qtbot, window)
    asked: list[str] = []

    def cancel(dialog: QWidget) -> None:
        assert isinstance(dialog, ConfirmLabelling)
        asked.append(dialog.summary.text())
        QTest.keyClick(dialog, Qt.Key.Key_Escape)

    when_modal(ConfirmLabelling, cancel)
    press(window, Qt.Key.Key_L, CTRL_SHIFT)
    qtbot.waitUntil(lambda: bool(asked), timeout=5000)
    assert asked[0].startswith("61 occurrence(s) of “Kabul” in 2 of your unfinished")
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None)
    qtbot.waitUntil(window.isActiveWindow)  # the keys act in the window again
    assert held(path) == [("a-first", 0, 5, "PLACE")]  # cancelled: nothing written
    assert window.statusBar().currentMessage() == "Nothing labelled."

    def ignore_case_and_accept(dialog: QWidget) -> None:
        assert isinstance(dialog, ConfirmLabelling)
        dialog.ignore_case.setFocus()
        QTest.keyClick(dialog.ignore_case, Qt.Key.Key_Space)  # counted again, in a thread
        qtbot.waitUntil(lambda: dialog.ok.text() == "Label 81", timeout=5000)
        asked.append(dialog.summary.text())
        QTest.keyClick(dialog, Qt.Key.Key_Return)

    when_modal(ConfirmLabelling, ignore_case_and_accept)
    press(window, Qt.Key.Key_L, CTRL_SHIFT)
    qtbot.waitUntil(lambda: len(held(path)) == 82, timeout=5000)
    assert asked[1].startswith("81 occurrence(s)")
    words = many.split(" ")
    starts = [sum(len(w) + 1 for w in words[:n]) for n in range(len(words))]
    assert [row for row in held(path) if row[0] == "many"] == [
        ("many", start, start + 5, "PLACE") for start in starts
    ]
    assert window.actions.ignore_case.isChecked()  # the choice stays for the next time
    qtbot.waitUntil(window.isActiveWindow)
    press(window, Qt.Key.Key_Z, CTRL)
    assert held(path) == [("a-first", 0, 5, "PLACE")]
