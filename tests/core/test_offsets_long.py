"""Very long paragraphs are shown broken at spaces; positions and the stored text do not move."""

from __future__ import annotations

from itertools import pairwise

import pytest

from annotator.core.offsets import LONG_PARAGRAPH, TextMap, soft_breaks

SENTENCE = "Taliban fighters attacked the district centre 😀 before dawn on Tuesday. "


def long_text() -> str:
    return "Title\r\n" + SENTENCE * 100 + "\r\nLast line."


def test_short_paragraphs_are_left_alone() -> None:
    text = ("A short paragraph. " * 20 + "\n") * 30
    assert soft_breaks(text) == []
    assert TextMap(text).display == text


def test_a_long_paragraph_breaks_after_sentences_within_the_limit() -> None:
    text = long_text()

    breaks = soft_breaks(text)

    assert breaks, "a 7,000-character paragraph is broken"
    for index in breaks:
        assert text[index] == " "
        assert text[index - 1] == "."
    edges = [text.index("\n") + 1, *(b + 1 for b in breaks), text.rindex("\r")]
    assert all(b - a <= LONG_PARAGRAPH for a, b in pairwise(edges))


def test_breaks_change_the_display_only() -> None:
    text = long_text()
    plain = TextMap(text.replace(". ", "; "))  # no sentence ends: broken at other spaces
    broken = TextMap(text)

    assert broken.stored == text
    assert len(broken.display) == len(text) - 2  # the two CRLFs, nothing else
    for offset in range(len(text) + 1):
        if text[offset - 1 : offset + 1] == "\r\n":
            continue  # between the two characters of one separator: no position of its own
        assert broken.from_qt(broken.to_qt(offset)) == offset
        assert broken.to_qt(offset) == plain.to_qt(offset)
    starts = broken.block_starts()
    assert len(starts) == broken.display.count("\n") + 1


def test_a_stretch_without_spaces_is_not_broken() -> None:
    assert soft_breaks("x" * (3 * LONG_PARAGRAPH)) == []


@pytest.mark.gui
def test_qt_shows_the_blocks_where_the_map_says() -> None:
    from PySide6.QtGui import QTextCursor
    from PySide6.QtWidgets import QApplication, QPlainTextEdit

    QApplication.instance() or QApplication([])
    text = long_text()
    text_map = TextMap(text)
    edit = QPlainTextEdit()
    edit.setPlainText(text_map.display)
    document = edit.document()

    starts = text_map.block_starts()
    assert document.blockCount() == len(starts)
    assert [document.findBlockByNumber(n).position() for n in range(len(starts))] == starts
    # A selection across a soft break still maps back to the exact stored words.
    start = text.index("Tuesday. Taliban")
    end = start + len("Tuesday. Taliban")
    cursor = QTextCursor(document)
    cursor.setPosition(text_map.to_qt(start))
    cursor.setPosition(text_map.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
    assert text_map.from_qt(cursor.selectionStart()) == start
    assert text_map.from_qt(cursor.selectionEnd()) == end
