"""A busy database does not freeze the window: while another real process holds SQLite's write
lock, a label key returns at once, the span is drawn as pending, and it is saved (and only then
acknowledged) as soon as the lock frees."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot
from window_support import (
    USER,
    drag,
    import_texts,
    isolated_settings,
    press,
    stored_triples,
    when_modal,
)

from annotator.gui.app import create_main_window
from annotator.gui.main_window import MainWindow

pytestmark = pytest.mark.gui
__all__ = ["isolated_settings"]

CTRL = Qt.KeyboardModifier.ControlModifier
TEXT = "Taliban fighters attacked Kunduz on Tuesday."
TALIBAN = (0, 7)
KUNDUZ = (26, 32)
TUESDAY = (36, 43)

# Holds the write lock until told what to do on standard input: "commit", or "delete" (remove
# every document, then commit), then exits.
HOLDER = """
import sqlite3, sys
connection = sqlite3.connect(sys.argv[1], isolation_level=None)
connection.execute("BEGIN IMMEDIATE")
print("holding", flush=True)
if sys.stdin.readline().strip() == "delete":
    connection.execute("PRAGMA foreign_keys=ON")
    connection.execute("DELETE FROM documents")
connection.execute("COMMIT")
connection.close()
"""


class LockHolder:
    def __init__(self, path: Path) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", HOLDER, str(path)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self.process.stdout is not None
        assert self.process.stdout.readline().strip() == "holding"

    def release(self, then: str = "commit") -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(then + "\n")
        self.process.stdin.close()
        assert self.process.wait(timeout=30) == 0


@pytest.fixture
def window(qtbot: QtBot, sqlite_url: str) -> Iterator[MainWindow]:
    """Not handed to qtbot, which closes its widgets before fixtures end: closing with changes
    still waiting asks first, and nobody would answer after a failed test."""
    import_texts(sqlite_url, [("kunduz", TEXT)])
    opened = create_main_window(sqlite_url, USER)
    opened.show()
    qtbot.waitExposed(opened)
    opened.activateWindow()
    qtbot.waitUntil(opened.isActiveWindow)
    yield opened
    opened.editor.pending.waiting.clear()  # a failed test may leave some
    opened.close()
    opened.deleteLater()


@pytest.fixture
def messages(window: MainWindow) -> list[str]:
    """What the window said in its status bar, in order."""
    said: list[str] = []
    window.editor.message.connect(said.append)
    return said


@pytest.fixture
def holder(sqlite_url: str) -> Iterator[Callable[[], LockHolder]]:
    started: list[LockHolder] = []

    def start() -> LockHolder:
        started.append(LockHolder(Path(sqlite_url.removeprefix("sqlite:///"))))
        return started[-1]

    yield start
    for lock in started:
        if lock.process.poll() is None:
            lock.process.kill()


def document_id(window: MainWindow) -> int:
    assert window.workspace.document is not None
    return window.workspace.document.id


class StallProbe:
    """The longest gap between ticks of a 5 ms timer: how long the event loop was blocked."""

    def __init__(self) -> None:
        self.last = time.monotonic()
        self.longest = 0.0
        self.timer = QTimer()
        self.timer.setInterval(5)
        self.timer.timeout.connect(self._tick)
        self.timer.start()

    def _tick(self) -> None:
        now = time.monotonic()
        self.longest = max(self.longest, now - self.last)
        self.last = now


def test_a_label_key_on_a_busy_database_is_pending_then_saved(
    qtbot: QtBot,
    window: MainWindow,
    sqlite_url: str,
    holder: Callable[[], LockHolder],
    messages: list[str],
) -> None:
    document = document_id(window)
    drag(qtbot, window, *TUESDAY)
    press(window, Qt.Key.Key_3)  # saved at once: the database is free
    lock = holder()
    probe = StallProbe()
    drag(qtbot, window, *TALIBAN)
    press(window, Qt.Key.Key_1)
    drag(qtbot, window, *KUNDUZ)
    press(window, Qt.Key.Key_2)
    qtbot.wait(300)  # three retries, all refused: the lock is still held
    assert window.view.pending() == [(*TALIBAN, "ACTOR"), (*KUNDUZ, "PLACE")]
    notice = window.file_notice.text.text()
    assert notice.startswith("Waiting for the database: another program is writing to corpus")
    assert "2 changes are drawn as pending" in notice
    assert window.spans.model.rowCount() == 1  # the new ones are not acknowledged yet
    assert stored_triples(sqlite_url, document) == [(*TUESDAY, "EVENT")]
    said = len(messages)
    press(window, Qt.Key.Key_Z, CTRL)  # undo waits for the pending changes
    assert any("2 change(s) are waiting for the database" in m for m in messages[said:])
    assert window.stack.count() == 1
    # The event loop kept running: a freeze would be the busy timeout (15 s) per key.
    assert probe.longest < 1.0, probe.longest

    lock.release()
    qtbot.waitUntil(lambda: not window.view.pending(), timeout=5000)
    assert not window.file_notice.isVisible()
    assert messages[-1] == "Saved: every waiting change is in the database."
    assert stored_triples(sqlite_url, document) == [
        (*TALIBAN, "ACTOR"),
        (*KUNDUZ, "PLACE"),
        (*TUESDAY, "EVENT"),
    ]
    assert window.spans.model.rowCount() == 3
    assert window.stack.count() == 3
    press(window, Qt.Key.Key_Z, CTRL)
    assert stored_triples(sqlite_url, document) == [(*TALIBAN, "ACTOR"), (*TUESDAY, "EVENT")]


def test_undo_on_a_busy_database_changes_nothing_and_says_so(
    qtbot: QtBot,
    window: MainWindow,
    sqlite_url: str,
    holder: Callable[[], LockHolder],
    messages: list[str],
) -> None:
    document = document_id(window)
    drag(qtbot, window, *TALIBAN)
    press(window, Qt.Key.Key_1)
    lock = holder()
    press(window, Qt.Key.Key_Z, CTRL)
    assert messages[-1].startswith("Not undone: another program is writing to corpus.sqlite")
    assert window.stack.index() == 1  # the stack stayed where the database is
    lock.release()
    assert stored_triples(sqlite_url, document) == [(*TALIBAN, "ACTOR")]
    press(window, Qt.Key.Key_Z, CTRL)
    assert stored_triples(sqlite_url, document) == []
    assert window.stack.index() == 0


def test_a_pending_change_that_cannot_be_saved_is_dropped_and_the_person_told(
    qtbot: QtBot, window: MainWindow, holder: Callable[[], LockHolder], messages: list[str]
) -> None:
    lock = holder()
    drag(qtbot, window, *TALIBAN)
    press(window, Qt.Key.Key_1)
    drag(qtbot, window, *KUNDUZ)
    press(window, Qt.Key.Key_2)
    assert len(window.view.pending()) == 2
    lock.release("delete")  # the other program deleted the document meanwhile
    qtbot.waitUntil(lambda: not window.view.pending(), timeout=5000)
    message = messages[-1]
    assert message.startswith("Not saved:")
    assert "1 later change(s) were not saved either" in message
    assert window.spans.model.rowCount() == 0
    assert window.stack.count() == 0


def test_closing_with_pending_changes_asks_first(
    qtbot: QtBot, window: MainWindow, holder: Callable[[], LockHolder]
) -> None:
    lock = holder()
    drag(qtbot, window, *TALIBAN)
    press(window, Qt.Key.Key_1)
    asked: list[str] = []

    def wait_for_them(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        asked.append(box.text())
        [wait] = [b for b in box.buttons() if b.text() == "Wait for them"]
        wait.click()

    when_modal(QMessageBox, wait_for_them)
    window.close()
    assert asked
    assert "1 change(s) are still waiting" in asked[0]
    assert window.isVisible()
    lock.release()
    qtbot.waitUntil(lambda: not window.view.pending(), timeout=5000)


def test_importing_from_the_window_on_a_busy_database_says_so(
    qtbot: QtBot, window: MainWindow, tmp_path: Path, holder: Callable[[], LockHolder]
) -> None:
    from PySide6.QtWidgets import QFileDialog, QLineEdit

    article = tmp_path / "more.txt"
    article.write_text("Kabul\n", encoding="utf-8")
    lock = holder()
    said: list[str] = []

    def choose(dialog: QWidget) -> None:
        assert isinstance(dialog, QFileDialog)
        field = dialog.findChild(QLineEdit, "fileNameEdit")
        assert field is not None
        field.setText(str(article))
        dialog.accept()

    def read(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        said.append(box.text())
        box.accept()

    when_modal(QFileDialog, choose)
    when_modal(QMessageBox, read)
    window.actions.import_files.trigger()
    assert said
    assert said[0].startswith("another program is writing to corpus.sqlite")
    assert said[0].endswith("Nothing was imported.")
    lock.release()
    assert window.documents.model.rowCount() == 1
