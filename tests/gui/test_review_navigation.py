"""Where review mode's keys act: a candidate is current from the moment review mode opens and
after undo and redo (no click needed); A and R go on to the next *undecided* candidate, across
documents; Ctrl+J opens the next document with a candidate to decide; the agreement panel opens
from review mode too. Keys are pressed where the keyboard is (the window's focus widget), and
each step is checked in the database, read by another connection."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from review_support import (
    ATTACK,
    CALM,
    GOVERNOR,
    KUNDUZ,
    KUNDUZ_EVENT,
    PEOPLE,
    REVIEWER,
    TALIBAN,
    TWELVE,
    at,
    gold_of,
    log_of,
    open_review,
    panel_of,
    searching,
    team_corpus,
    wait_for_queue,
)
from window_support import isolated_settings, open_window

from annotator.core.adjudication import Strategy
from annotator.core.spans import Span
from annotator.core.status import SetStatus
from annotator.gui.app import launch
from annotator.gui.main_window import MainWindow
from annotator.gui.review.review_panel import ReviewPanel
from annotator.store.adjudication import prefill, set_gold_status
from annotator.store.store import Store

pytestmark = pytest.mark.gui
__all__ = ["isolated_settings", "open_review", "open_window", "team_corpus"]

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
OpenWindow = Callable[..., MainWindow]
WEDNESDAY = at("Wednesday", "FIGURE", text=CALM)  # ana only: calm's one dispute
KABUL = at("Kabul", "PLACE", text=CALM)  # ana and ben


def type_key(
    window: MainWindow, key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    """A key typed where the keyboard is: the window's focus widget, whichever it is."""
    assert window.isActiveWindow()
    QTest.keyClick(QApplication.focusWidget() or window, key, modifiers)


def current(panel: ReviewPanel) -> Span | None:
    row = panel.selected_row()
    return None if row is None else row.span


def table_current(panel: ReviewPanel) -> Span | None:
    """The candidate the table shows selected (the article and the table agree)."""
    rows = panel.candidates.table.selectionModel().selectedRows()
    return panel.candidates.model.row_at(rows[0].row()).span if rows else None


def decisions(url: str, document_id: int) -> list[tuple[str, Span]]:
    return [(d.action, d.span) for d in log_of(url, document_id) if d.action != "prefill"]


def opened(panel: ReviewPanel) -> str:
    document = panel.session.document
    assert document is not None
    return document.external_id


def test_gui_review_opens_with_a_candidate_current_and_a_accepts_it_without_a_click(
    qtbot: QtBot, team_corpus: dict[str, int], sqlite_url: str
) -> None:
    # As `annotator gui --review` starts: the window paints, then the database and the queue.
    window = launch(sqlite_url, REVIEWER, review=True)
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.attached and window.review.active, timeout=10_000)
    panel = window.review.panel
    assert panel is not None
    wait_for_queue(qtbot, panel)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    # The most disputed document's first disputed candidate, in the article and the table.
    assert current(panel) == table_current(panel) == KUNDUZ_EVENT
    type_key(window, Qt.Key.Key_A)
    assert gold_of(sqlite_url, team_corpus["news"]) == {KUNDUZ_EVENT}
    assert decisions(sqlite_url, team_corpus["news"]) == [("accept", KUNDUZ_EVENT)]


def test_ctrl_r_opens_with_a_candidate_current_and_r_rejects_it_without_a_click(
    qtbot: QtBot, team_corpus: dict[str, int], sqlite_url: str, open_window: OpenWindow
) -> None:
    window = open_window(sqlite_url, REVIEWER)
    type_key(window, Qt.Key.Key_R, CTRL)
    panel = window.review.panel
    assert panel is not None
    wait_for_queue(qtbot, panel)
    assert current(panel) == table_current(panel) == KUNDUZ_EVENT
    type_key(window, Qt.Key.Key_R)
    assert decisions(sqlite_url, team_corpus["news"]) == [("reject", KUNDUZ_EVENT)]
    # The keys act wherever the keyboard is in the window, not only in the review panel: here
    # on the "Hide" button of a notice across the window (Tab goes there).
    window.file_notice.tell("The database was reopened; nothing was lost.")
    window.file_notice.close_button.setFocus()
    assert QApplication.focusWidget() is window.file_notice.close_button
    type_key(window, Qt.Key.Key_A)  # on "Kunduz" PLACE, the next undecided
    assert gold_of(sqlite_url, team_corpus["news"]) == {KUNDUZ}


