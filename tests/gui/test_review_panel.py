"""Pieces of the review mode on their own: the article view's dashed outlines, the hover text
saying who chose a span, the words the candidate table and log use, and who may review."""

# ruff: noqa: RUF001
from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import QEvent, QPoint, QRect, Qt
from PySide6.QtGui import QHelpEvent, QImage, QTextCursor
from PySide6.QtWidgets import QApplication, QToolTip
from pytestqt.qtbot import QtBot
from review_support import (
    KUNDUZ,
    REVIEWER,
    TALIBAN,
    key,
    open_review,
    panel_of,
    point_at,
    select,
    team_corpus,
)
from window_support import isolated_settings

from annotator.core.adjudication import Candidate
from annotator.core.labels import default_schema
from annotator.core.spans import Span
from annotator.gui.article_view import ArticleView
from annotator.gui.main_window import MainWindow
from annotator.gui.review.mode import ReviewRefused, create_review_window
from annotator.gui.review.rows import (
    Verdict,
    action_text,
    candidate_rows,
    chosen_by_text,
    decision_text,
)
from annotator.store.adjudication import DecisionRecord
from annotator.store.annotations import StoredSpan

pytestmark = pytest.mark.gui
__all__ = ["isolated_settings", "open_review", "team_corpus"]


def span_rect(view: ArticleView, start: int, end: int) -> QRect:
    cursor = QTextCursor(view.document())
    cursor.setPosition(view.text_map.to_qt(start))
    left = view.cursorRect(cursor)
    cursor.setPosition(view.text_map.to_qt(end))
    right = view.cursorRect(cursor)
    return QRect(left.topLeft(), right.bottomRight())


def test_dashed_spans_are_outlined_and_nothing_else_changes(qtbot: QtBot) -> None:
    view = ArticleView()
    qtbot.addWidget(view)
    view.resize(600, 300)
    view.show()
    qtbot.waitExposed(view)
    text = "Taliban fighters attacked Kunduz on Tuesday."
    kunduz = (text.index("Kunduz"), text.index("Kunduz") + 6)
    view.show_document(
        text, [StoredSpan(*kunduz, "PLACE", 1), StoredSpan(0, 7, "ACTOR", 2)], default_schema()
    )
    plain = view.viewport().grab().toImage()
    view.set_dashed([1, 99])  # 99 is not shown: ignored
    assert view.dashed_spans() == frozenset({1, 99})
    dashed = view.viewport().grab().toImage()
    changed = differing(plain, dashed)
    assert changed, "the outline was drawn"
    around = span_rect(view, *kunduz).adjusted(-4, -4, 4, 4)
    assert all(around.contains(point) for point in changed)
    # A new document starts with no dashed span.
    view.show_document(text, [StoredSpan(*kunduz, "PLACE", 1)], default_schema())
    assert view.dashed_spans() == frozenset()


def differing(first: QImage, second: QImage) -> list[QPoint]:
    return [
        QPoint(x, y)
        for y in range(first.height())
        for x in range(first.width())
        if first.pixel(x, y) != second.pixel(x, y)
    ]


def test_hovering_a_span_says_who_chose_it(
    qtbot: QtBot,
    team_corpus: dict[str, int],
    sqlite_url: str,
    open_review: Callable[..., MainWindow],
) -> None:
    panel = panel_of(open_review(sqlite_url))
    viewport = panel.view.viewport()
    point = point_at(panel.view, KUNDUZ.start + 2)
    event = QHelpEvent(QEvent.Type.ToolTip, point, viewport.mapToGlobal(point))
    QApplication.sendEvent(viewport, event)
    qtbot.waitUntil(QToolTip.isVisible)
    assert QToolTip.text() == (
        "EVENT “Kunduz”: cai (1/3); to decide\nPLACE “Kunduz”: ana, ben (2/3); to decide"
    )
    select(panel, TALIBAN)
    key(panel, Qt.Key.Key_A)
    point = point_at(panel.view, TALIBAN.start + 1)
    QApplication.sendEvent(
        viewport, QHelpEvent(QEvent.Type.ToolTip, point, viewport.mapToGlobal(point))
    )
    qtbot.waitUntil(lambda: "accepted" in QToolTip.text())
    assert QToolTip.text() == "ACTOR “Taliban”: ana, ben, cai (3/3); accepted"


@pytest.mark.usefixtures("team_corpus")
def test_review_mode_is_refused_to_an_annotator(sqlite_url: str) -> None:
    with pytest.raises(ReviewRefused, match="annotator people add ana --role reviewer"):
        create_review_window(sqlite_url, "ana")


def decision(
    action: str, span: Span, original: Span | None = None, reason: str = ""
) -> DecisionRecord:
    return DecisionRecord(1, REVIEWER, action, span, original, (), reason)


def test_rows_know_verdicts_and_say_what_was_decided() -> None:
    place = Span(10, 16, "PLACE")
    event = Span(10, 16, "EVENT")
    longer = Span(10, 25, "PLACE")
    candidates = [
        Candidate(event, ("cai",), 3, False),
        Candidate(place, ("ana", "ben"), 3, True),
        Candidate(longer, (), 3, False),
        Candidate(Span(0, 7, "ACTOR"), ("ana", "ben", "cai"), 3, False),
    ]
    ids = {c.span: n for n, c in enumerate(candidates, 1)}
    relabel = decision("correct", place, original=event)
    rows = candidate_rows(candidates, [relabel], ids)
    assert [row.verdict for row in rows] == [Verdict.OUT, Verdict.IN, Verdict.OPEN, Verdict.OPEN]
    assert [row.to_decide for row in rows] == [False, False, True, False]
    assert decision_text(relabel, event) == "relabelled PLACE"
    assert decision_text(relabel, place) == "corrects EVENT 10–16"
    assert action_text(relabel) == "relabel EVENT → PLACE"
    widen = decision("correct", longer, original=place)
    assert decision_text(widen, place) == "boundaries → 10–25"
    assert action_text(widen) == "boundaries 10–16 → 10–25"
    assert action_text(decision("correct", Span(10, 25, "EVENT"), original=place)) == "correct"
    assert decision_text(decision("correct", Span(0, 3, "EVENT"), original=place), place) == (
        "corrected → EVENT 0–3"
    )
    assert decision_text(decision("reject", place, original=place), place) == "rejected"
    assert decision_text(decision("prefill", place), place) == "pre-filled"
    assert decision_text(None, place) == ""
    assert chosen_by_text(candidates[1]) == "ana, ben (2/3)"
    assert chosen_by_text(candidates[2]) == "reviewer"
