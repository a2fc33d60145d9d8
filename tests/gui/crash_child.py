"""The child process of test_crash_safety: a real window on a SQLite file, labelling words
through real mouse drags and key presses, printing ``acknowledged START END LABEL`` after each
label is shown, until it is killed.

Usage: python crash_child.py DB_URL SETTINGS_FOLDER
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).parent))

from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication


def main(url: str, settings: str) -> None:
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, settings)
    from window_support import point_at

    from annotator.core.tokens import Tokens
    from annotator.gui.app import create_main_window

    window = create_main_window(url, "ana")
    window.show()
    window.activateWindow()
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    while not window.isActiveWindow():
        app.processEvents()
    document = window.workspace.document
    assert document is not None
    tokens = Tokens(document.text)
    # Words of two characters or more: a drag over one character would be a click.
    words = [
        (s, e)
        for s, e, word in zip(tokens.starts, tokens.ends, tokens.words, strict=True)
        if word and e - s > 1
    ]
    keys = [(Qt.Key.Key_1, "ACTOR"), (Qt.Key.Key_2, "PLACE"), (Qt.Key.Key_3, "EVENT")]
    viewport = window.view.viewport()
    print("ready", flush=True)
    for key, label in keys:
        for start, end in words:
            begin, finish = point_at(window, start), point_at(window, end, inside=False)
            QTest.mousePress(
                viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, begin
            )
            QTest.mouseMove(viewport, finish)
            QTest.mouseRelease(
                viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, finish
            )
            if window.view.selected_range() != (start, end):
                print(f"missed {start} {end}", flush=True)
                continue
            QTest.keyClick(window.view, key)
            # The span is in the list only after the store committed it.
            shown = {(s.start, s.end, s.label) for s in window.workspace.document.spans}
            if (start, end, label) in shown:
                print(f"acknowledged {start} {end} {label}", flush=True)
    print("finished", flush=True)
    app.exec()  # wait to be killed


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
