"""Review mode finds its queue off the GUI thread: Ctrl+R shows "Finding disagreements…" at once,
then the queue and its first document; keys that need the queue wait for it and say so."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from review_support import REVIEWER, gold_status_of, key, load_team_corpus, team_corpus
from window_support import isolated_settings, open_window, press

from annotator.core.status import SetStatus
from annotator.gui.main_window import MainWindow

pytestmark = pytest.mark.gui
__all__ = ["isolated_settings", "open_window", "team_corpus"]

CTRL = Qt.KeyboardModifier.ControlModifier
FINDING = "Finding disagreements…"


def test_ctrl_r_shows_finding_disagreements_then_the_queue(
    qtbot: QtBot,
    team_corpus: dict[str, int],
    sqlite_url: str,
    open_window: Callable[..., MainWindow],
) -> None:
    window = open_window(sqlite_url, REVIEWER)
    press(window, Qt.Key.Key_R, CTRL)
    panel = window.review.panel
    assert panel is not None
    # The key returned before the queue came: the panel says it is being found, and shows no
    # table and no "nothing to review" in its place.
    assert panel.loading
    queue = panel.queue
    assert queue.finding.isVisible()
    assert queue.finding.text() == FINDING
    assert not queue.table.isVisible()
    assert not queue.empty.isVisible()
    assert window.progress_label.text() == FINDING
    assert panel.session.document is None
    with qtbot.waitSignal(panel.queueReady, timeout=10_000):
        pass
    assert not queue.finding.isVisible()
    assert queue.table.isVisible()
    assert [item.external_id for item in queue.model.items()] == ["news", "calm", "agreed"]
    assert queue.count.text() == "3 documents"
    # The most disputed document is open, its row selected; the status bar counts gold sets.
    document = panel.session.document
    assert document is not None
    assert document.id == team_corpus["news"]
    assert queue.table.selectionModel().selectedRows()[0].row() == 0
    assert window.progress_label.text() == "0 of 3 gold sets done"


def test_next_document_while_the_queue_is_found_waits_for_it(
    qtbot: QtBot,
    team_corpus: dict[str, int],
    sqlite_url: str,
    open_window: Callable[..., MainWindow],
) -> None:
    window = open_window(sqlite_url, REVIEWER)
    press(window, Qt.Key.Key_R, CTRL)
    panel = window.review.panel
    assert panel is not None
    assert panel.loading
    key(panel, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert window.statusBar().currentMessage() == (
        f"{FINDING} the document changes when the queue is ready."
    )
    with qtbot.waitSignal(panel.queueReady, timeout=10_000):
        pass
    # The queue's first document opened, then Alt+Right moved on from it.
    document = panel.session.document
    assert document is not None
    assert document.id == team_corpus["calm"]


def test_n_during_a_refresh_marks_gold_done_and_then_opens_the_next(
    qtbot: QtBot,
    team_corpus: dict[str, int],
    sqlite_url: str,
    open_window: Callable[..., MainWindow],
) -> None:
    window = open_window(sqlite_url, REVIEWER)
    press(window, Qt.Key.Key_R, CTRL)
    panel = window.review.panel
    assert panel is not None
    with qtbot.waitSignal(panel.queueReady, timeout=10_000):
        pass
    key(panel, Qt.Key.Key_F5)
    assert panel.loading
    key(panel, Qt.Key.Key_N)
    # Saved at once; the next document waits for the queue being read again.
    assert gold_status_of(sqlite_url, team_corpus["news"]) is SetStatus.DONE
    document = panel.session.document
    assert document is not None
    assert document.id == team_corpus["news"]
    with qtbot.waitSignal(panel.queueReady, timeout=10_000):
        pass
    document = panel.session.document
    assert document is not None
    assert document.id == team_corpus["calm"]
    # The queue read meanwhile knows the gold set is done, whenever its snapshot was taken.
    assert panel.queue.model.items()[0].gold_status is SetStatus.DONE
    assert window.progress_label.text() == "1 of 3 gold sets done"


def test_closing_the_window_while_the_queue_is_found_waits_for_it(
    qtbot: QtBot, sqlite_url: str, open_window: Callable[..., MainWindow]
) -> None:
    """The store closes with the window: the thread reading the queue must be done first."""
    load_team_corpus(sqlite_url)
    window = open_window(sqlite_url, REVIEWER)
    press(window, Qt.Key.Key_R, CTRL)
    panel = window.review.panel
    assert panel is not None
    assert panel.loading
    thread = panel.loader._background._thread
    assert thread is not None
    assert window.close()
    assert thread.isFinished()
