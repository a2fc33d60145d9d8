"""TextMap against a real Qt document: the display text has the length TextMap says, and a Qt
selection between the mapped positions holds exactly the stored slice (with Qt's U+2029 for
every line break)."""

# The texts are meant to hold Arabic, Hebrew and look-alike letters.
# ruff: noqa: RUF001

from __future__ import annotations

import re

import pytest
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QPlainTextEdit
from pytestqt.qtbot import QtBot

from annotator.core.offsets import TextMap

pytestmark = pytest.mark.gui

TEXTS = [
    "emoji 👩\u200d💻 and 𝔘\r\nnext\rline\u2029para\nlast",
    "\r\n😀\r\r\n\u2029🇦🇫 tab\tnbsp\u00a0ls\u2028end\r",
    "مرحبا\r\nשלום 😀 x",
]


def as_qt_selection(stored: str) -> str:
    """What QTextCursor.selectedText gives for ``stored``: each line break is U+2029."""
    return re.sub("\r\n|\r|\n", "\u2029", stored)


@pytest.mark.parametrize("stored", TEXTS)
def test_qt_selection_of_mapped_positions_is_the_stored_slice(qtbot: QtBot, stored: str) -> None:
    text_map = TextMap(stored)
    editor = QPlainTextEdit()
    qtbot.addWidget(editor)
    editor.setPlainText(text_map.display)
    document = editor.document()
    assert document.characterCount() - 1 == text_map.display_length

    boundaries = [
        offset
        for offset in range(len(stored) + 1)
        if not (0 < offset < len(stored) and stored[offset - 1 : offset + 1] == "\r\n")
    ]
    cursor = QTextCursor(document)
    for start in boundaries:
        for end in boundaries:
            if end <= start:
                continue
            cursor.setPosition(text_map.to_qt(start))
            cursor.setPosition(text_map.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
            assert cursor.selectedText() == as_qt_selection(stored[start:end]), (start, end)
            assert text_map.from_qt(cursor.selectionStart()) == start
            assert text_map.from_qt(cursor.selectionEnd()) == end
