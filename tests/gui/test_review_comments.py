"""Review mode shows what the annotators noted: each candidate's comments (a mark in the
candidate table, the comments in its tooltip and in the article's hover text) and everyone's
notes and flags on the document; a decision on a commented span puts no comment into gold."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from review_support import (
    KUNDUZ,
    TALIBAN,
    TEXT,
    gold_of,
    key,
    open_review,
    panel_of,
    select,
    team_corpus,
)
from window_support import isolated_settings

from annotator.gui.main_window import MainWindow
from annotator.gui.review.candidate_model import CandidateModel
from annotator.gui.review.rows import hover_text
from annotator.store.annotations import spans_of
from annotator.store.notes import DocumentNote, set_note, set_span_comment
from annotator.store.people import GOLD
from annotator.store.store import Store

pytestmark = pytest.mark.gui
__all__ = ["isolated_settings", "open_review", "team_corpus"]


def comment_on(url: str, document_id: int) -> None:
    """ana and ben comment on their Kunduz PLACE span; ana flags the document with a note,
    ben leaves a note."""
    with Store.open(url) as store:
        for who, comment in (("ana", "unsure: town or province?"), ("ben", "check")):
            (kunduz,) = [
                s
                for s in spans_of(store, document_id, who)
                if (s.start, s.end, s.label) == (KUNDUZ.start, KUNDUZ.end, KUNDUZ.label)
            ]
            set_span_comment(store, kunduz.id, comment)
        set_note(store, document_id, "ana", DocumentNote("check with the reviewer", True))
        set_note(store, document_id, "ben", DocumentNote("unsure about 12", False))


def test_review_mode_shows_comments_and_notes(
    qtbot: QtBot,
    sqlite_url: str,
    team_corpus: dict[str, int],
    open_review: Callable[..., MainWindow],
) -> None:
    news = team_corpus["news"]
    comment_on(sqlite_url, news)
    panel = panel_of(open_review(sqlite_url))
    document = panel.session.document
    assert document is not None
    assert document.id == news

    assert panel.notes.isVisible()
    assert panel.notes.text() == ("Notes: ana ⚑ ✎ check with the reviewer · ben ✎ unsure about 12")
    assert panel.notes.toolTip() == ("ana (flagged): check with the reviewer\nben: unsure about 12")

    select(panel, KUNDUZ)
    model = panel.candidates.model
    row = model.row_of(document.row_of(KUNDUZ).id)  # type: ignore[union-attr]
    assert row is not None
    chosen = model.index(row, CandidateModel.CHOSEN_BY)
    assert chosen.data() == "ana, ben (2/3) ✎"
    tip = chosen.data(Qt.ItemDataRole.ToolTipRole)
    assert "✎ ana: unsure: town or province?\n✎ ben: check" in tip
    hover = hover_text(document.rows, TEXT, KUNDUZ.start)
    assert "✎ ana: unsure: town or province?" in hover
    # A candidate nobody commented on has no mark.
    taliban = model.row_of(document.row_of(TALIBAN).id)  # type: ignore[union-attr]
    assert taliban is not None
    assert "✎" not in model.index(taliban, CandidateModel.CHOSEN_BY).data()

    key(panel, Qt.Key.Key_A)  # accept Kunduz: into gold, without anyone's comment
    qtbot.waitUntil(lambda: KUNDUZ in gold_of(sqlite_url, news))
    with Store.open(sqlite_url) as store:
        assert [s.comment for s in spans_of(store, news, GOLD)] == [None]


def test_a_document_without_notes_shows_no_notes_line(
    sqlite_url: str, team_corpus: dict[str, int], open_review: Callable[..., MainWindow]
) -> None:
    panel = panel_of(open_review(sqlite_url))
    assert not panel.notes.isVisible()