def test_after_undo_the_undone_candidate_is_current_and_j_goes_on_from_it(
    team_corpus: dict[str, int], sqlite_url: str, open_review: Callable[..., MainWindow]
) -> None:
    window = open_review(sqlite_url)
    panel = panel_of(window)
    news = team_corpus["news"]
    type_key(window, Qt.Key.Key_A)  # "Kunduz" EVENT
    type_key(window, Qt.Key.Key_A)  # "Kunduz" PLACE
    assert current(panel) == TWELVE
    type_key(window, Qt.Key.Key_Z, CTRL)
    assert gold_of(sqlite_url, news) == {KUNDUZ_EVENT}
    assert current(panel) == table_current(panel) == KUNDUZ
    type_key(window, Qt.Key.Key_Z, CTRL)
    assert gold_of(sqlite_url, news) == set()
    assert current(panel) == table_current(panel) == KUNDUZ_EVENT
    # J goes on from there, not from the top.
    type_key(window, Qt.Key.Key_J)
    assert current(panel) == KUNDUZ
    # Redo: the redone candidate is current; then R acts on what is current.
    type_key(window, Qt.Key.Key_Z, CTRL | SHIFT)
    assert current(panel) == KUNDUZ_EVENT
    type_key(window, Qt.Key.Key_Y, CTRL)
    assert current(panel) == KUNDUZ
    assert gold_of(sqlite_url, news) == {KUNDUZ_EVENT, KUNDUZ}
    type_key(window, Qt.Key.Key_R)
    assert gold_of(sqlite_url, news) == {KUNDUZ_EVENT}
    assert decisions(sqlite_url, news) == [
        ("accept", KUNDUZ_EVENT),
        ("accept", KUNDUZ),
        ("reject", KUNDUZ),
    ]


def test_undoing_a_correction_makes_the_original_current(
    team_corpus: dict[str, int], sqlite_url: str, open_review: Callable[..., MainWindow]
) -> None:
    window = open_review(sqlite_url)
    panel = panel_of(window)
    news = team_corpus["news"]
    for _ in range(4):  # to ana's "The governor of Kunduz province"
        type_key(window, Qt.Key.Key_J)
    assert current(panel) == GOVERNOR
    governor_event = Span(GOVERNOR.start, GOVERNOR.end, "EVENT")
    type_key(window, Qt.Key.Key_3)  # EVENT
    assert gold_of(sqlite_url, news) == {governor_event}
    assert current(panel) == governor_event
    # Undone, the corrected span is no candidate any more: its original is current again.
    type_key(window, Qt.Key.Key_Z, CTRL)
    assert gold_of(sqlite_url, news) == set()
    assert current(panel) == table_current(panel) == GOVERNOR
    type_key(window, Qt.Key.Key_Z, CTRL | SHIFT)
    assert current(panel) == governor_event
    type_key(window, Qt.Key.Key_R)
    assert gold_of(sqlite_url, news) == set()
    # A candidate stays current even when the one that was is gone (a rejected correction).
    assert current(panel) is not None


