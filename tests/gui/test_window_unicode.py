"""Create and undo through the real window on a text with emoji, CRLF, tabs, NBSP, combining
marks and Dari script: the stored offsets are code points and ``text[start:end]`` is the word
that was selected."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from window_support import (
    drag,
    import_texts,
    isolated_settings,
    open_window,
    press,
    stored_spans,
    stored_triples,
)

from annotator.gui.main_window import MainWindow

pytestmark = pytest.mark.gui
__all__ = ["isolated_settings", "open_window"]

TEXT = (
    "Flag 🇦🇫 and 👩\u200d💻 coder\r\n"
    "Kabul\tcafe\u0301 met\u00a0Jalalabad.\r\n"
    "در ولایت کندز جنگ شد. می\u200cگویند 🙂 Herat"
)
WORDS = ["coder", "Kabul", "cafe\u0301", "Jalalabad", "کندز", "می\u200cگویند", "Herat"]


@pytest.mark.parametrize("word", WORDS)
def test_label_and_undo_a_word_among_difficult_characters(
    qtbot: QtBot, sqlite_url: str, open_window: Callable[..., MainWindow], word: str
) -> None:
    ids = import_texts(sqlite_url, [("hard", TEXT)])
    window = open_window(sqlite_url)
    assert window.workspace.document is not None
    assert window.workspace.document.text == TEXT  # stored and opened exactly as imported
    start = TEXT.index(word)
    end = start + len(word)
    drag(qtbot, window, start, end)
    assert window.view.selected_range() == (start, end)
    press(window, Qt.Key.Key_2)
    [span] = stored_spans(sqlite_url, ids["hard"])
    assert (span.start, span.end, span.label) == (start, end, "PLACE")
    assert TEXT[span.start : span.end] == word
    press(window, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert stored_triples(sqlite_url, ids["hard"]) == []
    press(window, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert stored_triples(sqlite_url, ids["hard"]) == [(start, end, "PLACE")]
