"""Many thousand cursor moves through the real article view.

PySide6 6.12.0 aborted the interpreter ("Fatal Python error: none_dealloc") after a few
thousand QTextCursor.setPosition/clearSelection calls: a reference count of None dropped with
every call until it reached zero. This test makes ~20,000 such cycles, with selections made by
the view itself, so a PySide6 with that bug kills the test run here instead of a user's session.
"""

# ruff: noqa: RUF001
from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import gc
import sys

import pytest
from PySide6.QtGui import QTextCursor
from pytestqt.qtbot import QtBot

from annotator.core.labels import default_schema
from annotator.core.offsets import TextMap
from annotator.gui.article_view import ArticleView
from annotator.store.annotations import StoredSpan

pytestmark = [pytest.mark.gui, pytest.mark.slow]

CYCLES = 20_000


def test_twenty_thousand_cursor_cycles_keep_the_interpreter_alive(qtbot: QtBot) -> None:
    paragraph = (
        "Afghan forces 👩‍👩‍👧 recaptured Qala-e-Zal in Kunduz.\r\nنیروهای امنیتی افغانستان\n"
    )
    text = paragraph * 20
    view = ArticleView()
    qtbot.addWidget(view)
    view.resize(600, 400)
    view.show()
    qtbot.waitExposed(view)
    view.show_document(text, [StoredSpan(0, 6, "ACTOR", 1)], default_schema())
    tokens = view.tokens.spans()
    text_map = view.text_map
    emitted: list[tuple[int, int]] = []
    view.rangeSelected.connect(lambda start, end: emitted.append((start, end)))
    # Garbage left by earlier tests, freed by a collection inside the loop, would drop None's
    # count too: collect first, and let nothing but the loop change it.
    gc.collect()
    gc.disable()
    try:
        none_refs = sys.getrefcount(None)
        _cycle(view, tokens, text_map)
        none_refs_after = sys.getrefcount(None)
    finally:
        gc.enable()
    assert len(emitted) == CYCLES + CYCLES // 5000
    assert emitted[-1] == tokens[(CYCLES - 1) % len(tokens)]
    # The 6.12.0 bug shows as None losing a reference on every call, long before the crash.
    assert none_refs_after >= none_refs - 1000


def _cycle(view: ArticleView, tokens: list[tuple[int, int]], text_map: TextMap) -> None:
    for cycle in range(CYCLES):
        start, end = tokens[cycle % len(tokens)]
        cursor = view.textCursor()
        cursor.setPosition(text_map.to_qt(end))
        cursor.setPosition(text_map.to_qt(start), QTextCursor.MoveMode.KeepAnchor)
        cursor.clearSelection()
        cursor.setPosition(text_map.to_qt(start))
        view.select_range(start, end)
        assert view.selected_range() == (start, end)
        if cycle % 5000 == 0:
            view.clear_range()