def test_undo_of_a_decision_on_another_document_opens_it_on_that_candidate(
    team_corpus: dict[str, int], sqlite_url: str, open_review: Callable[..., MainWindow]
) -> None:
    window = open_review(sqlite_url)
    panel = panel_of(window)
    news = team_corpus["news"]
    type_key(window, Qt.Key.Key_J)
    type_key(window, Qt.Key.Key_J)
    assert current(panel) == TWELVE
    type_key(window, Qt.Key.Key_R)
    type_key(window, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert opened(panel) == "calm"
    type_key(window, Qt.Key.Key_Z, CTRL)
    assert opened(panel) == "news"
    assert decisions(sqlite_url, news) == []
    assert current(panel) == table_current(panel) == TWELVE
    type_key(window, Qt.Key.Key_A)
    assert gold_of(sqlite_url, news) == {TWELVE}


def test_a_and_r_skip_decided_candidates_and_go_on_to_the_next_document(
    qtbot: QtBot, team_corpus: dict[str, int], sqlite_url: str, open_review: OpenWindow
) -> None:
    # `annotator adjudicate --strategy majority` first: Taliban, "Kunduz" PLACE, "12" and
    # "attack" are in gold; "Kunduz" EVENT, "12 people" and the governor are left to decide.
    with Store.open(sqlite_url) as store:
        prefill(store, Strategy.MAJORITY)
    window = open_review(sqlite_url)
    panel = panel_of(window)
    news, calm = team_corpus["news"], team_corpus["calm"]
    prefilled = {TALIBAN, KUNDUZ, TWELVE, ATTACK}
    assert gold_of(sqlite_url, news) == prefilled
    assert current(panel) == KUNDUZ_EVENT
    type_key(window, Qt.Key.Key_R)
    # Not "Kunduz" PLACE nor "12", which gold holds: a second R would have rejected them.
    assert current(panel) == table_current(panel) == PEOPLE
    type_key(window, Qt.Key.Key_R)
    assert current(panel) == GOVERNOR
    with searching(qtbot, panel):
        type_key(window, Qt.Key.Key_A)
    assert gold_of(sqlite_url, news) == prefilled | {GOVERNOR}
    assert decisions(sqlite_url, news) == [
        ("reject", KUNDUZ_EVENT),
        ("reject", PEOPLE),
        ("accept", GOVERNOR),
    ]
    # Nothing left to decide in news: calm opens, on its one undecided candidate.
    assert opened(panel) == "calm"
    assert current(panel) == table_current(panel) == WEDNESDAY
    assert window.statusBar().currentMessage() == (
        "news: all decided (N marks its gold done). Now calm: 1 to decide."
    )
    with searching(qtbot, panel):
        type_key(window, Qt.Key.Key_R)
    assert gold_of(sqlite_url, calm) == {KABUL}
    assert decisions(sqlite_url, calm) == [("reject", WEDNESDAY)]
    # Nothing left anywhere ("agreed" was pre-filled): calm stays open, and says so.
    assert opened(panel) == "calm"
    assert current(panel) == WEDNESDAY
    assert window.statusBar().currentMessage() == (
        "calm: all decided (N marks its gold done); nothing left to decide."
    )
    # Undo brings back news's last decision, on its candidate.
    type_key(window, Qt.Key.Key_Z, CTRL)
    type_key(window, Qt.Key.Key_Z, CTRL)
    assert opened(panel) == "news"
    assert current(panel) == GOVERNOR
    assert gold_of(sqlite_url, news) == prefilled


def test_ctrl_j_opens_the_next_document_with_a_candidate_to_decide(
    qtbot: QtBot, team_corpus: dict[str, int], sqlite_url: str, open_review: OpenWindow
) -> None:
    with Store.open(sqlite_url) as store:
        set_gold_status(store, team_corpus["calm"], SetStatus.DONE)  # done: skipped
    window = open_review(sqlite_url)
    panel = panel_of(window)
    assert window.review.panel is not None
    action = panel.review_actions.next_to_decide
    assert action in window.review.menu.actions()
    assert action.shortcut().toString() == "Ctrl+J"
    with searching(qtbot, panel):
        type_key(window, Qt.Key.Key_J, CTRL)
        # Searched off the GUI thread (one query): the status bar says so meanwhile.
        assert panel.searching
        assert window.statusBar().currentMessage() == "Finding the next document to decide…"
    assert opened(panel) == "agreed"
    assert window.statusBar().currentMessage() == "Now agreed: 1 to decide."
    herat = at("Herat", "PLACE", text="Herat held a market.")
    assert current(panel) == herat  # agreed, but not in gold: undecided
    with searching(qtbot, panel):
        type_key(window, Qt.Key.Key_A)
    assert gold_of(sqlite_url, team_corpus["agreed"]) == {herat}
    # "agreed" is decided now: A went on to news (wrapping), the only one left.
    assert opened(panel) == "news"
    with searching(qtbot, panel):
        type_key(window, Qt.Key.Key_J, CTRL)
    assert opened(panel) == "news"
    assert window.statusBar().currentMessage() == "No other document has a candidate to decide."
    assert decisions(sqlite_url, team_corpus["news"]) == []


@pytest.mark.parametrize("reviewing", [True, False], ids=["in-review-mode", "annotating"])
def test_the_agreement_panel_opens_and_its_document_takes_the_keys(
    qtbot: QtBot,
    team_corpus: dict[str, int],
    sqlite_url: str,
    open_window: OpenWindow,
    reviewing: bool,
) -> None:
    window = open_window(sqlite_url, REVIEWER)
    review = window.review
    if reviewing:
        type_key(window, Qt.Key.Key_R, CTRL)
        assert review.panel is not None
        wait_for_queue(qtbot, review.panel)
    assert review.show_agreement.isEnabled()
    assert review.show_agreement in review.menu.actions()
    type_key(window, Qt.Key.Key_A, CTRL | SHIFT)
    agreement = review.agreement
    assert agreement is not None
    assert agreement.isVisible()
    qtbot.waitUntil(lambda: agreement.shown is not None, timeout=20_000)
    assert review.active is reviewing  # the panel opened over the mode, which stays
    # Double-clicking a document opens it in review mode, and the keys act there at once
    # (the agreement panel, a window of its own, does not keep them).
    table = agreement.document_table
    figures = agreement.documents
    calm = next(row for row in range(figures.rowCount()) if figures.row(row)[0] == "calm")
    table.show()
    qtbot.waitExposed(table)
    rect = table.visualRect(figures.index(calm, 0))
    QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    QTest.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    panel = panel_of(window)
    wait_for_queue(qtbot, panel)
    assert opened(panel) == "calm"
    qtbot.waitUntil(window.isActiveWindow)
    assert current(panel) == WEDNESDAY
    type_key(window, Qt.Key.Key_A)
    assert gold_of(sqlite_url, team_corpus["calm"]) == {WEDNESDAY}
