"""How the window's width is shared: the lists get what they want while the article keeps
room to be read, give way down to their least widths when it would not, and share what the
article's longest lines do not need; a person's own split is kept."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from window_support import drag, import_texts, isolated_settings, open_window, press, stored_triples

from annotator.gui.main_window import MainWindow
from annotator.gui.split import share

pytestmark = pytest.mark.gui
__all__ = ["isolated_settings", "open_window"]


def test_the_lists_get_what_they_want_when_the_article_has_room() -> None:
    assert share(1000, (200, 300), (150, 250), (400, 700)) == (200, 500, 300)


def test_the_lists_give_way_in_proportion_down_to_their_least() -> None:
    # 100 px short; the documents can spare 50, the spans 150: they give 25 and 75.
    assert share(900, (200, 300), (150, 150), (500, 700)) == (175, 500, 225)
    # Far too narrow: both at their least, the article takes what is left.
    assert share(500, (200, 300), (150, 150), (500, 700)) == (150, 200, 150)


def test_the_lists_share_what_the_article_does_not_need() -> None:
    # 900 px for an article that draws at most 700: the lists get 100 each.
    assert share(1400, (200, 300), (150, 250), (400, 700)) == (300, 700, 400)


def test_the_lists_keep_their_widths_as_spans_come_and_resizing_shares_again(
    qtbot: QtBot, sqlite_url: str, open_window: Callable[..., MainWindow]
) -> None:
    ids = import_texts(sqlite_url, [("doc1", "Report 1108: Taliban fighters entered Kunduz.")])
    window = open_window(sqlite_url)
    window.resize(1024, 700)
    qtbot.waitUntil(lambda: window.width() == 1024)
    sizes = window.splitter.sizes()
    assert window.spans.least_width() <= sizes[2] <= window.spans.wanted_width()
    width = window.view.viewport().width()
    drag(qtbot, window, len("Report 1108: "), len("Report 1108: Taliban"))
    press(window, Qt.Key.Key_1)
    assert stored_triples(sqlite_url, ids["doc1"]) == [(13, 20, "ACTOR")]
    assert window.spans.table.isVisible()  # the list shows its first span...
    assert window.splitter.sizes() == sizes  # ...in the width it had
    assert window.view.viewport().width() == width  # and the article did not reflow
    window.resize(1300, 700)
    qtbot.waitUntil(lambda: window.width() == 1300)
    # Shared again: wider, the lists have what they want.
    wanted = [window.documents.wanted_width(), window.spans.wanted_width()]
    assert window.splitter.sizes()[::2] == wanted
