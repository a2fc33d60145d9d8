"""Label all in my documents (Ctrl+Shift+L) and Find in all documents (Ctrl+Shift+F) in the
window, on a team's corpus, as a new annotator: how long each takes and how long the window
stops answering meanwhile.

``python -m bench.corpus_wide --db team-10000-3.sqlite [--word village] [--phrase "..."]``
prints one JSON object. It works on a copy of the database (``--db`` is not changed), adds the
annotator ``newcomer`` (who has begun no document: all 10,000 are unfinished), opens the
window offscreen as them, labels the first ``--word`` of their first document PLACE, and
presses Ctrl+Shift+L, then OK in the count dialog, then Ctrl+Z; then searches ``--phrase``.
A 5 ms timer on the GUI thread records the longest gap between its ticks (the longest the
window froze) during each step.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QElapsedTimer, QSettings, Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from annotator.core.status import Role
from annotator.store.people import add_person
from annotator.store.store import Store

USER = "newcomer"
SHIFT_CTRL = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


class Stalls:
    """The longest gap between two ticks of a 5 ms timer since :meth:`reset`."""

    def __init__(self) -> None:
        self.clock = QElapsedTimer()
        self.timer = QTimer()
        self.timer.setInterval(5)
        self.timer.timeout.connect(self._tick)
        self.reset()
        self.timer.start()

    def reset(self) -> None:
        self.clock.start()
        self.longest = 0

    def _tick(self) -> None:
        self.longest = max(self.longest, self.clock.restart())


def wait(app: QApplication, done: object, timeout: float = 120.0) -> float:
    started = time.perf_counter()
    while not done():  # type: ignore[operator]
        app.processEvents()
        if time.perf_counter() - started > timeout:
            raise TimeoutError
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True, type=Path)
    parser.add_argument("--word", default="village")
    parser.add_argument("--phrase", default="captured official")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="corpus-wide-"))
    copy = folder / "corpus.sqlite"
    shutil.copy(args.db, copy)
    url = f"sqlite:///{copy}"
    with Store.open(url) as store:
        add_person(store, USER, Role.ANNOTATOR)
    app = QApplication([])
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    from annotator.gui.app import create_main_window
    from annotator.gui.corpus_labelling import ConfirmLabelling

    window = create_main_window(url, USER)
    window.resize(1024, 700)
    window.show()
    window.activateWindow()
    wait(app, lambda: window.workspace.document is not None and window.isActiveWindow())
    document = window.workspace.document
    assert document is not None
    start = document.text.index(f" {args.word} ") + 1
    window.view.select_range(start, start + len(args.word))
    QTest.keyClick(window.view, Qt.Key.Key_2)
    assert window.stack.count() == 1, "the first label was not stored"
    stalls = Stalls()
    figures: dict[str, object] = {"benchmark": "corpus_wide", "word": args.word}

    asked: dict[str, float] = {}

    def confirm() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, ConfirmLabelling):
            asked["seconds"] = time.perf_counter() - pressed
            asked["count"] = dialog.found.count
            asked["documents"] = len(dialog.found.spans)
            asked["stall_ms"] = stalls.longest
            watcher.stop()
            stalls.reset()
            asked["ok_at"] = time.perf_counter()
            QTest.keyClick(dialog, Qt.Key.Key_Return)

    watcher = QTimer()
    watcher.setInterval(5)
    watcher.timeout.connect(confirm)
    watcher.start()
    stalls.reset()
    pressed = time.perf_counter()
    QTest.keyClick(window.view, Qt.Key.Key_L, SHIFT_CTRL)
    wait(app, lambda: window.stack.count() == 2)
    written = time.perf_counter()
    wait(app, lambda: stalls.longest > 0)  # the first tick after the write
    figures["find_seconds"] = round(asked["seconds"], 2)
    figures["find_longest_stall_ms"] = asked["stall_ms"]
    figures["occurrences"] = asked["count"]
    figures["documents"] = asked["documents"]
    figures["write_seconds"] = round(written - asked["ok_at"], 2)
    figures["write_longest_stall_ms"] = stalls.longest
    stalls.reset()
    wait(app, window.isActiveWindow)
    started = time.perf_counter()
    QTest.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert window.stack.index() == 1, "not undone"
    figures["undo_seconds"] = round(time.perf_counter() - started, 2)

    QTest.keyClick(window.view, Qt.Key.Key_F, SHIFT_CTRL)
    window.search.field.setText(args.phrase)
    stalls.reset()
    started = time.perf_counter()
    QTest.keyClick(window.search.field, Qt.Key.Key_Return)
    wait(app, lambda: not window.search.background.running)
    app.processEvents()
    figures["search_phrase"] = args.phrase
    figures["search_seconds"] = round(time.perf_counter() - started, 3)
    figures["search_longest_stall_ms"] = stalls.longest
    figures["search_result"] = window.search.state.text()
    window.close()
    shutil.rmtree(folder, ignore_errors=True)
    print(json.dumps(figures, ensure_ascii=False))


if __name__ == "__main__":
    main()
