"""Review mode through the real window: real key presses and mouse drags on the review panel,
then what the DATABASE holds (the gold set, the decision log, the gold status)."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from pytestqt.modeltest import ModelTester
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
    TEXT,
    TWELVE,
    VERSIONS,
    click,
    drag,
    gold_of,
    gold_status_of,
    key,
    log_of,
    open_review,
    panel_of,
    select,
    team_corpus,
)
from window_support import isolated_settings

from annotator.core.spans import Span
from annotator.core.status import SetStatus
from annotator.gui.highlighter import LABELS_PROPERTY
from annotator.gui.main_window import MainWindow
from annotator.gui.review.review_panel import OUT_LABEL
from annotator.gui.review.rows import Verdict
from annotator.store.adjudication import review_queue
from annotator.store.store import Store

pytestmark = pytest.mark.gui
__all__ = ["isolated_settings", "open_review", "team_corpus"]

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
OpenReview = Callable[..., MainWindow]


def test_queue_is_ordered_by_disagreement_and_opens_the_most_disputed(
    qtmodeltester: ModelTester,
    team_corpus: dict[str, int],
    sqlite_url: str,
    open_review: OpenReview,
) -> None:
    panel = panel_of(open_review(sqlite_url))
    items = panel.queue.model.items()
    assert [item.external_id for item in items] == ["news", "calm", "agreed"]
    with Store.open(sqlite_url) as store:
        assert [item.id for item in items] == [item.id for item in review_queue(store)]
    document = panel.session.document
    assert document is not None
    assert document.id == team_corpus["news"]
    # Every annotator's spans, merged; the agreed one plain, the disputed ones dashed.
    assert {row.span for row in document.rows} == {s for v in VERSIONS.values() for s in v}
    dashed = panel.view.dashed_spans()
    assert {row.span for row in document.rows if row.id in dashed} == (
        {row.span for row in document.rows} - {TALIBAN}
    )
    assert panel.queue.model.index(0, 2).data() == "6/7"
    # The first disputed candidate (in text order) is selected, in the article and the table.
    selected = panel.selected_row()
    assert selected is not None
    assert selected.span == KUNDUZ_EVENT
    assert panel.candidates.table.selectionModel().selectedRows()[0].row() == 1
    for model in (panel.queue.model, panel.candidates.model, panel.log.model):
        qtmodeltester.check(model)


def test_a_accepts_and_r_rejects(
    team_corpus: dict[str, int], sqlite_url: str, open_review: OpenReview
) -> None:
    panel = panel_of(open_review(sqlite_url))
    news = team_corpus["news"]
    select(panel, KUNDUZ)
    key(panel, Qt.Key.Key_A)
    assert gold_of(sqlite_url, news) == {KUNDUZ}
    (accepted,) = log_of(sqlite_url, news)
    assert (accepted.reviewer, accepted.action, accepted.span) == (REVIEWER, "accept", KUNDUZ)
    assert accepted.chosen_by == ("ana", "ben")
    # A moved on to the next candidate: "12".
    selected = panel.selected_row()
    assert selected is not None
    assert selected.span == TWELVE
    select(panel, KUNDUZ_EVENT)
    key(panel, Qt.Key.Key_R)
    assert gold_of(sqlite_url, news) == {KUNDUZ}
    assert [(d.action, d.span) for d in log_of(sqlite_url, news)] == [
        ("accept", KUNDUZ),
        ("reject", KUNDUZ_EVENT),
    ]
    # What the panel shows follows: the verdicts, the log, no dashed outline on decided ones,
    # the rejected candidate grey in the article.
    document = panel.session.document
    assert document is not None
    verdicts = {row.span: row.verdict for row in document.rows}
    assert (verdicts[KUNDUZ], verdicts[KUNDUZ_EVENT]) == (Verdict.IN, Verdict.OUT)
    assert panel.log.model.rowCount() == 2
    rejected = document.row_of(KUNDUZ_EVENT)
    assert rejected is not None
    assert rejected.id not in panel.view.dashed_spans()
    gold_column = panel.candidates.model.GOLD
    marks = {
        panel.candidates.model.row_at(n).span: panel.candidates.model.index(n, gold_column).data()
        for n in range(panel.candidates.model.rowCount())
    }
    assert (marks[KUNDUZ], marks[KUNDUZ_EVENT], marks[TALIBAN]) == ("✓", "✗", "")
    assert panel.queue.model.items()[0].gold_status is SetStatus.IN_PROGRESS
    # Rejecting what is in gold takes it out again.
    select(panel, KUNDUZ)
    key(panel, Qt.Key.Key_R)
    assert gold_of(sqlite_url, news) == set()


def test_a_label_key_corrects_the_label(
    team_corpus: dict[str, int], sqlite_url: str, open_review: OpenReview
) -> None:
    panel = panel_of(open_review(sqlite_url))
    news = team_corpus["news"]
    select(panel, KUNDUZ_EVENT)
    key(panel, Qt.Key.Key_2)  # PLACE
    assert gold_of(sqlite_url, news) == {KUNDUZ}
    (decision,) = log_of(sqlite_url, news)
    assert (decision.action, decision.span, decision.original) == ("correct", KUNDUZ, KUNDUZ_EVENT)
    assert decision.chosen_by == ("cai",)
    # The corrected candidate is selected; the original is out.
    selected = panel.selected_row()
    assert selected is not None
    assert selected.span == KUNDUZ
    document = panel.session.document
    assert document is not None
    original = document.row_of(KUNDUZ_EVENT)
    assert original is not None
    assert original.verdict is Verdict.OUT
    # ACTOR's own letter "a" is accept here; its digit 1 still relabels.
    select(panel, GOVERNOR)
    key(panel, Qt.Key.Key_3)
    assert Span(GOVERNOR.start, GOVERNOR.end, "EVENT") in gold_of(sqlite_url, news)


def test_drag_then_c_corrects_the_boundaries(
    qtbot: QtBot, team_corpus: dict[str, int], sqlite_url: str, open_review: OpenReview
) -> None:
    panel = panel_of(open_review(sqlite_url))
    news = team_corpus["news"]
    view = panel.view
    # Click the governor span (ana's), then drag over "governor of Kunduz province" only.
    click(qtbot, view, GOVERNOR.start + 1)
    selected = panel.selected_row()
    assert selected is not None
    assert selected.span == GOVERNOR
    start = GOVERNOR.start + len("The ")
    drag(qtbot, view, start + 2, GOVERNOR.end - 2)  # snaps to whole words
    assert view.selected_range() == (start, GOVERNOR.end)
    key(panel, Qt.Key.Key_C)
    shorter = Span(start, GOVERNOR.end, "ACTOR")
    assert gold_of(sqlite_url, news) == {shorter}
    (decision,) = log_of(sqlite_url, news)
    assert (decision.action, decision.span, decision.original) == ("correct", shorter, GOVERNOR)
    assert view.selected_range() is None
    selected = panel.selected_row()
    assert selected is not None
    assert selected.span == shorter
    assert selected.candidate.chosen_by == ()  # a span no annotator chose


def test_a_dragged_range_and_a_label_key_add_a_span_nobody_chose(
    qtbot: QtBot, team_corpus: dict[str, int], sqlite_url: str, open_review: OpenReview
) -> None:
    panel = panel_of(open_review(sqlite_url))
    news = team_corpus["news"]
    view = panel.view
    dawn = TEXT.index("dawn")
    click(qtbot, view, dawn)  # no span there: nothing selected
    assert panel.selected_row() is None
    drag(qtbot, view, dawn, dawn + 4)
    key(panel, Qt.Key.Key_4)
    assert gold_of(sqlite_url, news) == {Span(dawn, dawn + 4, "FIGURE")}
    (decision,) = log_of(sqlite_url, news)
    assert (decision.action, decision.chosen_by) == ("accept", ())


def test_shift_digit_accepts_all_from_one_annotator(
    team_corpus: dict[str, int], sqlite_url: str, open_review: OpenReview
) -> None:
    panel = panel_of(open_review(sqlite_url))
    news = team_corpus["news"]
    select(panel, KUNDUZ_EVENT)
    key(panel, Qt.Key.Key_A)  # cai's EVENT, which ben does not have
    key(panel, Qt.Key.Key_2, SHIFT)  # ben
    assert gold_of(sqlite_url, news) == set(VERSIONS["ben"])
    log = log_of(sqlite_url, news)
    assert ("reject", KUNDUZ_EVENT) in [(d.action, d.span) for d in log]
    assert {d.span for d in log if d.action == "accept"} >= set(VERSIONS["ben"])
    # The same from the button above the article, for cai.
    cai = next(b for b in panel.annotator_widgets if str(b.property("text")).startswith("cai"))
    QTest.mouseClick(cai, Qt.MouseButton.LeftButton)
    assert gold_of(sqlite_url, news) == set(VERSIONS["cai"])


def test_a_reason_goes_with_the_next_decision_and_can_be_edited(
    qtbot: QtBot,
    qtmodeltester: ModelTester,
    team_corpus: dict[str, int],
    sqlite_url: str,
    open_review: OpenReview,
) -> None:
    panel = panel_of(open_review(sqlite_url))
    news = team_corpus["news"]
    select(panel, PEOPLE)
    key(panel, Qt.Key.Key_E, CTRL)
    assert panel.reason.hasFocus()
    QTest.keyClicks(panel.reason, "the count includes the word people")
    QTest.keyClick(panel.reason, Qt.Key.Key_Return)
    assert panel.view.hasFocus()
    key(panel, Qt.Key.Key_A)
    (decision,) = log_of(sqlite_url, news)
    assert (decision.span, decision.reason) == (PEOPLE, "the count includes the word people")
    assert panel.reason.text() == ""
    key(panel, Qt.Key.Key_R)  # no reason this time
    assert [d.reason for d in log_of(sqlite_url, news)] == [
        "the count includes the word people",
        "",
    ]
    # Add a reason to the second decision in the log: double-click its reason, type, Enter.
    table = panel.log.table
    cell = panel.log.model.index(1, panel.log.model.REASON)
    table.scrollTo(cell)
    rect = table.visualRect(cell)
    QTest.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    QTest.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    editor = table.focusWidget()
    assert editor is not None
    assert editor is not table
    QTest.keyClicks(editor, "only the number")
    QTest.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: log_of(sqlite_url, news)[1].reason == "only the number")
    assert panel.log.model.index(1, panel.log.model.REASON).data() == "only the number"
    qtmodeltester.check(panel.log.model)  # with rows, one column editable
    qtmodeltester.check(panel.candidates.model)  # after in-place updates
    # Undo puts the reason back, redo sets it again.
    panel.view.setFocus()
    key(panel, Qt.Key.Key_Z, CTRL)
    assert log_of(sqlite_url, news)[1].reason == ""
    key(panel, Qt.Key.Key_Z, CTRL | SHIFT)
    assert log_of(sqlite_url, news)[1].reason == "only the number"


def test_undo_and_redo_change_the_database(
    team_corpus: dict[str, int], sqlite_url: str, open_review: OpenReview
) -> None:
    panel = panel_of(open_review(sqlite_url))
    news = team_corpus["news"]
    select(panel, KUNDUZ)
    key(panel, Qt.Key.Key_A)
    select(panel, TWELVE)
    key(panel, Qt.Key.Key_4)  # same label: nothing to correct, nothing logged
    key(panel, Qt.Key.Key_1)  # relabel as ACTOR
    twelve_actor = Span(TWELVE.start, TWELVE.end, "ACTOR")
    assert gold_of(sqlite_url, news) == {KUNDUZ, twelve_actor}
    assert len(log_of(sqlite_url, news)) == 2
    key(panel, Qt.Key.Key_Z, CTRL)
    assert gold_of(sqlite_url, news) == {KUNDUZ}
    key(panel, Qt.Key.Key_Z, CTRL)
    assert gold_of(sqlite_url, news) == set()
    assert log_of(sqlite_url, news) == []
    key(panel, Qt.Key.Key_Z, CTRL | SHIFT)
    key(panel, Qt.Key.Key_Y, CTRL)
    assert gold_of(sqlite_url, news) == {KUNDUZ, twelve_actor}
    redone = log_of(sqlite_url, news)
    assert [(d.action, d.span) for d in redone] == [("accept", KUNDUZ), ("correct", twelve_actor)]
    # Accept-all and its undo, as one step.
    key(panel, Qt.Key.Key_1, SHIFT)
    assert gold_of(sqlite_url, news) == set(VERSIONS["ana"])
    key(panel, Qt.Key.Key_Z, CTRL)
    assert gold_of(sqlite_url, news) == {KUNDUZ, twelve_actor}
    # The panel shows what the database holds after each step.
    document = panel.session.document
    assert document is not None
    assert {row.span for row in document.rows if row.verdict is Verdict.IN} == {
        KUNDUZ,
        twelve_actor,
    }
    assert ATTACK in {row.span for row in document.rows}


def test_n_marks_gold_done_and_opens_the_next_document(
    team_corpus: dict[str, int], sqlite_url: str, open_review: OpenReview
) -> None:
    panel = panel_of(open_review(sqlite_url))
    news, calm = team_corpus["news"], team_corpus["calm"]
    select(panel, KUNDUZ)
    key(panel, Qt.Key.Key_A)
    key(panel, Qt.Key.Key_N)
    assert gold_status_of(sqlite_url, news) is SetStatus.DONE
    document = panel.session.document
    assert document is not None
    assert document.id == calm
    assert panel.view.toPlainText() == CALM
    assert panel.queue.model.items()[0].gold_status is SetStatus.DONE
    # Ctrl+Enter does the same; a document with no decision gets a gold set of its own.
    key(panel, Qt.Key.Key_Return, CTRL)
    assert gold_status_of(sqlite_url, calm) is SetStatus.DONE
    assert gold_of(sqlite_url, calm) == set()
    # Undo reopens the document it changed and puts its status back.
    key(panel, Qt.Key.Key_Z, CTRL)
    assert gold_status_of(sqlite_url, calm) is None
    document = panel.session.document
    assert document is not None
    assert document.id == calm
    key(panel, Qt.Key.Key_Z, CTRL)
    assert gold_status_of(sqlite_url, news) is SetStatus.IN_PROGRESS
    # Alt+Right/Left (and Ctrl+PgDown/PgUp) move along the queue.
    key(panel, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    document = panel.session.document
    assert document is not None
    assert document.id == calm
    key(panel, Qt.Key.Key_PageUp, CTRL)
    document = panel.session.document
    assert document is not None
    assert document.id == news


def test_the_rejected_candidate_is_drawn_grey(
    team_corpus: dict[str, int], sqlite_url: str, open_review: OpenReview
) -> None:
    panel = panel_of(open_review(sqlite_url))
    select(panel, PEOPLE)
    key(panel, Qt.Key.Key_R)
    document = panel.session.document
    assert document is not None
    row = document.row_of(PEOPLE)
    assert row is not None
    block = panel.view.document().firstBlock()
    start = panel.view.text_map.to_qt(PEOPLE.start + 3)  # "people", only PEOPLE covers it
    labels = {
        str(f.format.property(LABELS_PROPERTY))
        for f in block.layout().formats()
        if f.start <= start - block.position() < f.start + f.length
    }
    assert labels == {OUT_LABEL}
