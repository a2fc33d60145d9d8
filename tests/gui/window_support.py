"""Helpers and fixtures for the main-window tests: a real SQLite file, isolated settings, real
mouse drags and key presses on the real widgets."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest
from PySide6.QtCore import QEventLoop, QPoint, QSettings, Qt, QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from annotator.gui.app import create_main_window
from annotator.gui.article_view import ArticleView
from annotator.gui.main_window import MainWindow
from annotator.schemas import DocumentRecord, Located
from annotator.store.annotations import StoredSpan, spans_of
from annotator.store.documents import find_document
from annotator.store.importer import import_records
from annotator.store.store import Store

USER = "ana"


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path: Path) -> Path:
    """Window settings go to a folder of this test, never to the developer's own."""
    folder = tmp_path / "settings"
    folder.mkdir()
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    return folder


def import_texts(url: str, texts: Sequence[tuple[str, str]]) -> dict[str, int]:
    """Import ``(external id, text)`` documents; their row ids by external id."""
    with Store.open(url) as store:
        records = [
            Located("test", n, DocumentRecord(id=ext, text=text))
            for n, (ext, text) in enumerate(texts, 1)
        ]
        import_records(store, records)
        found = {ext: find_document(store, ext) for ext, _ in texts}
    return {ext: ident for ext, ident in found.items() if ident is not None}


def stored_spans(url: str, document_id: int, user: str = USER) -> list[StoredSpan]:
    with Store.open(url) as store:
        return spans_of(store, document_id, user)


def stored_triples(url: str, document_id: int, user: str = USER) -> list[tuple[int, int, str]]:
    return [(s.start, s.end, s.label) for s in stored_spans(url, document_id, user)]


@pytest.fixture
def open_window(qtbot: QtBot) -> Callable[..., MainWindow]:
    """Build, show and activate a main window on a database URL."""

    def build(url: str, user: str = USER) -> MainWindow:
        window = create_main_window(url, user)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        window.activateWindow()
        qtbot.waitUntil(lambda: window.isActiveWindow())
        return window

    return build


def word_range(text: str, word: str, nth: int = 0) -> tuple[int, int]:
    """The code point range of the ``nth`` occurrence (from 0) of ``word`` in ``text``."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(word, start + 1)
    return start, start + len(word)


def point_in(view: ArticleView, offset: int, inside: bool = True) -> QPoint:
    """The viewport point of code point ``offset`` in ``view``: a third of the way into the
    character there (``inside``), or two thirds into the one before it. A drag between the two
    covers both characters, whatever the glyphs' sub-pixel positions (a point in the middle
    of a character rounds to either side of it)."""
    position = view.text_map.to_qt(offset)
    cursor = QTextCursor(view.document())
    cursor.setPosition(position)
    left = view.cursorRect(cursor)
    cursor.setPosition(min(position + 1, view.text_map.display_length))
    right = view.cursorRect(cursor)
    if not inside:
        cursor.setPosition(max(position - 1, 0))
        right, left = left, view.cursorRect(cursor)
    if right.top() != left.top():  # the character ends a line: stay on its own line
        return QPoint(left.left() + 2, left.center().y())
    third = (right.left() - left.left()) / 3
    return QPoint(round(left.left() + (third if inside else 2 * third)), left.center().y())


def point_at(window: MainWindow, offset: int, inside: bool = True) -> QPoint:
    """:func:`point_in` the window's article."""
    return point_in(window.view, offset, inside)


def drag_in(
    qtbot: QtBot,
    view: ArticleView,
    start: int,
    end: int,
    modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
) -> None:
    """Press inside the character at ``start``, move and release inside the one before
    ``end`` (a real mouse drag on the viewport, ``modifiers`` held); waits for the view's
    selection."""
    viewport = view.viewport()
    begin, finish = point_in(view, start), point_in(view, end, inside=False)
    with qtbot.waitSignal(view.rangeSelected, timeout=2000):
        QTest.mousePress(viewport, Qt.MouseButton.LeftButton, modifiers, begin)
        QTest.mouseMove(viewport, finish)
        QTest.mouseRelease(viewport, Qt.MouseButton.LeftButton, modifiers, finish)


def drag(
    qtbot: QtBot,
    window: MainWindow,
    start: int,
    end: int,
    modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
) -> None:
    """:func:`drag_in` the window's article."""
    drag_in(qtbot, window.view, start, end, modifiers)


def click_in(qtbot: QtBot, view: ArticleView, offset: int) -> None:
    """A real click on the character at ``offset`` (selects the innermost span there)."""
    with qtbot.waitSignal(view.spanClicked, timeout=2000):
        QTest.mouseClick(
            view.viewport(),
            Qt.MouseButton.LeftButton,
            Qt.KeyboardModifier.NoModifier,
            point_in(view, offset),
        )


def click_span(qtbot: QtBot, window: MainWindow, offset: int) -> None:
    """:func:`click_in` the window's article."""
    click_in(qtbot, window.view, offset)


def press(window: MainWindow, key: Qt.Key, modifiers: Qt.KeyboardModifier | None = None) -> None:
    """A key press sent to the article, as a person typing there (shortcuts included)."""
    QTest.keyClick(window.view, key, modifiers or Qt.KeyboardModifier.NoModifier)


def press_text(window: MainWindow, text: str) -> None:
    QTest.keyClicks(window.view, text)


_modal_timers: list[QTimer] = []


def when_modal(kind: type[QWidget], act: Callable[[QWidget], None]) -> None:
    """Run ``act`` on the next modal ``kind`` once it is up (checked every 10 ms by a timer:
    a modal dialog runs its own event loop, in which the timer fires)."""
    timer = QTimer()
    timer.setInterval(10)

    def check() -> None:
        widget = QApplication.activeModalWidget()
        if isinstance(widget, kind):
            timer.stop()
            # Keys go to the active window: wait until the dialog is it (offscreen, a window
            # shown from another one's event loop becomes active a moment later).
            widget.activateWindow()
            deadline = time.monotonic() + 5
            while not widget.isActiveWindow() and time.monotonic() < deadline:
                QApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 10)
            try:
                act(widget)
            except BaseException:
                # A failed check must fail the test, not leave a modal dialog waiting forever.
                if isinstance(widget, QDialog) and widget.isVisible():
                    widget.reject()
                raise

    timer.timeout.connect(check)
    timer.start()
    _modal_timers.append(timer)


def type_file_name(dialog: QWidget, path: Path) -> None:
    """Put ``path`` in the file dialog's name field and accept the dialog. (Not typed key by
    key: the field's completer would take the Enter once it knows the folder.)"""
    assert isinstance(dialog, QFileDialog)
    field = dialog.findChild(QLineEdit, "fileNameEdit")
    assert field is not None
    field.setText(str(path))
    dialog.accept()
